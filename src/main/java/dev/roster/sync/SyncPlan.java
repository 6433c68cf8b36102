package dev.roster.sync;

import java.util.Map;
import java.util.UUID;

/**
 * What applying a staged run would delete, computed in SQL before anything is written, against what the
 * org has now: the deletion threshold (SPEC §7) is checked on it, and applying skips the kept groups it
 * shows unchanged.
 */
public record SyncPlan(long scimGroups, long groupsToDelete, long scimMemberships, long membershipsToRemove,
                       Map<UUID, Long> removalsByKeptGroup) {

    /** How many members the plan removes from a group the run keeps. */
    public long removals(UUID groupId) {
        return removalsByKeptGroup.getOrDefault(groupId, 0L);
    }

    /** More than {@code fraction} of the org's SCIM groups, or of their memberships, would go. */
    public boolean exceeds(double fraction) {
        return groupsToDelete > fraction * scimGroups || membershipsToRemove > fraction * scimMemberships;
    }

    public String describe(double fraction) {
        return "The run would delete " + groupsToDelete + " of the organization's " + scimGroups + " SCIM groups ("
                + percent(groupsToDelete, scimGroups) + ") and remove " + membershipsToRemove + " of their "
                + scimMemberships + " memberships (" + percent(membershipsToRemove, scimMemberships)
                + "), more than the " + Math.round(fraction * 100) + " % safety threshold; nothing was changed."
                + " Check the upstream directory, then run again with {\"force\": true} to apply it.";
    }

    private static String percent(long part, long whole) {
        return whole == 0 ? "0 %" : Math.round(100.0 * part / whole) + " %";
    }
}
