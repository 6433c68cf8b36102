package dev.roster.spend;

import dev.roster.common.Limit;

import java.time.YearMonth;
import java.util.UUID;

/**
 * A member's spend limit as the admin API shows it (SPEC §9): the individual limit (null = not set),
 * the effective one with its source, and the month's spend and what remains of the effective limit
 * (limit − spent, never below 0; null unless the effective limit is an amount).
 */
public record SpendLimitView(UUID memberId, Limit individual, EffectiveLimit effective, String month,
                             long spentCents, Long remainingCents) {

    public static SpendLimitView of(MemberSpendState state, YearMonth month) {
        EffectiveLimit effective = state.effective();
        return new SpendLimitView(state.memberId(), state.individual(), effective, month.toString(),
                state.spentCents(), effective.remaining(state.spentCents()));
    }
}
