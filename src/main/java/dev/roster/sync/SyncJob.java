package dev.roster.sync;

import dev.roster.audit.AuditLog;
import dev.roster.common.Actor;
import dev.roster.observability.SyncRunMetrics;
import dev.roster.sync.connector.DirectoryConnector;
import dev.roster.sync.connector.DirectoryConnectors;
import dev.roster.sync.connector.DirectoryException;
import dev.roster.sync.connector.ProgressDeadline;
import dev.roster.sync.connector.UpstreamUser;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Executes one run, on a worker thread, holding the org's advisory lock throughout. Every upstream read
 * happens before the first write, so a run that fails while reading leaves the org as it was:
 * <ol>
 *   <li><b>read groups</b> page by page into the run's staging tables, and stop at once if the run would
 *       delete more groups than the threshold allows;</li>
 *   <li><b>read users</b> the org does not know yet (looked up by id, or the whole list when there are
 *       many), then link users to existing members by userName;</li>
 *   <li><b>re-check</b>: the upstream's inactive users, and the known users of the groups that changed
 *       (and of members a run suspended) by id; users the upstream no longer serves count as removed;</li>
 *   <li><b>plan</b> in SQL and stop if it would remove more than the thresholds allow, unless forced;</li>
 *   <li><b>apply</b> ({@link SyncApplier}).</li>
 * </ol>
 * A run that makes no progress for {@code roster.sync.deadline} fails. The run row then records the
 * status, counts and errors, and the staging rows are deleted.
 */
@ApplicationScoped
public class SyncJob {

    private static final Logger LOG = Logger.getLogger(SyncJob.class);
    private static final int ID_CHUNK = 1000;

    private final SyncRunStore runs;
    private final DirectorySyncConfigService configs;
    private final DirectoryConnectors connectors;
    private final SyncStagingStore staging;
    private final SyncLinkStore links;
    private final SyncDiffStore diff;
    private final SyncPlanner planner;
    private final DeletionThreshold threshold;
    private final SyncApplier applier;
    private final SyncLocks locks;
    private final AuditLog audit;
    private final SyncSettings settings;

    public SyncJob(SyncRunStore runs, DirectorySyncConfigService configs, DirectoryConnectors connectors, SyncStagingStore staging,
                   SyncLinkStore links, SyncDiffStore diff, SyncPlanner planner, DeletionThreshold threshold, SyncApplier applier,
                   SyncLocks locks, AuditLog audit, SyncSettings settings) {
        this.runs = runs;
        this.configs = configs;
        this.connectors = connectors;
        this.staging = staging;
        this.links = links;
        this.diff = diff;
        this.planner = planner;
        this.threshold = threshold;
        this.applier = applier;
        this.locks = locks;
        this.audit = audit;
        this.settings = settings;
    }

    public void execute(UUID orgId, UUID runId) {
        try (SyncLocks.Held lock = locks.lock(orgId)) {
            Optional<SyncRun> run = runs.markRunning(orgId, runId);
            if (run.isEmpty()) {
                return; // failed by recovery before it could start
            }
            RunTally tally = new RunTally();
            RunPhases phases = new RunPhases();
            SyncProblem failure = null;
            try {
                perform(orgId, run.get(), tally, phases);
                phases.end();
            } catch (RunStopped e) {
                failure = SyncProblem.of(e.code(), e.getMessage());
            } catch (ProgressDeadline.DeadlineException e) {
                failure = SyncProblem.of("deadline_exceeded", e.getMessage() + "; nothing was changed");
            } catch (DirectoryException e) {
                failure = SyncProblem.of("upstream_error", e.getMessage() + "; nothing was changed");
            } catch (RuntimeException e) {
                LOG.errorf(e, "Directory sync run %s of org %s stopped on an unexpected error", runId, orgId);
                failure = SyncProblem.of("internal_error", "The run stopped on an internal error (" + e.getClass().getSimpleName()
                        + "); changes already applied stay, each group whole; see the server log");
            } finally {
                try {
                    staging.clear(orgId, runId);
                } catch (RuntimeException e) {
                    LOG.warnf("Could not clear the staging rows of sync run %s: %s", runId, e.getMessage());
                }
            }
            String timings = phases.describe();
            String status = failure == null ? SyncRun.SUCCEEDED : SyncRun.FAILED;
            if (failure != null) {
                tally.failed(failure);
            }
            finish(orgId, runId, status, tally);
            SyncRunMetrics.finished(status, run.get().startedAt());
            LOG.infof("Directory sync run %s of org %s %s %s; %s%s", runId, orgId, status, timings, tally.counts(),
                    failure == null ? "" : "; " + failure.code() + ": " + failure.message());
        } catch (RuntimeException e) {
            LOG.errorf(e, "Directory sync run %s of org %s could not be recorded", runId, orgId);
        }
    }

