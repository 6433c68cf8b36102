package dev.roster.sync;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The safety thresholds of SPEC §7: a run stops before writing anything if it would delete more than
 * {@code max-delete-fraction} of the org's SCIM groups or of their memberships, or remove more than
 * {@code max-group-remove-fraction} of the members of one group of at least
 * {@code group-threshold-min-members}, unless the run is forced.
 */
@ApplicationScoped
public class DeletionThreshold {

    private static final int GROUPS_NAMED = 3;

    private final SyncSettings settings;

    public DeletionThreshold(SyncSettings settings) {
        this.settings = settings;
    }

    /** Why the run must stop, if it must. */
    public Optional<String> refusal(SyncPlan plan) {
        double fraction = settings.maxDeleteFraction();
        boolean orgWide = plan.groupsToDelete() > fraction * plan.scimGroups()
                || plan.membershipsToRemove() > fraction * plan.scimMemberships();
        List<SyncPlan.KeptGroup> groups = plan.kept().stream().filter(this::exceeds)
                .sorted(Comparator.comparingDouble((SyncPlan.KeptGroup g) -> -share(g)).thenComparing(SyncPlan.KeptGroup::name))
                .toList();
        if (!orgWide && groups.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder why = new StringBuilder("The run would delete ").append(plan.groupsToDelete()).append(" of the organization's ")
                .append(plan.scimGroups()).append(" SCIM groups (").append(percent(plan.groupsToDelete(), plan.scimGroups()))
                .append(") and remove ").append(plan.membershipsToRemove()).append(" of their ").append(plan.scimMemberships())
                .append(" memberships (").append(percent(plan.membershipsToRemove(), plan.scimMemberships())).append(")");
        if (!plan.removalsKnown()) {
            why.append(", counting only the memberships of the deleted groups (checked as soon as the groups were read)");
        }
        if (orgWide) {
            why.append(", more than the ").append(Math.round(fraction * 100)).append(" % safety threshold");
        }
        if (!groups.isEmpty()) {
            List<String> named = new ArrayList<>();
            groups.stream().limit(GROUPS_NAMED).forEach(g -> named.add(g.removals() + " of the " + g.memberCount() + " members of '"
                    + g.name() + "' (" + percent(g.removals(), g.memberCount()) + ")"));
            why.append(orgWide ? "; and it would remove " : ", and it would remove ").append(String.join(", ", named));
            if (groups.size() > GROUPS_NAMED) {
                why.append(" and as much of ").append(groups.size() - GROUPS_NAMED).append(" more group(s)");
            }
            why.append(", more than the ").append(Math.round(settings.maxGroupRemoveFraction() * 100))
                    .append(" % allowed for a group of ").append(settings.groupThresholdMinMembers()).append(" or more members");
        }
        why.append("; nothing was changed. Check the upstream directory, then run again with {\"force\": true} to apply it.");
        return Optional.of(why.toString());
    }

    private boolean exceeds(SyncPlan.KeptGroup group) {
        return group.memberCount() >= settings.groupThresholdMinMembers()
                && group.removals() > settings.maxGroupRemoveFraction() * group.memberCount();
    }

    private static double share(SyncPlan.KeptGroup group) {
        return group.memberCount() == 0 ? 0 : (double) group.removals() / group.memberCount();
    }

    private static String percent(long part, long whole) {
        return whole == 0 ? "0 %" : Math.round(100.0 * part / whole) + " %";
    }
}
