package dev.roster.sync;

import dev.roster.sync.connector.UpstreamGroup;
import dev.roster.sync.connector.UpstreamUser;
import jakarta.enterprise.context.ApplicationScoped;
import org.jdbi.v3.core.Jdbi;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A run's staging area: what it read from the upstream, written page by page as set inserts (so memory
 * holds one page at a time), then read back in keyset-ordered chunks while applying. Nothing here is the
 * org's data; it is deleted when the run ends. Each statement stands alone (auto-commit) unless the
 * caller runs it in a transaction.
 */
@ApplicationScoped
public class SyncStagingStore {

    /** A staged upstream group, in upstream order. */
    public record StagedGroup(String upstreamId, String displayName, int position) {
    }

    /** A staged upstream user to become a member; {@code lowerName} is the keyset position with {@code upstreamId}. */
    public record StagedUser(String upstreamId, String userName, String lowerName, boolean active, String documentJson) {
    }

    static final String STAGE_GROUPS = """
            INSERT INTO directory_sync_stage_groups (org_id, run_id, upstream_id, display_name, position)
            SELECT :orgId, :runId, t.id, t.name, t.position FROM unnest(:ids, :names, :positions) AS t(id, name, position)
            ON CONFLICT DO NOTHING""";

    /** Users already linked to a member are resolved on the way in (a re-sync needs no other look-up). */
    static final String STAGE_MEMBERSHIPS = """
            INSERT INTO directory_sync_stage_memberships (org_id, run_id, upstream_group_id, upstream_user_id, member_id)
            SELECT :orgId, :runId, t.g, t.u, l.member_id FROM unnest(:groupIds, :userIds) AS t(g, u)
            LEFT JOIN directory_sync_user_links l ON l.org_id = :orgId AND l.upstream_id = t.u
            ON CONFLICT DO NOTHING""";

    static final String STAGE_USERS = """
            INSERT INTO directory_sync_stage_users (org_id, run_id, upstream_id, user_name, active, document)
            SELECT :orgId, :runId, t.id, t.name, t.active, t.doc::jsonb
            FROM unnest(:ids, :names, :actives, :documents) AS t(id, name, active, doc)
            ON CONFLICT DO NOTHING""";

    static final String ANALYZE = "ANALYZE directory_sync_stage_groups, directory_sync_stage_memberships, directory_sync_stage_users";

    static final String ANALYZE_USERS = "ANALYZE directory_sync_stage_users";

    static final String ANALYZE_MEMBERSHIPS = "ANALYZE directory_sync_stage_memberships";

    /** The staged users some staged group lists (a full user scan also stages others). */
    static final String MARK_REFERENCED = """
            UPDATE directory_sync_stage_users su SET referenced = true
            WHERE su.org_id = :orgId AND su.run_id = :runId
              AND EXISTS (SELECT 1 FROM directory_sync_stage_memberships sm
                          WHERE sm.org_id = su.org_id AND sm.run_id = su.run_id AND sm.upstream_user_id = su.upstream_id)""";

    /** Fills in the member of staged memberships whose upstream user has been linked since staging. */
    static final String RESOLVE_MEMBERS = """
            UPDATE directory_sync_stage_memberships sm SET member_id = l.member_id
            FROM directory_sync_user_links l
            WHERE sm.org_id = :orgId AND sm.run_id = :runId AND sm.member_id IS NULL
              AND l.org_id = sm.org_id AND l.upstream_id = sm.upstream_user_id""";

    static final String COUNT_UNKNOWN_USERS = """
            SELECT count(DISTINCT upstream_user_id) FROM directory_sync_stage_memberships
            WHERE org_id = :orgId AND run_id = :runId AND member_id IS NULL""";

    /** Referenced upstream users that no link resolves and no staged user answers. */
    private static final String UNSERVED = """
            SELECT DISTINCT sm.upstream_user_id FROM directory_sync_stage_memberships sm
            WHERE sm.org_id = :orgId AND sm.run_id = :runId AND sm.member_id IS NULL
              AND NOT EXISTS (SELECT 1 FROM directory_sync_stage_users su
                              WHERE su.org_id = sm.org_id AND su.run_id = sm.run_id AND su.upstream_id = sm.upstream_user_id)""";

