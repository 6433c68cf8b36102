package dev.roster.sync;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Computes a staged run's {@link SyncPlan} in SQL, with no writes: which SCIM groups are gone upstream (or
 * duplicate an older group with the same upstream id) and, once upstream users are resolved to existing
 * members (links and userName matches), which memberships of the groups that stay no upstream membership
 * keeps. Users not yet members cannot be in a group, so the count is exact. It is counted group by group
 * with index probes, so its cost follows the org's memberships whatever the table statistics say (right
 * after a large first sync they are stale).
 */
@ApplicationScoped
public class SyncPlanner {

    private final SyncDiffStore diff;

    public SyncPlanner(SyncDiffStore diff) {
        this.diff = diff;
    }

    /** The groups the run deletes, known as soon as the upstream groups are staged. */
    public SyncPlan groupsOnly(UUID orgId, UUID runId) {
        return plan(orgId, runId, false);
    }

    public SyncPlan plan(UUID orgId, UUID runId) {
        return plan(orgId, runId, true);
    }

    private SyncPlan plan(UUID orgId, UUID runId, boolean countRemovals) {
        List<SyncDiffStore.LocalGroup> groups = diff.localGroups(orgId, runId);
        long memberships = 0;
        long deleted = 0;
        long removed = 0;
        Map<UUID, SyncPlan.KeptGroup> kept = new LinkedHashMap<>();
        for (SyncDiffStore.LocalGroup group : groups) {
            memberships += group.memberCount();
            if (!group.kept()) {
                deleted++;
                removed += group.memberCount();
            } else {
                long count = countRemovals ? diff.countMembersToRemove(orgId, runId, group.id(), group.externalId()) : 0;
                kept.put(group.id(), new SyncPlan.KeptGroup(group.id(), group.externalId(), group.name(), group.memberCount(), count));
                removed += count;
            }
        }
        return new SyncPlan(groups.size(), deleted, memberships, removed, kept, countRemovals);
    }

    /** The SCIM groups a run deletes: gone upstream, or a younger duplicate of the same upstream id. */
    public List<UUID> groupsToDelete(UUID orgId, UUID runId) {
        return diff.localGroups(orgId, runId).stream().filter(group -> !group.kept()).map(SyncDiffStore.LocalGroup::id).toList();
    }
}
