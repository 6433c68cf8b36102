package dev.roster.sync;

import dev.roster.common.Actor;
import dev.roster.common.DomainException;
import dev.roster.common.ErrorCode;
import dev.roster.common.Sql;
import dev.roster.groups.Group;
import dev.roster.groups.GroupService;
import dev.roster.groups.GroupSource;
import dev.roster.members.Member;
import dev.roster.members.MemberProfile;
import dev.roster.members.MemberService;
import dev.roster.members.InvitationService;
import dev.roster.members.OrgRole;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Applies a staged, planned run to the org through the domain services, attributed to the sync actor
 * (so every change is audited as the sync's, and group mappings are re-applied by the
 * {@code MembershipChanged} events the group service fires):
 * <ol>
 *   <li>upstream users are resolved to members: already linked, or an existing member with the same
 *       userName (case-insensitively), or a new {@code scimManaged} member (in chunks of
 *       {@code roster.sync.member-chunk-size} per transaction);</li>
 *   <li>SCIM groups gone upstream are deleted (one transaction each), which also frees room under the cap;</li>
 *   <li>each upstream group, in upstream order and in one transaction of its own, is created, renamed and
 *       given exactly its upstream members as two set differences (nothing is deleted and re-added).
 *       A group that cannot be applied (cap, name taken by a manual group, invalid name) is rolled back
 *       whole and reported; name clashes are retried once at the end (a rename chain).</li>
 * </ol>
 * Manual groups are never read or written; existing members' profiles and roles are not changed (group
 * mappings aside), so the primary owner is never touched.
 */
@ApplicationScoped
public class SyncApplier {

    private static final int GROUP_BATCH = 200;
    private static final int APPLY_TIMEOUT_SECONDS = 600;

    /** Upstream users referenced by a group, linked to no member yet. */
    private static final String REFERENCED_UNLINKED = """
            su.referenced
            AND NOT EXISTS (SELECT 1 FROM directory_sync_user_links l WHERE l.org_id = su.org_id AND l.upstream_id = su.upstream_id)
            """;

    private final Sql sql;
    private final GroupService groups;
    private final MemberService members;
    private final InvitationService invitations;
    private final UpstreamProfiles profiles;
    private final SyncStaging staging;
    private final SyncPlanner planner;
    private final SyncSettings settings;
    private final EntityManager em;

    public SyncApplier(EntityManager em, Sql sql, GroupService groups, MemberService members, InvitationService invitations,
                       UpstreamProfiles profiles, SyncStaging staging, SyncPlanner planner, SyncSettings settings) {
        this.sql = sql;
        this.groups = groups;
        this.members = members;
        this.invitations = invitations;
        this.profiles = profiles;
        this.staging = staging;
        this.planner = planner;
        this.settings = settings;
        this.em = em;
    }

    /**
     * Resolves upstream users to existing members by userName (a link, not a change to the org), so
     * that the plan can count exactly what the run would remove.
     */
    void linkExisting(UUID orgId, UUID runId) {
        tx(() -> {
            linkExistingMembers(orgId, runId);
            staging.resolveMembers(orgId, runId);
            sql.update("ANALYZE directory_sync_user_links, directory_sync_stage_memberships");
            return null;
        });
    }

    void apply(UUID orgId, UUID runId, SyncPlan plan, RunTally tally) {
        Actor actor = Actor.sync(orgId, runId);
        long start = System.nanoTime();
        createMembers(actor, runId, tally);
        tx(() -> {
            staging.resolveMembers(orgId, runId);
            return null;
        });
        reportUnresolvableUsers(orgId, runId, tally);
        tally.membersNanos = System.nanoTime() - start;
        start = System.nanoTime();
        deleteGoneGroups(actor, runId, tally);
        applyGroups(actor, runId, plan, tally);
        tally.groupsNanos = System.nanoTime() - start;
    }

    // ---- members -------------------------------------------------------------------------------