    private void finish(UUID orgId, UUID runId, String status, RunTally tally) {
        SyncCounts counts = tally.counts();
        List<SyncProblem> errors = tally.errors();
        QuarkusTransaction.requiringNew().run(() -> {
            runs.finish(orgId, runId, status, counts, errors);
            Map<String, Object> after = new LinkedHashMap<>();
            after.put("status", status);
            after.put("counts", counts);
            after.put("errors", errors.size());
            audit.record(Actor.sync(orgId, runId), "sync.run_finished", "directory_sync_run", runId, null, after);
        });
    }

    private void perform(UUID orgId, SyncRun run, RunTally tally, RunPhases phases) throws RunStopped, DirectoryException {
        UUID runId = run.id();
        SyncConfigStore.StoredConfig config = configs.find(orgId)
                .orElseThrow(() -> new RunStopped("sync_not_configured", "The directory-sync configuration was removed"));
        String token;
        try {
            token = configs.decryptToken(orgId, config);
        } catch (TokenCipher.UndecryptableTokenException e) {
            throw new RunStopped("token_undecryptable", e.getMessage());
        }
        ProgressDeadline deadline = new ProgressDeadline(settings.deadline());
        DirectoryConnector connector = connectors.open(config.connector(), config.baseUrl(), token, deadline);

        phases.begin("read groups");
        int nested = readGroups(orgId, runId, connector);
        if (nested > 0) {
            tally.error("nested_groups_ignored", nested + " group member(s) upstream are groups themselves;"
                    + " Roster does not flatten nested groups, so they were ignored");
        }
        if (!run.force()) {
            Optional<String> refusal = threshold.refusal(planner.groupsOnly(orgId, runId));
            if (refusal.isPresent()) {
                throw new RunStopped("deletion_threshold", refusal.get());
            }
        }

        phases.begin("read users");
        deadline.progress();
        readUnknownUsers(orgId, runId, connector);
        staging.markReferenced(orgId, runId);
        applier.linkExisting(orgId, runId);

        phases.begin("re-check users");
        deadline.progress();
        connector.inactiveUsers((offset, users) -> staging.stageUsers(orgId, runId, users));
        SyncPlan plan = planner.plan(orgId, runId);
        List<String> gone = recheckKnownUsers(orgId, runId, connector, changedGroups(orgId, runId, plan));

        phases.begin("plan");
        deadline.progress();
        if (!gone.isEmpty()) {
            plan = planner.plan(orgId, runId);
        }
        if (!run.force()) {
            Optional<String> refusal = threshold.refusal(plan);
            if (refusal.isPresent()) {
                throw new RunStopped("deletion_threshold", refusal.get());
            }
        }
        if (!gone.isEmpty()) {
            links.forget(orgId, gone);
            tally.error("user_gone", gone.size() + " user(s) known from earlier runs are no longer served by the upstream (e.g. "
                    + String.join(", ", gone.stream().sorted().limit(5).toList()) + "); they were treated as removed from"
                    + " every synced group (their members stay in the organization)");
        }

        deadline.progress();
        applier.apply(orgId, runId, plan, tally, phases, deadline);
    }

