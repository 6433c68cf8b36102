package dev.roster.sync;

import dev.roster.common.Sql;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
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

    /**
     * The org's SCIM groups, each with whether a run keeps it: its upstream id is staged and it is the
     * oldest group with that id. Parameters: run id, org id.
     */
    static final String LOCAL_GROUPS = """
            SELECT g.id, g.external_id, g.member_count,
                   g.external_id IS NOT NULL
                   AND row_number() OVER (PARTITION BY g.external_id ORDER BY g.created_at, g.id) = 1
                   AND EXISTS (SELECT 1 FROM directory_sync_stage_groups sg
                               WHERE sg.org_id = g.org_id AND sg.run_id = ? AND sg.upstream_id = g.external_id) AS kept
            FROM groups g WHERE g.org_id = ? AND g.source = 'scim'""";

    /** A local group and whether the run keeps it. */
    record LocalGroup(UUID id, String externalId, int memberCount, boolean kept) {
    }

    private final Sql sql;

    public SyncPlanner(Sql sql) {
        this.sql = sql;
    }

    public SyncPlan plan(UUID orgId, UUID runId) {
        List<LocalGroup> groups = localGroups(orgId, runId);
        long memberships = 0;
        long deleted = 0;
        long removed = 0;
        java.util.Map<UUID, Long> removals = new java.util.HashMap<>();
        for (LocalGroup group : groups) {
            memberships += group.memberCount();
            if (!group.kept()) {
                deleted++;
                removed += group.memberCount();
            } else {
                // per group, by index probes: a plan that does not depend on fresh statistics
                long count = sql.count("SELECT count(*) FROM (" + SyncApplier.MEMBERS_TO_REMOVE + ") r",
                        orgId, group.id(), orgId, runId, group.externalId());
                removals.put(group.id(), count);
                removed += count;
            }
        }
        return new SyncPlan(groups.size(), deleted, memberships, removed, removals);
    }

    /** The SCIM groups a run deletes: gone upstream, or a younger duplicate of the same upstream id. */
    public List<UUID> groupsToDelete(UUID orgId, UUID runId) {
        return localGroups(orgId, runId).stream().filter(group -> !group.kept()).map(LocalGroup::id).toList();
    }

    private List<LocalGroup> localGroups(UUID orgId, UUID runId) {
        return sql.query(LOCAL_GROUPS + " ORDER BY g.created_at, g.id", row -> new LocalGroup(row.getObject(1, UUID.class),
                row.getString(2), row.getInt(3), row.getBoolean(4)), runId, orgId);
    }
}
