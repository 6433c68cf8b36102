package dev.roster.sync;

import dev.roster.common.Actor;
import dev.roster.common.DomainException;
import dev.roster.groups.Group;
import dev.roster.groups.GroupService;
import dev.roster.groups.GroupSource;
import dev.roster.members.Member;
import dev.roster.members.MemberService;
import dev.roster.sync.connector.ProgressDeadline;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Applies a staged, planned run to the org through the domain services, attributed to the sync actor
 * (so every change is audited as the sync's, and group mappings are re-applied by the
 * {@code MembershipChanged} events the group service fires):
 * <ol>
 *   <li>the missing members are created ({@link SyncMembers});</li>
 *   <li>SCIM groups gone upstream are deleted (one transaction each), which also frees room under the cap;</li>
 *   <li>the renames, all in one transaction ({@link GroupService#renameAll}), so that swaps and cycles among
 *       synced groups converge in one run. A rename onto a name that stays taken (a manual group's, or a
 *       synced group's that keeps it) is left out and reported: that group keeps its name, on every run
 *       until the clash is resolved;</li>
 *   <li>each upstream group, in upstream order and in one transaction of its own, is created, or given
 *       exactly its upstream members as two set differences (nothing is deleted and re-added) — whatever
 *       happened to its name. A group that cannot be created (cap, name taken, invalid name) is reported;</li>
 *   <li>members whose upstream user is inactive are suspended (memberships kept; never the primary owner,
 *       which is reported instead), and those a run suspended are reactivated when the upstream user is
 *       active again.</li>
 * </ol>
 * Manual groups are never read or written. Between steps the run's deadline is checked.
 */
@ApplicationScoped
public class SyncApplier {

    private static final int GROUP_BATCH = 200;
    private static final int APPLY_TIMEOUT_SECONDS = 600;

    private final GroupService groups;
    private final MemberService members;
    private final SyncMembers importer;
    private final SyncStagingStore staging;
    private final SyncDiffStore diff;
    private final SyncLinkStore links;
    private final SyncPlanner planner;

    public SyncApplier(GroupService groups, MemberService members, SyncMembers importer, SyncStagingStore staging,
                       SyncDiffStore diff, SyncLinkStore links, SyncPlanner planner) {
        this.groups = groups;
        this.members = members;
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

    void apply(UUID orgId, UUID runId, SyncPlan plan, RunTally tally, RunPhases phases, ProgressDeadline deadline)
            throws RunStopped {
        Actor actor = Actor.sync(orgId, runId);
        Progress progress = new Progress(deadline);
        phases.begin("create members");
        importer.createMembers(actor, runId, tally, progress);
        staging.resolveMembers(orgId, runId);
        importer.reportUnresolvableUsers(orgId, runId, tally);
        phases.begin("apply groups");
        deleteGoneGroups(actor, runId, tally, progress);
        Set<String> renamed = applyRenames(actor, runId, plan, tally);
        progress.step();
        applyGroups(actor, runId, plan, renamed, tally, progress);
        phases.begin("suspend and reactivate");
        applyActivity(actor, runId, tally, progress);
    }

    /** Moves the deadline on after each applied step, and stops the run once it passed. */
    static final class Progress {
        private final ProgressDeadline deadline;

        Progress(ProgressDeadline deadline) {
            this.deadline = deadline;
        }

        void step() throws RunStopped {
            if (deadline.passed()) {
                throw new RunStopped("deadline_exceeded", deadline.exceeded("applying the run").getMessage()
                        + "; changes already applied stay, each group whole. Run again to finish.");
            }
            deadline.progress();
        }
    }

    // ---- groups --------------------------------------------------------------------------------

    private void deleteGoneGroups(Actor actor, UUID runId, RunTally tally, Progress progress) throws RunStopped {
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
            progress.step();
        }
    }

    /**
     * Renames the kept groups whose upstream name changed, all in one transaction, leaving out (and
     * reporting) those whose new name stays taken. Answers the upstream ids of the groups renamed.
     */
    private Set<String> applyRenames(Actor actor, UUID runId, SyncPlan plan, RunTally tally) {
        Map<String, SyncPlan.KeptGroup> keptByUpstreamId = new HashMap<>();
        plan.kept().forEach(group -> keptByUpstreamId.put(group.externalId(), group));
        Map<UUID, String> upstreamNames = new HashMap<>();
        // upstream order decides which of two renames onto one name goes through
        Map<UUID, String> wanted = new LinkedHashMap<>();
        Map<UUID, Refusal> refused = new LinkedHashMap<>();
        Set<String> targets = new HashSet<>();
        for (SyncStagingStore.StagedGroup staged : staging.groups(actor.orgId(), runId, -1, Integer.MAX_VALUE)) {
            SyncPlan.KeptGroup group = keptByUpstreamId.get(staged.upstreamId());
            String name = staged.displayName().strip();
            if (group == null || name.equals(group.name())) {
                continue;
            }
            upstreamNames.put(group.id(), name);
            if (name.length() > GroupService.MAX_NAME_LENGTH) {
                refused.put(group.id(), new Refusal("validation_failed", "a group name has at most " + GroupService.MAX_NAME_LENGTH
                        + " characters"));
            } else if (!targets.add(lower(name))) {
                refused.put(group.id(), new Refusal("name_taken", "another upstream group is renamed to that name in this run"));
            } else {
                wanted.put(group.id(), name);
            }
        }
        Map<String, SyncDiffStore.NamedGroup> byName = new HashMap<>();
        diff.allGroupNames(actor.orgId()).forEach(group -> byName.put(lower(group.name()), group));
        // a rename goes through if its name is free, or held by a group this run renames away
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Map.Entry<UUID, String> rename : List.copyOf(wanted.entrySet())) {
                SyncDiffStore.NamedGroup holder = byName.get(lower(rename.getValue()));
                if (holder != null && !holder.id().equals(rename.getKey()) && !wanted.containsKey(holder.id())) {
                    wanted.remove(rename.getKey());
                    refused.put(rename.getKey(), new Refusal("name_taken", holder.manual() ? "a manually created group has that name"
                            : "the synced group '" + holder.name() + "' keeps that name"));
                    changed = true;
                }
            }
        }
        Map<UUID, SyncPlan.KeptGroup> keptById = new HashMap<>();
        plan.kept().forEach(group -> keptById.put(group.id(), group));
        refused.forEach((id, refusal) -> {
            SyncPlan.KeptGroup group = keptById.get(id);
            tally.error(refusal.code(), "Upstream group '" + upstreamNames.get(id) + "' (" + group.externalId() + ") keeps its name '"
                    + group.name() + "' here: " + refusal.why() + " (names are unique, case-insensitively). Its members were"
                    + " applied; rename one of the two groups to resolve this.", group.externalId());
        });
        Set<String> renamed = new HashSet<>();
        if (wanted.isEmpty()) {
            return renamed;
        }
        try {
            QuarkusTransaction.requiringNew().timeout(APPLY_TIMEOUT_SECONDS).run(() -> {
                Map<Group, String> locked = new LinkedHashMap<>();
                wanted.keySet().stream().sorted().forEach(id -> locked.put(groups.getForUpdate(actor, id.toString()), wanted.get(id)));
                groups.renameAll(actor, locked);
            });
            wanted.keySet().forEach(id -> renamed.add(keptById.get(id).externalId()));
        } catch (DomainException e) {
            // e.g. a manual group created with one of the names meanwhile: the groups keep their names this run
            wanted.keySet().forEach(id -> tally.error(e.code().code(), "Upstream group '" + upstreamNames.get(id) + "' ("
                    + keptById.get(id).externalId() + ") was not renamed: " + e.getMessage() + ". Its members were applied.",
                    keptById.get(id).externalId()));
        }
        return renamed;
    }

    /** Why a rename is left out. */
    private record Refusal(String code, String why) {
    }

    /** What applying one upstream group did. */
    private record Outcome(boolean created, boolean changed, int added, int removed) {
    }

    private void applyGroups(Actor actor, UUID runId, SyncPlan plan, Set<String> renamed, RunTally tally, Progress progress)
            throws RunStopped {
        Map<String, SyncPlan.KeptGroup> local = new HashMap<>();
        plan.kept().forEach(group -> local.put(group.externalId(), group));
        Map<String, Long> upstreamCounts = diff.upstreamMemberCounts(actor.orgId(), runId);
        int after = -1;
        while (true) {
            List<SyncStagingStore.StagedGroup> batch = staging.groups(actor.orgId(), runId, after, GROUP_BATCH);
            if (batch.isEmpty()) {
                break;
            }
            for (SyncStagingStore.StagedGroup group : batch) {
                SyncPlan.KeptGroup current = local.get(group.upstreamId());
                boolean wasRenamed = renamed.contains(group.upstreamId());
                if (current != null && current.removals() == 0
                        && current.memberCount() == upstreamCounts.getOrDefault(group.upstreamId(), 0L)) {
                    // no member to remove and as many as upstream: the same set. Nothing to write, not even a lock
                    tally.groupsUpdated += wasRenamed ? 1 : 0;
                    continue;
                }
                try {
                    Outcome outcome = applyGroup(actor, runId, group);
                    if (outcome.created()) {
                        tally.groupsCreated++;
                    } else if (outcome.changed() || wasRenamed) {
                        tally.groupsUpdated++;
                    }
                    tally.membershipsAdded += outcome.added();
                    tally.membershipsRemoved += outcome.removed();
                } catch (DomainException e) {
                    tally.error(e.code().code(), "Upstream group '" + group.displayName() + "' (" + group.upstreamId()
                            + ") was not applied: " + e.getMessage(), group.upstreamId());
                }
                progress.step();
            }
            after = batch.get(batch.size() - 1).position();
        }
    }

    /** One upstream group, in a transaction of its own: created, or given exactly its upstream members. */
    private Outcome applyGroup(Actor actor, UUID runId, SyncStagingStore.StagedGroup staged) {
        UUID orgId = actor.orgId();
        return QuarkusTransaction.requiringNew().timeout(APPLY_TIMEOUT_SECONDS).call(() -> {
            Optional<UUID> existing = diff.groupOfUpstreamId(orgId, staged.upstreamId());
            if (existing.isEmpty()) {
                Group group = groups.create(actor, staged.displayName(), GroupSource.SCIM, staged.upstreamId(),
                        diff.upstreamMembers(orgId, runId, staged.upstreamId()));
                return new Outcome(true, true, group.memberCount, 0);
            }
            UUID groupId = existing.get();
            Group group = groups.getForUpdate(actor, groupId.toString());
            // computed under the group's lock: concurrent SCIM changes to it wait, and the difference is exact
            List<UUID> toRemove = diff.membersToRemove(orgId, runId, groupId, staged.upstreamId());
            List<UUID> toAdd = diff.membersToAdd(orgId, runId, groupId, staged.upstreamId());
            int removed = groups.removeMembers(actor, group, toRemove).size();
            int added = groups.addMembers(actor, group, toAdd).size();
            return new Outcome(false, removed > 0 || added > 0, added, removed);
        });
    }

    // ---- members' activity ----------------------------------------------------------------------

    private void applyActivity(Actor actor, UUID runId, RunTally tally, Progress progress) throws RunStopped {
        UUID orgId = actor.orgId();
        for (SyncLinkStore.Link link : links.toSuspend(orgId, runId)) {
            String outcome = QuarkusTransaction.requiringNew().call(() -> {
                Optional<Member> found = members.find(orgId, link.memberId());
                if (found.isEmpty()) {
                    return "gone";
                }
                Member member = members.getForUpdate(orgId, link.memberId().toString());
                if (member.isPrimaryOwner()) {
                    return "primary owner";
                }
                if (!member.active) {
                    return "already inactive"; // suspended by someone else: theirs to reactivate
                }
                members.setActive(actor, member, false);
                links.markSuspended(orgId, link.upstreamId(), true);
                return "suspended";
            });
            if (outcome.equals("suspended")) {
                tally.membersSuspended++;
            } else if (outcome.equals("primary owner")) {
                tally.error("primary_owner_not_suspended", "The upstream user " + link.upstreamId() + " is inactive, but it is the"
                        + " organization's primary owner, whom a sync never suspends; transfer the primary ownership or suspend"
                        + " them by hand", link.upstreamId());
            }
            progress.step();
        }
        for (SyncLinkStore.Link link : links.toReactivate(orgId, runId)) {
            boolean reactivated = QuarkusTransaction.requiringNew().call(() -> {
                links.markSuspended(orgId, link.upstreamId(), false);
                if (members.find(orgId, link.memberId()).isEmpty()) {
                    return false;
                }
                Member member = members.getForUpdate(orgId, link.memberId().toString());
                boolean wasInactive = !member.active;
                members.setActive(actor, member, true);
                return wasInactive;
            });
            tally.membersReactivated += reactivated ? 1 : 0;
            progress.step();
        }
    }

    private static String lower(String name) {
        return name.strip().toLowerCase(Locale.ROOT);
    }
}