    /** The next chunk of unserved user ids after a keyset position. */
    static final String UNSERVED_AFTER = UNSERVED + """

              AND sm.upstream_user_id > :after
            ORDER BY sm.upstream_user_id LIMIT :limit""";

    static final String COUNT_UNSERVED = "SELECT count(*) FROM (" + UNSERVED + ") u";

    static final String UNSERVED_EXAMPLES = "SELECT u.upstream_user_id FROM (" + UNSERVED + ") u ORDER BY 1 LIMIT :limit";

    /** Referenced, unlinked staged users without a usable userName. */
    static final String NAMELESS = """
            SELECT su.upstream_id FROM directory_sync_stage_users su
            WHERE su.org_id = :orgId AND su.run_id = :runId AND (su.user_name IS NULL OR btrim(su.user_name) = '')
              AND\s""" + SyncLinkStore.REFERENCED_UNLINKED + """

            ORDER BY su.upstream_id""";

    /** Referenced, unlinked staged users to create, after a keyset position. */
    static final String USERS_TO_CREATE = """
            SELECT su.upstream_id, su.user_name, lower(su.user_name) AS lower_name, su.active, su.document::text AS document
            FROM directory_sync_stage_users su
            WHERE su.org_id = :orgId AND su.run_id = :runId AND su.user_name IS NOT NULL AND btrim(su.user_name) <> ''
              AND (lower(su.user_name), su.upstream_id) > (:afterName, :afterId)
              AND\s""" + SyncLinkStore.REFERENCED_UNLINKED + """

            ORDER BY lower(su.user_name), su.upstream_id LIMIT :limit""";

    /** The further staged users to create with the same userName as a keyset position. */
    static final String SAME_NAME_TO_CREATE = """
            SELECT su.upstream_id, su.user_name, lower(su.user_name) AS lower_name, su.active, su.document::text AS document
            FROM directory_sync_stage_users su
            WHERE su.org_id = :orgId AND su.run_id = :runId AND lower(su.user_name) = :afterName AND su.upstream_id > :afterId
              AND\s""" + SyncLinkStore.REFERENCED_UNLINKED + """

            ORDER BY su.upstream_id""";

    /**
     * Upstream users that link to a member, are listed by one of the given upstream groups and were not
     * served in this run yet: the known users a run re-checks.
     */
    static final String LINKED_UNSERVED_MEMBERS_OF = """
            SELECT DISTINCT sm.upstream_user_id FROM directory_sync_stage_memberships sm
            WHERE sm.org_id = :orgId AND sm.run_id = :runId AND sm.upstream_group_id = ANY(:groupIds)
              AND sm.member_id IS NOT NULL AND sm.upstream_user_id > :after
              AND NOT EXISTS (SELECT 1 FROM directory_sync_stage_users su
                              WHERE su.org_id = sm.org_id AND su.run_id = sm.run_id AND su.upstream_id = sm.upstream_user_id)
            ORDER BY sm.upstream_user_id LIMIT :limit""";

    /** Upstream users the org's members were suspended for and that were not served in this run yet. */
    static final String SUSPENDED_UNSERVED = """
            SELECT l.upstream_id FROM directory_sync_user_links l
            WHERE l.org_id = :orgId AND l.suspended AND l.upstream_id > :after
              AND NOT EXISTS (SELECT 1 FROM directory_sync_stage_users su
                              WHERE su.org_id = l.org_id AND su.run_id = :runId AND su.upstream_id = l.upstream_id)
            ORDER BY l.upstream_id LIMIT :limit""";

    /** Memberships of upstream users the upstream no longer serves: nobody, so they are removed. */
    static final String UNRESOLVE = """
            UPDATE directory_sync_stage_memberships SET member_id = NULL
            WHERE org_id = :orgId AND run_id = :runId AND upstream_user_id = ANY(:upstreamIds)""";

    static final String GROUP_IDS = """
            SELECT upstream_id FROM directory_sync_stage_groups WHERE org_id = :orgId AND run_id = :runId ORDER BY position""";

    static final String GROUPS_AFTER = """
            SELECT upstream_id, display_name, position FROM directory_sync_stage_groups
            WHERE org_id = :orgId AND run_id = :runId AND position > :after ORDER BY position LIMIT :limit""";

