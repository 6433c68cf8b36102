package dev.roster.sync;

import java.util.Collection;
import java.util.Map;
import java.util.UUID;

/**
 * What applying a staged run would delete, computed in SQL before anything is written, against what the
 * org has now: the deletion thresholds ({@link DeletionThreshold}) are checked on it, and applying skips
 * the kept groups it shows unchanged. Right after the groups are read, only the deleted groups are known
 * ({@link #removalsKnown()} false): their memberships are then all the removals counted.
 */
public record SyncPlan(long scimGroups, long groupsToDelete, long scimMemberships, long membershipsToRemove,
                       Map<UUID, KeptGroup> keptGroups, boolean removalsKnown) {

    /** A SCIM group the run keeps, and how many of its members the run removes. */
    public record KeptGroup(UUID id, String externalId, String name, int memberCount, long removals) {
    }

    /** How many members the plan removes from a group the run keeps. */
    public long removals(UUID groupId) {
        KeptGroup group = keptGroups.get(groupId);
        return group == null ? 0 : group.removals();
    }

    public Collection<KeptGroup> kept() {
        return keptGroups.values();
    }
}
