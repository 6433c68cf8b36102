package dev.roster.sync;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Computes a staged run's {@link SyncPlan} in SQL, with no writes, once upstream users are resolved to
 * existing members (links and userName matches): which SCIM groups are gone upstream (or duplicate an
 * older group with the same upstream id), and which memberships of the groups that stay no upstream
 * membership keeps. Users not yet members cannot be in a group, so the count is exact. It is counted group
 * by group with index probes, so its cost follows the org's memberships whatever the table statistics say
 * (right after a large first sync they are stale).
 */
@ApplicationScoped
public class SyncPlanner {

    private final SyncDiffStore diff;

    public SyncPlanner(SyncDiffStore diff) {
        this.diff = diff;
    }

    public SyncPlan plan(UUID orgId, UUID runId) {
        List<SyncDiffStore.LocalGroup> groups = diff.localGroups(orgId, runId);
        long memberships = 0;
        long deleted = 0;
        long removed = 0;
        Map<UUID, Long> removals = new HashMap<>();
        for (SyncDiffStore.LocalGroup group : groups) {
            memberships += group.memberCount();
            if (!group.kept()) {
                deleted++;
                removed += group.memberCount();
            } else {
                long count = diff.countMembersToRemove(orgId, runId, group.id(), group.externalId());
                removals.put(group.id(), count);
                removed += count;
            }
        }
        return new SyncPlan(groups.size(), deleted, memberships, removed, removals);
    }

    /** The SCIM groups a run deletes: gone upstream, or a younger duplicate of the same upstream id. */
    public List<UUID> groupsToDelete(UUID orgId, UUID runId) {
        return diff.localGroups(orgId, runId).stream().filter(group -> !group.kept()).map(SyncDiffStore.LocalGroup::id).toList();
    }
}