    private int linkExistingMembers(UUID orgId, UUID runId) {
        return sql.update("""
                INSERT INTO directory_sync_user_links (org_id, upstream_id, member_id)
                SELECT su.org_id, su.upstream_id, m.id
                FROM directory_sync_stage_users su
                JOIN members m ON m.org_id = su.org_id AND lower(m.user_name) = lower(su.user_name)
                WHERE su.org_id = ? AND su.run_id = ? AND\s""" + REFERENCED_UNLINKED + " ON CONFLICT DO NOTHING", orgId, runId);
    }

    private void reportUnresolvableUsers(UUID orgId, UUID runId, RunTally tally) {
        record Missing(long count, List<String> examples) {
        }
        Missing missing = tx(() -> {
            String unserved = """
                    FROM (SELECT DISTINCT sm.upstream_user_id AS id FROM directory_sync_stage_memberships sm
                          WHERE sm.org_id = ? AND sm.run_id = ? AND sm.member_id IS NULL
                            AND NOT EXISTS (SELECT 1 FROM directory_sync_stage_users su
                                            WHERE su.org_id = sm.org_id AND su.run_id = sm.run_id AND su.upstream_id = sm.upstream_user_id)) u""";
            long count = sql.count("SELECT count(*) " + unserved, orgId, runId);
            List<String> examples = count == 0 ? List.of()
                    : sql.query("SELECT u.id " + unserved + " ORDER BY u.id LIMIT 5", row -> row.getString(1), orgId, runId);
            return new Missing(count, examples);
        });
        if (missing.count() > 0) {
            tally.error("unknown_user", missing.count() + " user(s) listed as group members are not served by the upstream's"
                    + " Users endpoint (e.g. " + String.join(", ", missing.examples()) + "); those memberships were skipped");
        }
        List<String> nameless = tx(() -> sql.query("SELECT su.upstream_id FROM directory_sync_stage_users su"
                + " WHERE su.org_id = ? AND su.run_id = ? AND (su.user_name IS NULL OR btrim(su.user_name) = '') AND "
                + REFERENCED_UNLINKED + " ORDER BY su.upstream_id", row -> row.getString(1), orgId, runId));
        for (String id : nameless) {
            tally.error("member_not_created", "The upstream user " + id + " has no userName; their memberships were skipped", id);
        }
    }

    private record StagedUser(String upstreamId, String userName, String lowerName, String documentJson) {
    }

    private record CreatedChunk(int created, List<String[]> errors) {
    }

    /** Staged users to create, after a keyset position. Parameters: org, run, lower name, upstream id, limit. */
    private static final String USERS_TO_CREATE = """
            SELECT su.upstream_id, su.user_name, lower(su.user_name) AS lower_name, su.document::text AS document
            FROM directory_sync_stage_users su
            WHERE su.org_id = ? AND su.run_id = ? AND su.user_name IS NOT NULL AND btrim(su.user_name) <> ''
              AND (lower(su.user_name), su.upstream_id) > (?, ?) AND\s""" + REFERENCED_UNLINKED + """
            ORDER BY lower(su.user_name), su.upstream_id LIMIT ?""";

    /** The further staged users to create with the same userName. Parameters: org, run, lower name, upstream id. */
    private static final String SAME_NAME_TO_CREATE = """
            SELECT su.upstream_id, su.user_name, lower(su.user_name) AS lower_name, su.document::text AS document
            FROM directory_sync_stage_users su
            WHERE su.org_id = ? AND su.run_id = ? AND lower(su.user_name) = ? AND su.upstream_id > ? AND\s""" + REFERENCED_UNLINKED + """
            ORDER BY su.upstream_id""";