    static final String CLEAR = """
            WITH memberships AS (DELETE FROM directory_sync_stage_memberships WHERE org_id = :orgId AND run_id = :runId),
                 users AS (DELETE FROM directory_sync_stage_users WHERE org_id = :orgId AND run_id = :runId)
            DELETE FROM directory_sync_stage_groups WHERE org_id = :orgId AND run_id = :runId""";

    private final Jdbi jdbi;

    public SyncStagingStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Stages one page of groups and their memberships. */
    public void stageGroups(UUID orgId, UUID runId, List<UpstreamGroup> groups, int firstPosition) {
        List<String> ids = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        List<String> memberGroups = new ArrayList<>();
        List<String> memberUsers = new ArrayList<>();
        int position = firstPosition;
        for (UpstreamGroup group : groups) {
            ids.add(group.id());
            names.add(group.displayName());
            positions.add(position++);
            for (String member : group.memberIds()) {
                memberGroups.add(group.id());
                memberUsers.add(member);
            }
        }
        jdbi.useHandle(h -> {
            h.createUpdate(STAGE_GROUPS).bind("orgId", orgId).bind("runId", runId)
                    .bindArray("ids", String.class, ids).bindArray("names", String.class, names)
                    .bindArray("positions", Integer.class, positions).execute();
            if (!memberUsers.isEmpty()) {
                h.createUpdate(STAGE_MEMBERSHIPS).bind("orgId", orgId).bind("runId", runId)
                        .bindArray("groupIds", String.class, memberGroups).bindArray("userIds", String.class, memberUsers)
                        .execute();
            }
        });
    }

    public void stageUsers(UUID orgId, UUID runId, List<UpstreamUser> users) {
        if (users.isEmpty()) {
            return;
        }
        List<String> ids = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<Boolean> actives = new ArrayList<>();
        List<String> documents = new ArrayList<>();
        for (UpstreamUser user : users) {
            ids.add(user.id());
            names.add(user.userName());
            actives.add(user.active());
            documents.add(user.documentJson());
        }
        jdbi.useHandle(h -> h.createUpdate(STAGE_USERS).bind("orgId", orgId).bind("runId", runId)
                .bindArray("ids", String.class, ids).bindArray("names", String.class, names)
                .bindArray("actives", Boolean.class, actives).bindArray("documents", String.class, documents).execute());
    }

    /** Refreshes the planner statistics of the staging tables: just filled, they have none or stale ones. */
    public void analyze() {
        jdbi.useHandle(h -> h.execute(ANALYZE));
    }

    public void analyzeMemberships() {
        jdbi.useHandle(h -> h.execute(ANALYZE_MEMBERSHIPS));
    }

    /** Marks the staged users some staged group lists (a full user scan also stages others). */
    public void markReferenced(UUID orgId, UUID runId) {
        jdbi.useHandle(h -> {
            h.execute(ANALYZE_USERS);
            h.createUpdate(MARK_REFERENCED).bind("orgId", orgId).bind("runId", runId).execute();
            h.execute(ANALYZE_USERS);
        });
    }

    public void resolveMembers(UUID orgId, UUID runId) {
        jdbi.useHandle(h -> h.createUpdate(RESOLVE_MEMBERS).bind("orgId", orgId).bind("runId", runId).execute());
    }

    /** How many distinct users the staged groups reference that no link resolves yet. */
    public long countUnknownUsers(UUID orgId, UUID runId) {
        return jdbi.withHandle(h -> h.createQuery(COUNT_UNKNOWN_USERS).bind("orgId", orgId).bind("runId", runId)
                .mapTo(Long.class).one());
    }

    /** The next chunk of referenced upstream user ids that no link resolves and no staged user answers. */
    public List<String> unservedUsers(UUID orgId, UUID runId, String after, int limit) {
        return jdbi.withHandle(h -> h.createQuery(UNSERVED_AFTER).bind("orgId", orgId).bind("runId", runId)
                .bind("after", after).bind("limit", limit).mapTo(String.class).list());
    }

    public long countUnservedUsers(UUID orgId, UUID runId) {
        return jdbi.withHandle(h -> h.createQuery(COUNT_UNSERVED).bind("orgId", orgId).bind("runId", runId)
                .mapTo(Long.class).one());
    }

