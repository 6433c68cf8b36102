package dev.roster.spend;

import dev.roster.common.Limit;

import java.util.UUID;

/**
 * One row of the "By group" report: the group's own limit (null = not set), its members, their total
 * spend in the month, and how many of them are at or over their effective limit (an amount limit with
 * spent ≥ amount; the effective limit may come from an individual limit or another group).
 */
public record GroupUsage(UUID groupId, String name, String source, Limit limit, int memberCount,
                         long spentCents, int membersAtOrOverLimit) {
}
