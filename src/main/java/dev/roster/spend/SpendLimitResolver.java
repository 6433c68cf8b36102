package dev.roster.spend;

import dev.roster.common.Limit;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * THE rule for a member's effective spend limit (SPEC §4); every answer Roster gives about limits
 * (limit views, access, authorize, reports) comes from {@link #resolve}:
 * <ol>
 *   <li>the individual limit, if set (unlimited or an amount), whatever the groups say;</li>
 *   <li>otherwise, among the member's groups that have a limit, the most restrictive: the lowest
 *       amount; unlimited only if every limit-bearing group is unlimited;</li>
 *   <li>otherwise no limit.</li>
 * </ol>
 * The answer names its source: the individual limit, the group(s) that set it, or none.
 */
public final class SpendLimitResolver {

    private static final Comparator<UUID> ID_ORDER = Comparator.comparing(UUID::toString);

    private SpendLimitResolver() {
    }

    /**
     * @param individual the member's individual limit, or null when not set
     * @param groupLimits the limits of the member's groups that have one (groups without a limit are not listed)
     */
    public static EffectiveLimit resolve(Limit individual, Collection<GroupLimit> groupLimits) {
        if (individual != null) {
            return new EffectiveLimit(individual, LimitSource.INDIVIDUAL, List.of());
        }
        long lowest = Long.MAX_VALUE;
        for (GroupLimit group : groupLimits) {
            if (group.limit().isAmount()) {
                lowest = Math.min(lowest, group.limit().amountCents());
            }
        }
        if (lowest != Long.MAX_VALUE) {
            long amount = lowest;
            return new EffectiveLimit(Limit.amount(amount), LimitSource.GROUP, ids(groupLimits.stream()
                    .filter(g -> g.limit().isAmount() && g.limit().amountCents() == amount)));
        }
        if (!groupLimits.isEmpty()) {
            return new EffectiveLimit(Limit.unlimited(), LimitSource.GROUP, ids(groupLimits.stream()));
        }
        return EffectiveLimit.NONE;
    }

    private static List<UUID> ids(Stream<GroupLimit> groups) {
        return groups.map(GroupLimit::groupId).distinct().sorted(ID_ORDER).toList();
    }
}