    public List<String> unservedExamples(UUID orgId, UUID runId, int limit) {
        return jdbi.withHandle(h -> h.createQuery(UNSERVED_EXAMPLES).bind("orgId", orgId).bind("runId", runId)
                .bind("limit", limit).mapTo(String.class).list());
    }

    /** Referenced users that no link resolves and that the upstream served without a userName. */
    public List<String> namelessUsers(UUID orgId, UUID runId) {
        return jdbi.withHandle(h -> h.createQuery(NAMELESS).bind("orgId", orgId).bind("runId", runId)
                .mapTo(String.class).list());
    }

    /**
     * The next {@code limit} users to create after the keyset position, plus the further users sharing
     * the last one's userName (they become one member, so a chunk never splits them).
     */
    public List<StagedUser> usersToCreate(UUID orgId, UUID runId, String afterName, String afterId, int limit) {
        return jdbi.withHandle(h -> {
            List<StagedUser> rows = new ArrayList<>(h.createQuery(USERS_TO_CREATE).bind("orgId", orgId).bind("runId", runId)
                    .bind("afterName", afterName).bind("afterId", afterId).bind("limit", limit)
                    .map((row, context) -> stagedUser(row)).list());
            if (rows.size() == limit) {
                StagedUser last = rows.get(rows.size() - 1);
                rows.addAll(h.createQuery(SAME_NAME_TO_CREATE).bind("orgId", orgId).bind("runId", runId)
                        .bind("afterName", last.lowerName()).bind("afterId", last.upstreamId())
                        .map((row, context) -> stagedUser(row)).list());
            }
            return rows;
        });
    }

    /** The next chunk of linked, not yet served members of the given upstream groups. */
    public List<String> linkedUnservedMembersOf(UUID orgId, UUID runId, List<String> upstreamGroupIds, String after, int limit) {
        return jdbi.withHandle(h -> h.createQuery(LINKED_UNSERVED_MEMBERS_OF).bind("orgId", orgId).bind("runId", runId)
                .bindArray("groupIds", String.class, upstreamGroupIds).bind("after", after).bind("limit", limit)
                .mapTo(String.class).list());
    }

    /** The next chunk of upstream users a run suspended members for, not yet served in this run. */
    public List<String> suspendedUnserved(UUID orgId, UUID runId, String after, int limit) {
        return jdbi.withHandle(h -> h.createQuery(SUSPENDED_UNSERVED).bind("orgId", orgId).bind("runId", runId)
                .bind("after", after).bind("limit", limit).mapTo(String.class).list());
    }

    /** Resolves the staged memberships of these upstream users to nobody. */
    public void unresolve(UUID orgId, UUID runId, List<String> upstreamIds) {
        jdbi.useHandle(h -> h.createUpdate(UNRESOLVE).bind("orgId", orgId).bind("runId", runId)
                .bindArray("upstreamIds", String.class, upstreamIds).execute());
    }

    /** Every staged upstream group id, in upstream order. */
    public List<String> groupIds(UUID orgId, UUID runId) {
        return jdbi.withHandle(h -> h.createQuery(GROUP_IDS).bind("orgId", orgId).bind("runId", runId).mapTo(String.class).list());
    }

    /** Staged groups in upstream order, after {@code afterPosition}. */
    public List<StagedGroup> groups(UUID orgId, UUID runId, int afterPosition, int limit) {
        return jdbi.withHandle(h -> h.createQuery(GROUPS_AFTER).bind("orgId", orgId).bind("runId", runId)
                .bind("after", afterPosition).bind("limit", limit)
                .map((row, context) -> new StagedGroup(row.getString("upstream_id"), row.getString("display_name"),
                        row.getInt("position")))
                .list());
    }

    public void clear(UUID orgId, UUID runId) {
        jdbi.useHandle(h -> h.createUpdate(CLEAR).bind("orgId", orgId).bind("runId", runId).execute());
    }

    private static StagedUser stagedUser(ResultSet row) throws SQLException {
        return new StagedUser(row.getString("upstream_id"), row.getString("user_name"), row.getString("lower_name"),
                row.getBoolean("active"), row.getString("document"));
    }
}
