package dev.roster.spend;

import java.util.UUID;

/** One row of the "By member" report: the member's spend in the month against their current effective limit. */
public record MemberUsage(UUID memberId, String userName, String displayName, boolean active, long spentCents,
                          EffectiveLimit effective, Long remainingCents, boolean atOrOverLimit) {
}