    /** Stages every upstream group page; answers how many nested-group members were skipped. */
    private int readGroups(UUID orgId, UUID runId, DirectoryConnector connector) throws DirectoryException {
        AtomicInteger nested = new AtomicInteger();
        connector.groups((offset, groups) -> {
            staging.stageGroups(orgId, runId, groups, (int) offset);
            groups.forEach(group -> nested.addAndGet(group.nestedGroups()));
        });
        staging.analyze();
        return nested.get();
    }

    /**
     * Stages the referenced users no link resolves: looked up by id, or — when there are more than
     * {@code full-user-scan-threshold} — by reading the upstream's whole user list, which costs far
     * fewer requests for a first sync (users the list missed, e.g. created meanwhile, are then looked up).
     */
    private void readUnknownUsers(UUID orgId, UUID runId, DirectoryConnector connector) throws DirectoryException {
        long unknown = staging.countUnknownUsers(orgId, runId);
        if (unknown == 0) {
            return;
        }
        if (unknown > settings.scim().fullUserScanThreshold()) {
            connector.users((offset, users) -> staging.stageUsers(orgId, runId, users));
            staging.analyze();
        }
        String after = "";
        while (true) {
            List<String> ids = staging.unservedUsers(orgId, runId, after, ID_CHUNK);
            if (ids.isEmpty()) {
                break;
            }
            staging.stageUsers(orgId, runId, connector.usersById(ids));
            after = ids.get(ids.size() - 1);
        }
    }

    /**
     * The upstream groups this run creates or whose membership it may change (it removes someone, or the
     * upstream lists another number of users, resolved or not): their known users are re-checked.
     */
    private List<String> changedGroups(UUID orgId, UUID runId, SyncPlan plan) {
        Map<String, SyncPlan.KeptGroup> kept = new LinkedHashMap<>();
        plan.kept().forEach(group -> kept.put(group.externalId(), group));
        Map<String, Long> upstreamCounts = diff.upstreamListedCounts(orgId, runId);
        List<String> changed = new ArrayList<>();
        for (String upstreamId : staging.groupIds(orgId, runId)) {
            SyncPlan.KeptGroup group = kept.get(upstreamId);
            if (group == null || group.removals() > 0 || group.memberCount() != upstreamCounts.getOrDefault(upstreamId, 0L)) {
                changed.add(upstreamId);
            }
        }
        return changed;
    }

    /**
     * Looks up, by id, the known users of the changed groups and those a run suspended members for (unless
     * this run already read them); users the upstream no longer serves are forgotten and their memberships
     * resolve to nobody, so they are removed from the groups. Answers the users gone (whose links the run
     * forgets once it passed the thresholds).
     */
    private List<String> recheckKnownUsers(UUID orgId, UUID runId, DirectoryConnector connector, List<String> changedGroups)
            throws DirectoryException {
        List<String> gone = new ArrayList<>();
        if (!changedGroups.isEmpty()) {
            String after = "";
            List<String> ids;
            while (!(ids = staging.linkedUnservedMembersOf(orgId, runId, changedGroups, after, ID_CHUNK)).isEmpty()) {
                gone.addAll(recheck(orgId, runId, connector, ids));
                after = ids.get(ids.size() - 1);
            }
        }
        String after = "";
        List<String> ids;
        while (!(ids = staging.suspendedUnserved(orgId, runId, after, ID_CHUNK)).isEmpty()) {
            gone.addAll(recheck(orgId, runId, connector, ids));
            after = ids.get(ids.size() - 1);
        }
        return gone;
    }

    /** Looks the users up; answers those the upstream did not serve. */
    private List<String> recheck(UUID orgId, UUID runId, DirectoryConnector connector, List<String> ids) throws DirectoryException {
        List<UpstreamUser> served = connector.usersById(ids);
        staging.stageUsers(orgId, runId, served);
        Set<String> missing = new HashSet<>(ids);
        served.forEach(user -> missing.remove(user.id()));
        List<String> gone = List.copyOf(missing);
        if (!gone.isEmpty()) {
            staging.unresolve(orgId, runId, gone);
        }
        return gone;
    }
}
