package dev.roster.sync;

import dev.roster.common.Sql;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

/**
 * Computes a staged run's {@link SyncPlan} in SQL (one statement, no writes): which SCIM groups are gone
 * upstream (or duplicate another with the same upstream id) and which SCIM-group memberships no upstream
 * membership keeps, resolving upstream users through the saved links and, for users not linked yet,
 * through a case-insensitive userName match, exactly as applying will.
 */
@ApplicationScoped
public class SyncPlanner {

    /**
     * The org's SCIM groups, the oldest of each upstream id first; parameters: org id, run id. A group is
     * kept when its upstream id is staged and it is the oldest with that id.
     */
    static final String LOCAL_GROUPS = """
            local_groups AS (
                SELECT g.id, g.member_count,
                       g.external_id IS NOT NULL
                       AND row_number() OVER (PARTITION BY g.external_id ORDER BY g.created_at, g.id) = 1
                       AND EXISTS (SELECT 1 FROM directory_sync_stage_groups sg
                                   WHERE sg.org_id = g.org_id AND sg.run_id = ? AND sg.upstream_id = g.external_id) AS kept
                FROM groups g WHERE g.org_id = ? AND g.source = 'scim')
            """;

    private final Sql sql;

    public SyncPlanner(Sql sql) {
        this.sql = sql;
    }

    public SyncPlan plan(UUID orgId, UUID runId) {
        return sql.queryOne("WITH " + LOCAL_GROUPS + """
                , resolved AS (
                    SELECT l.upstream_id, l.member_id FROM directory_sync_user_links l WHERE l.org_id = ?
                    UNION
                    SELECT su.upstream_id, m.id FROM directory_sync_stage_users su
                    JOIN members m ON m.org_id = su.org_id AND lower(m.user_name) = lower(su.user_name)
                    WHERE su.org_id = ? AND su.run_id = ?),
                wanted AS (
                    SELECT DISTINCT lg.id AS group_id, r.member_id
                    FROM directory_sync_stage_memberships sm
                    JOIN groups g ON g.org_id = sm.org_id AND g.source = 'scim' AND g.external_id = sm.upstream_group_id
                    JOIN local_groups lg ON lg.id = g.id AND lg.kept
                    JOIN resolved r ON r.upstream_id = sm.upstream_user_id
                    WHERE sm.org_id = ? AND sm.run_id = ?)
                SELECT (SELECT count(*) FROM local_groups) AS scim_groups,
                       (SELECT count(*) FROM local_groups WHERE NOT kept) AS groups_to_delete,
                       (SELECT COALESCE(sum(member_count), 0) FROM local_groups) AS scim_memberships,
                       (SELECT count(*) FROM group_members gm JOIN local_groups lg ON lg.id = gm.group_id
                        WHERE gm.org_id = ?
                          AND NOT EXISTS (SELECT 1 FROM wanted w WHERE w.group_id = gm.group_id AND w.member_id = gm.member_id))
                           AS memberships_to_remove
                """, row -> new SyncPlan(row.getLong(1), row.getLong(2), row.getLong(3), row.getLong(4)),
                runId, orgId, orgId, orgId, runId, orgId, runId, orgId).orElseThrow();
    }

    /** The SCIM groups a run deletes: gone upstream, or a younger duplicate of the same upstream id. */
    public List<UUID> groupsToDelete(UUID orgId, UUID runId) {
        return sql.query("WITH " + LOCAL_GROUPS + " SELECT id FROM local_groups WHERE NOT kept ORDER BY id",
                row -> row.getObject(1, UUID.class), runId, orgId);
    }
}
