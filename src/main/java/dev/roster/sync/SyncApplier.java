package dev.roster.sync;

import dev.roster.common.Actor;
import dev.roster.common.DomainException;
import dev.roster.common.ErrorCode;
import dev.roster.common.Sql;
import dev.roster.groups.Group;
import dev.roster.groups.GroupService;
import dev.roster.groups.GroupSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Applies a staged, planned run to the org through the domain services, attributed to the sync actor
 * (so every change is audited as the sync's, and group mappings are re-applied by the
 * {@code MembershipChanged} events the group service fires):
 * <ol>
 *   <li>the missing members are created ({@link SyncMembers});</li>
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

    private final Sql sql;
    private final GroupService groups;
    private final SyncMembers importer;
    private final SyncStaging staging;
    private final SyncPlanner planner;

    public SyncApplier(Sql sql, GroupService groups, SyncMembers importer, SyncStaging staging, SyncPlanner planner) {
        this.sql = sql;
        this.groups = groups;
        this.importer = importer;
        this.staging = staging;
        this.planner = planner;
    }

    /**
     * Resolves upstream users to existing members by userName (a link, not a change to the org), so
     * that the plan can count exactly what the run would remove.
     */
    void linkExisting(UUID orgId, UUID runId) {
        tx(() -> {
            importer.linkExistingMembers(orgId, runId);
            staging.resolveMembers(orgId, runId);
            sql.update("ANALYZE directory_sync_user_links, directory_sync_stage_memberships");
            return null;
        });
    }

    void apply(UUID orgId, UUID runId, SyncPlan plan, RunTally tally) {
        Actor actor = Actor.sync(orgId, runId);
        long start = System.nanoTime();
        importer.createMembers(actor, runId, tally);
        tx(() -> {
            staging.resolveMembers(orgId, runId);
            return null;
        });
        importer.reportUnresolvableUsers(orgId, runId, tally);
        tally.membersNanos = System.nanoTime() - start;
        start = System.nanoTime();
        deleteGoneGroups(actor, runId, tally);
        applyGroups(actor, runId, plan, tally);
        tally.groupsNanos = System.nanoTime() - start;
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
