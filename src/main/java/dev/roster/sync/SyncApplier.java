package dev.roster.sync;

import dev.roster.common.Actor;
import dev.roster.common.DomainException;
import dev.roster.common.ErrorCode;
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

    private final GroupService groups;
    private final SyncMembers importer;
    private final SyncStagingStore staging;
    private final SyncDiffStore diff;
    private final SyncLinkStore links;
    private final SyncPlanner planner;

    public SyncApplier(GroupService groups, SyncMembers importer, SyncStagingStore staging, SyncDiffStore diff,
                       SyncLinkStore links, SyncPlanner planner) {
        this.groups = groups;
        this.importer = importer;
        this.staging = staging;
        this.diff = diff;
        this.links = links;
        this.planner = planner;
    }

    /**
     * Resolves upstream users to existing members by userName (a link, not a change to the org), so
     * that the plan can count exactly what the run would remove.
     */
    void linkExisting(UUID orgId, UUID runId) {
        links.linkByUserName(orgId, runId);
        staging.resolveMembers(orgId, runId);
        links.analyze();
        staging.analyzeMemberships();
    }

    void apply(UUID orgId, UUID runId, SyncPlan plan, RunTally tally) {
        Actor actor = Actor.sync(orgId, runId);
        long start = System.nanoTime();
        importer.createMembers(actor, runId, tally);
        staging.resolveMembers(orgId, runId);
        importer.reportUnresolvableUsers(orgId, runId, tally);
        tally.membersNanos = System.nanoTime() - start;
        start = System.nanoTime();
        deleteGoneGroups(actor, runId, tally);
        applyGroups(actor, runId, plan, tally);
        tally.groupsNanos = System.nanoTime() - start;
    }

    // ---- groups --------------------------------------------------------------------------------

    private void deleteGoneGroups(Actor actor, UUID runId, RunTally tally) {
        for (UUID groupId : planner.groupsToDelete(actor.orgId(), runId)) {
            Integer removed = QuarkusTransaction.requiringNew().timeout(APPLY_TIMEOUT_SECONDS).call(() -> {
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
    }

    private void applyGroups(Actor actor, UUID runId, SyncPlan plan, RunTally tally) {
        Map<String, SyncDiffStore.LocalGroup> local = new HashMap<>();
        diff.localGroups(actor.orgId(), runId).stream().filter(SyncDiffStore.LocalGroup::kept)
                .forEach(group -> local.put(group.externalId(), group));
        Map<String, Long> upstreamCounts = diff.upstreamMemberCounts(actor.orgId(), runId);
        List<SyncStagingStore.StagedGroup> nameClashes = new ArrayList<>();
        int after = -1;
        while (true) {
            List<SyncStagingStore.StagedGroup> batch = staging.groups(actor.orgId(), runId, after, GROUP_BATCH);
            if (batch.isEmpty()) {
                break;
            }
            for (SyncStagingStore.StagedGroup group : batch) {
                SyncDiffStore.LocalGroup current = local.get(group.upstreamId());
                if (current != null && current.name().equals(group.displayName().strip()) && plan.removals(current.id()) == 0
                        && current.memberCount() == upstreamCounts.getOrDefault(group.upstreamId(), 0L)) {
                    // no member to remove and as many as upstream: the same set. Nothing to write, not even a lock
                    continue;
                }
                try {
                    count(tally, applyGroup(actor, runId, group));
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
        for (SyncStagingStore.StagedGroup group : nameClashes) {
            try {
                count(tally, applyGroup(actor, runId, group));
            } catch (DomainException e) {
                report(tally, group, e);
            }
        }
    }

    /** One upstream group, in a transaction of its own: created, or renamed and given exactly its upstream members. */
    private Outcome applyGroup(Actor actor, UUID runId, SyncStagingStore.StagedGroup staged) {
        UUID orgId = actor.orgId();
        return QuarkusTransaction.requiringNew().timeout(APPLY_TIMEOUT_SECONDS).call(() -> {
            Optional<UUID> existing = diff.groupOfUpstreamId(orgId, staged.upstreamId());
            if (existing.isEmpty()) {
                Group group = groups.create(actor, staged.displayName(), GroupSource.SCIM, staged.upstreamId(),
                        diff.upstreamMembers(orgId, runId, staged.upstreamId()));
                return new Outcome(true, false, group.memberCount, 0);
            }
            UUID groupId = existing.get();
            Group group = groups.getForUpdate(actor, groupId.toString());
            boolean renamed = !staged.displayName().strip().equals(group.displayName);
            if (renamed) {
                groups.rename(actor, group, staged.displayName());
            }
            // computed under the group's lock: concurrent SCIM changes to it wait, and the difference is exact
            List<UUID> toRemove = diff.membersToRemove(orgId, runId, groupId, staged.upstreamId());
            List<UUID> toAdd = diff.membersToAdd(orgId, runId, groupId, staged.upstreamId());
            int removed = groups.removeMembers(actor, group, toRemove).size();
            int added = groups.addMembers(actor, group, toAdd).size();
            return new Outcome(false, renamed || removed > 0 || added > 0, added, removed);
        });
    }

    private static void count(RunTally tally, Outcome outcome) {
        if (outcome.created()) {
            tally.groupsCreated++;
        } else if (outcome.updated()) {
            tally.groupsUpdated++;
        }
        tally.membershipsAdded += outcome.added();
        tally.membershipsRemoved += outcome.removed();
    }

    private static void report(RunTally tally, SyncStagingStore.StagedGroup group, DomainException e) {
        String what = "Upstream group '" + group.displayName() + "' (" + group.upstreamId() + ") was not applied: ";
        tally.error(e.code().code(), what + e.getMessage(), group.upstreamId());
    }
}
