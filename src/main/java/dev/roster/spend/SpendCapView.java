package dev.roster.spend;

import dev.roster.common.Limit;

/**
 * The org spend cap with the org's spend in {@code month}; spendCap null = no cap, remainingCents
 * null unless the cap is an amount (cap − spent, never below 0).
 */
public record SpendCapView(Limit spendCap, String month, long spentCents, Long remainingCents) {
}