    /**
     * Creates the missing members: this thread reads chunks of {@code member-chunk-size} in keyset order
     * (never splitting upstream users who share a userName, who become one member) and
     * {@code member-workers} threads create them, one transaction per chunk. The hand-over queue is
     * bounded, so at most a few chunks are in memory at once.
     */
    private void createMembers(Actor actor, UUID runId, RunTally tally) {
        UUID orgId = actor.orgId();
        int workers = Math.max(1, settings.memberWorkers());
        int chunkSize = Math.max(1, settings.memberChunkSize());
        ThreadPoolExecutor pool = new ThreadPoolExecutor(workers, workers, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(workers), runnable -> {
                    Thread thread = new Thread(runnable, Thread.currentThread().getName() + "-members");
                    thread.setDaemon(true);
                    return thread;
                }, new ThreadPoolExecutor.CallerRunsPolicy());
        List<Future<CreatedChunk>> chunks = new ArrayList<>();
        try {
            String[] after = {"", ""};
            while (true) {
                List<StagedUser> chunk = tx(() -> {
                    List<StagedUser> rows = new ArrayList<>(sql.query(USERS_TO_CREATE, SyncApplier::stagedUser,
                            orgId, runId, after[0], after[1], chunkSize));
                    if (rows.size() == chunkSize) {
                        // the rest of the last userName's upstream users go with it
                        StagedUser last = rows.get(rows.size() - 1);
                        rows.addAll(sql.query(SAME_NAME_TO_CREATE, SyncApplier::stagedUser,
                                orgId, runId, last.lowerName(), last.upstreamId()));
                    }
                    return rows;
                });
                if (chunk.isEmpty()) {
                    break;
                }
                chunks.add(pool.submit(() -> tx(() -> createChunk(actor, chunk))));
                StagedUser last = chunk.get(chunk.size() - 1);
                after[0] = last.lowerName();
                after[1] = last.upstreamId();
            }
            for (Future<CreatedChunk> chunk : chunks) {
                CreatedChunk result = chunk.get();
                tally.membersCreated += result.created();
                result.errors().forEach(error -> tally.error("member_not_created", error[1], error[0]));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating members (server shutting down)", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private static StagedUser stagedUser(java.sql.ResultSet row) throws java.sql.SQLException {
        return new StagedUser(row.getString(1), row.getString(2), row.getString(3), row.getString(4));
    }

    /**
     * Creates one chunk's members in one transaction: those with a pending invitation one by one (they
     * take the invited role), the rest in one batch; then links every upstream user of the chunk to its
     * member (upstream users sharing a userName, adjacent in the chunk's order, share one member).
     */
    private CreatedChunk createChunk(Actor actor, List<StagedUser> chunk) {
        boolean pendingInvitations = sql.count("SELECT count(*) FROM invitations WHERE org_id = ?", actor.orgId()) > 0;
        List<String[]> errors = new ArrayList<>();
        // per distinct userName: its upstream users and profile, in chunk order
        Map<String, List<String>> upstreamIds = new LinkedHashMap<>();
        Map<String, MemberProfile> toCreate = new LinkedHashMap<>();
        for (StagedUser user : chunk) {
            List<String> same = upstreamIds.get(user.lowerName());
            if (same != null) {
                same.add(user.upstreamId());
                continue;
            }
            try {
                toCreate.put(user.lowerName(), profiles.profile(user.upstreamId(), user.documentJson()));
                upstreamIds.put(user.lowerName(), new ArrayList<>(List.of(user.upstreamId())));
            } catch (DomainException | IllegalArgumentException e) {
                errors.add(new String[]{user.upstreamId(), "Member not created for upstream user " + user.upstreamId() + ": " + e.getMessage()});
            }
        }
        Map<String, UUID> memberIds = new HashMap<>();
        List<MemberProfile> batch = new ArrayList<>();
        List<String> batchNames = new ArrayList<>();
        for (Map.Entry<String, MemberProfile> entry : toCreate.entrySet()) {
            Optional<OrgRole> invited = pendingInvitations ? invitations.claim(actor, entry.getValue().userName()) : Optional.empty();
            if (invited.isPresent()) {
                Member member = members.create(actor, entry.getValue(), invited.get(), true);
                memberIds.put(entry.getKey(), member.id);
                em.detach(member);
            } else {
                batch.add(entry.getValue());
                batchNames.add(entry.getKey());
            }
        }
        if (!batch.isEmpty()) {
            List<Member> created = members.createAll(actor, batch, OrgRole.USER, true); // in the order given
            for (int i = 0; i < created.size(); i++) {
                memberIds.put(batchNames.get(i), created.get(i).id);
                em.detach(created.get(i)); // written: keep the session small
            }
        }
        List<String> linkIds = new ArrayList<>();
        List<UUID> linkMembers = new ArrayList<>();
        upstreamIds.forEach((lowerName, ids) -> ids.forEach(id -> {
            linkIds.add(id);
            linkMembers.add(memberIds.get(lowerName));
        }));
        if (!linkIds.isEmpty()) {
            sql.update("""
                    INSERT INTO directory_sync_user_links (org_id, upstream_id, member_id)
                    SELECT ?, t.u, t.m FROM unnest(?::text[], ?::uuid[]) AS t(u, m) ON CONFLICT DO NOTHING""",
                    actor.orgId(), linkIds, linkMembers);
        }
        return new CreatedChunk(toCreate.size(), errors);
    }

    // ---- groups --------------------------------------------------------------------------------

    private void deleteGoneGroups(Actor actor, UUID runId, RunTally tally) {
        List<UUID> doomed = tx(() -> planner.groupsToDelete(actor.orgId(), runId));
        for (UUID groupId : doomed) {
            Integer removed = tx(() -> {
                Optional<Group> group = groups.find(actor, groupId.toString());
                if (group.isEmpty()) {
                    return null; // deleted meanwhile
                }
                Group locked = groups.getForUpdate(actor, groupId.toString());
                int members = locked.memberCount;
                groups.delete(actor, locked);
                return members;
            });
            if (removed != null) {
                tally.groupsDeleted++;
                tally.membershipsRemoved += removed;
            }
        }
    }

    /** What applying one upstream group did. */
    private record Outcome(boolean created, boolean updated, int added, int removed) {
        static final Outcome NONE = new Outcome(false, false, 0, 0);
    }

    /** A kept local group as it was when applying began. */
    private record LocalGroup(UUID id, String name, int memberCount) {
    }

    private void applyGroups(Actor actor, UUID runId, SyncPlan plan, RunTally tally) {
        Map<String, LocalGroup> local = new HashMap<>();
        Map<String, Long> upstreamCounts = new HashMap<>();
        tx(() -> {
            sql.query("SELECT DISTINCT ON (external_id) external_id, id, display_name, member_count FROM groups"
                    + " WHERE org_id = ? AND source = 'scim' AND external_id IS NOT NULL ORDER BY external_id, created_at, id",
                    row -> local.put(row.getString(1), new LocalGroup(row.getObject(2, UUID.class), row.getString(3), row.getInt(4))),
                    actor.orgId());
            return sql.query("""
                    SELECT upstream_group_id, count(DISTINCT member_id) FROM directory_sync_stage_memberships
                    WHERE org_id = ? AND run_id = ? AND member_id IS NOT NULL GROUP BY upstream_group_id""",
                    row -> upstreamCounts.put(row.getString(1), row.getLong(2)), actor.orgId(), runId);
        });
        List<SyncStaging.StagedGroup> nameClashes = new ArrayList<>();
        int after = -1;
        while (true) {
            int from = after;
            List<SyncStaging.StagedGroup> batch = tx(() -> staging.groups(actor.orgId(), runId, from, GROUP_BATCH));
            if (batch.isEmpty()) {
                break;
            }
            for (SyncStaging.StagedGroup group : batch) {
                LocalGroup current = local.get(group.upstreamId());
                if (current != null && current.name().equals(group.displayName().strip()) && plan.removals(current.id()) == 0
                        && current.memberCount() == upstreamCounts.getOrDefault(group.upstreamId(), 0L)) {
                    // no member to remove and as many as upstream: the same set. Nothing to write, not even a lock
                    continue;
                }
                try {
                    count(tally, tx(() -> applyGroup(actor, runId, group)));
                } catch (DomainException e) {
                    if (e.code() == ErrorCode.NAME_TAKEN) {
                        nameClashes.add(group);
                    } else {
                        report(tally, group, e);
                    }
                }
            }
            after = batch.get(batch.size() - 1).position();
        }
        for (SyncStaging.StagedGroup group : nameClashes) {
            try {
                count(tally, tx(() -> applyGroup(actor, runId, group)));
            } catch (DomainException e) {
                report(tally, group, e);
            }
        }
    }

    private Outcome applyGroup(Actor actor, UUID runId, SyncStaging.StagedGroup staged) {
        UUID orgId = actor.orgId();
        Optional<UUID> existing = sql.queryOne("""
                SELECT id FROM groups WHERE org_id = ? AND source = 'scim' AND external_id = ?
                ORDER BY created_at, id LIMIT 1""", row -> row.getObject(1, UUID.class), orgId, staged.upstreamId());
        if (existing.isEmpty()) {
            List<UUID> wanted = sql.query("""
                    SELECT DISTINCT member_id FROM directory_sync_stage_memberships
                    WHERE org_id = ? AND run_id = ? AND upstream_group_id = ? AND member_id IS NOT NULL""",
                    row -> row.getObject(1, UUID.class), orgId, runId, staged.upstreamId());
            Group group = groups.create(actor, staged.displayName(), GroupSource.SCIM, staged.upstreamId(), wanted);
            return new Outcome(true, false, group.memberCount, 0);
        }
        UUID groupId = existing.get();
        Group group = groups.getForUpdate(actor, groupId.toString());
        boolean renamed = !staged.displayName().strip().equals(group.displayName);
        if (renamed) {
            groups.rename(actor, group, staged.displayName());
        }
        // computed under the group's lock: concurrent SCIM changes to it wait, and the difference is exact
        List<UUID> toRemove = sql.query(MEMBERS_TO_REMOVE, row -> row.getObject(1, UUID.class),
                orgId, groupId, orgId, runId, staged.upstreamId());
        List<UUID> toAdd = sql.query(MEMBERS_TO_ADD, row -> row.getObject(1, UUID.class),
                orgId, runId, staged.upstreamId(), orgId, groupId);
        int removed = groups.removeMembers(actor, group, toRemove).size();
        int added = groups.addMembers(actor, group, toAdd).size();
        return new Outcome(false, renamed || removed > 0 || added > 0, added, removed);
    }

    /**
     * Members of the group whom no upstream membership keeps. Parameters: org, group, org, run, upstream
     * group id. (Also counted by {@link SyncPlanner}.)
     */
    static final String MEMBERS_TO_REMOVE = """
            SELECT gm.member_id FROM group_members gm
            WHERE gm.org_id = ? AND gm.group_id = ?
              AND NOT EXISTS (SELECT 1 FROM directory_sync_stage_memberships sm
                              WHERE sm.org_id = ? AND sm.run_id = ? AND sm.upstream_group_id = ? AND sm.member_id = gm.member_id)""";

    /** Upstream members not in the group yet. Parameters: org, run, upstream group id, org, group. */
    static final String MEMBERS_TO_ADD = """
            SELECT DISTINCT sm.member_id FROM directory_sync_stage_memberships sm
            WHERE sm.org_id = ? AND sm.run_id = ? AND sm.upstream_group_id = ? AND sm.member_id IS NOT NULL
              AND NOT EXISTS (SELECT 1 FROM group_members gm WHERE gm.org_id = ? AND gm.group_id = ? AND gm.member_id = sm.member_id)""";

    private static void count(RunTally tally, Outcome outcome) {
        if (outcome.created()) {
            tally.groupsCreated++;
        } else if (outcome.updated()) {
            tally.groupsUpdated++;
        }
        tally.membershipsAdded += outcome.added();
        tally.membershipsRemoved += outcome.removed();
    }

    private static void report(RunTally tally, SyncStaging.StagedGroup group, DomainException e) {
        String what = "Upstream group '" + group.displayName() + "' (" + group.upstreamId() + ") was not applied: ";
        tally.error(e.code().code(), what + e.getMessage(), group.upstreamId());
    }

    private static <T> T tx(Supplier<T> work) {
        return QuarkusTransaction.requiringNew().timeout(APPLY_TIMEOUT_SECONDS).call(work::get);
    }
}
