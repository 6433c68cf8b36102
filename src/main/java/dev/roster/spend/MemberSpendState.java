package dev.roster.spend;

import dev.roster.common.Limit;

import java.util.List;
import java.util.UUID;

/**
 * Everything the spend rules need about one member for one month, read in one SQL statement
 * ({@link SpendQueries#memberState}): whether they are active, their individual limit, the limits of
 * their limit-bearing groups, their month-to-date spend, and the org's cap and month-to-date spend.
 */
public record MemberSpendState(UUID memberId, boolean active, Limit individual, List<GroupLimit> groupLimits,
                               long spentCents, Limit orgCap, long orgSpentCents) {

    public EffectiveLimit effective() {
        return SpendLimitResolver.resolve(individual, groupLimits);
    }
}
