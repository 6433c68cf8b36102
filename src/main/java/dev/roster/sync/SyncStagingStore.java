package dev.roster.sync;

import dev.roster.common.Sql;
import dev.roster.sync.connector.UpstreamGroup;
import dev.roster.sync.connector.UpstreamUser;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A run's staging area: what it read from the upstream, written page by page as set inserts (so memory
 * holds one page at a time), then read back in keyset-ordered chunks while applying. Nothing here is the
 * org's data; it is deleted when the run ends. Runs in the caller's transaction.
 */
@ApplicationScoped
public class SyncStaging {

    /** A staged upstream group, in upstream order. */
    public record StagedGroup(String upstreamId, String displayName, int position) {
    }

    private final Sql sql;

    public SyncStaging(Sql sql) {
        this.sql = sql;
    }

    /** Stages one page of groups and their memberships; answers how many groups were new to the run. */
    public int stageGroups(UUID orgId, UUID runId, List<UpstreamGroup> groups, int firstPosition) {
        List<String> ids = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<String> positions = new ArrayList<>();
        List<String> memberGroups = new ArrayList<>();
        List<String> memberUsers = new ArrayList<>();
        int position = firstPosition;
        for (UpstreamGroup group : groups) {
            ids.add(group.id());
            names.add(group.displayName());
            positions.add(Integer.toString(position++));
            for (String member : group.memberIds()) {
                memberGroups.add(group.id());
                memberUsers.add(member);
            }
        }
        int staged = sql.update("""
                INSERT INTO directory_sync_stage_groups (org_id, run_id, upstream_id, display_name, position)
                SELECT ?, ?, t.id, t.name, t.position::integer FROM unnest(?::text[], ?::text[], ?::text[]) AS t(id, name, position)
                ON CONFLICT DO NOTHING""", orgId, runId, ids, names, positions);
        if (!memberUsers.isEmpty()) {
            // users already linked to a member are resolved on the way in (a re-sync needs no other look-up)
            sql.update("""
                    INSERT INTO directory_sync_stage_memberships (org_id, run_id, upstream_group_id, upstream_user_id, member_id)
                    SELECT ?, ?, t.g, t.u, l.member_id FROM unnest(?::text[], ?::text[]) AS t(g, u)
                    LEFT JOIN directory_sync_user_links l ON l.org_id = ? AND l.upstream_id = t.u
                    ON CONFLICT DO NOTHING""", orgId, runId, memberGroups, memberUsers, orgId);
        }
        return staged;
    }

    public void stageUsers(UUID orgId, UUID runId, List<UpstreamUser> users) {
        if (users.isEmpty()) {
            return;
        }
        List<String> ids = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<String> documents = new ArrayList<>();
        for (UpstreamUser user : users) {
            ids.add(user.id());
            names.add(user.userName());
            documents.add(user.documentJson());
        }
        sql.update("""
                INSERT INTO directory_sync_stage_users (org_id, run_id, upstream_id, user_name, document)
                SELECT ?, ?, t.id, t.name, t.doc::jsonb FROM unnest(?::text[], ?::text[], ?::text[]) AS t(id, name, doc)
                ON CONFLICT DO NOTHING""", orgId, runId, ids, names, documents);
    }

    /** Refreshes the planner statistics of the staging tables: just filled, they have none or stale ones. */
    public void analyze() {
        sql.update("ANALYZE directory_sync_stage_groups, directory_sync_stage_memberships, directory_sync_stage_users");
    }

    /** Marks the staged users some staged group lists (a full user scan also stages others). */
    public void markReferenced(UUID orgId, UUID runId) {
        sql.update("ANALYZE directory_sync_stage_users");
        sql.update("""
                UPDATE directory_sync_stage_users su SET referenced = true
                WHERE su.org_id = ? AND su.run_id = ?
                  AND EXISTS (SELECT 1 FROM directory_sync_stage_memberships sm
                              WHERE sm.org_id = su.org_id AND sm.run_id = su.run_id AND sm.upstream_user_id = su.upstream_id)""",
                orgId, runId);
        sql.update("ANALYZE directory_sync_stage_users");
    }

    /** Fills in the member of staged memberships whose upstream user has been linked since staging. */
    public void resolveMembers(UUID orgId, UUID runId) {
        sql.update("""
                UPDATE directory_sync_stage_memberships sm SET member_id = l.member_id
                FROM directory_sync_user_links l
                WHERE sm.org_id = ? AND sm.run_id = ? AND sm.member_id IS NULL
                  AND l.org_id = sm.org_id AND l.upstream_id = sm.upstream_user_id""", orgId, runId);
    }

    /** How many distinct users the staged groups reference that no link resolves yet. */
    public long countUnknownUsers(UUID orgId, UUID runId) {
        return sql.count("""
                SELECT count(DISTINCT upstream_user_id) FROM directory_sync_stage_memberships
                WHERE org_id = ? AND run_id = ? AND member_id IS NULL""", orgId, runId);
    }

    /** The next chunk of referenced upstream user ids that no link resolves and no staged user answers. */
    public List<String> unknownUsers(UUID orgId, UUID runId, String after, int limit) {
        return sql.query("""
                SELECT DISTINCT sm.upstream_user_id FROM directory_sync_stage_memberships sm
                WHERE sm.org_id = ? AND sm.run_id = ? AND sm.upstream_user_id > ? AND sm.member_id IS NULL
                  AND NOT EXISTS (SELECT 1 FROM directory_sync_stage_users su
                                  WHERE su.org_id = sm.org_id AND su.run_id = sm.run_id AND su.upstream_id = sm.upstream_user_id)
                ORDER BY sm.upstream_user_id LIMIT ?""", row -> row.getString(1), orgId, runId, after, limit);
    }

    /** Staged groups in upstream order, after {@code afterPosition}. */
    public List<StagedGroup> groups(UUID orgId, UUID runId, int afterPosition, int limit) {
        return sql.query("""
                SELECT upstream_id, display_name, position FROM directory_sync_stage_groups
                WHERE org_id = ? AND run_id = ? AND position > ? ORDER BY position LIMIT ?""",
                row -> new StagedGroup(row.getString(1), row.getString(2), row.getInt(3)), orgId, runId, afterPosition, limit);
    }

    public void clear(UUID orgId, UUID runId) {
        sql.update("DELETE FROM directory_sync_stage_memberships WHERE org_id = ? AND run_id = ?", orgId, runId);
        sql.update("DELETE FROM directory_sync_stage_users WHERE org_id = ? AND run_id = ?", orgId, runId);
        sql.update("DELETE FROM directory_sync_stage_groups WHERE org_id = ? AND run_id = ?", orgId, runId);
    }
}
