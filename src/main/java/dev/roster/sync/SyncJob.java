package dev.roster.sync;

import dev.roster.audit.AuditLog;
import dev.roster.common.Actor;
import dev.roster.observability.SyncRunMetrics;
import dev.roster.sync.connector.DirectoryConnector;
import dev.roster.sync.connector.DirectoryConnectors;
import dev.roster.sync.connector.DirectoryException;
import dev.roster.sync.connector.UpstreamUser;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Executes one run, on a worker thread, holding the org's advisory lock throughout:
 * <ol>
 *   <li><b>read</b> the upstream page by page into the run's staging tables (groups with their member
 *       ids, then the users the org does not know yet: looked up by id, or read in full when there are
 *       many) — an upstream failure here ends the run before anything of the org was written;</li>
 *   <li><b>plan</b> in SQL and stop if it would delete more than the threshold, unless forced;</li>
 *   <li><b>apply</b> ({@link SyncApplier}).</li>
 * </ol>
 * The run row then records the status, counts and errors, and the staging rows are deleted.
 */
@ApplicationScoped
public class SyncJob {

    private static final Logger LOG = Logger.getLogger(SyncJob.class);
    private static final int ID_CHUNK = 1000;

    /** Ends a run as failed with this error, before anything was applied. */
    private static final class RunStopped extends Exception {
        final String code;

        RunStopped(String code, String message) {
            super(message, null, false, false);
            this.code = code;
        }
    }

    private final SyncRunStore runs;
    private final DirectorySyncConfigService configs;
    private final DirectoryConnectors connectors;
    private final SyncStagingStore staging;
    private final SyncPlanner planner;
    private final SyncApplier applier;
    private final SyncLocks locks;
    private final AuditLog audit;
    private final SyncSettings settings;

    public SyncJob(SyncRunStore runs, DirectorySyncConfigService configs, DirectoryConnectors connectors, SyncStagingStore staging,
                   SyncPlanner planner, SyncApplier applier, SyncLocks locks, AuditLog audit, SyncSettings settings) {
        this.runs = runs;
        this.configs = configs;
        this.connectors = connectors;
        this.staging = staging;
        this.planner = planner;
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
            Timings timings = new Timings();
            String status = SyncRun.FAILED;
            try {
                perform(orgId, run.get(), tally, timings);
                status = SyncRun.SUCCEEDED;
            } catch (RunStopped e) {
                tally.error(e.code, e.getMessage());
            } catch (DirectoryException e) {
                tally.error("upstream_error", e.getMessage() + "; nothing was changed");
            } catch (RuntimeException e) {
                LOG.errorf(e, "Directory sync run %s of org %s stopped on an unexpected error", runId, orgId);
                tally.error("internal_error", "The run stopped on an internal error (" + e.getClass().getSimpleName()
                        + "); changes already applied stay, each group whole; see the server log");
            } finally {
                try {
                    staging.clear(orgId, runId);
                } catch (RuntimeException e) {
                    LOG.warnf("Could not clear the staging rows of sync run %s: %s", runId, e.getMessage());
                }
            }
            finish(orgId, runId, status, tally);
            SyncRunMetrics.finished(status, run.get().startedAt());
            LOG.infof("Directory sync run %s of org %s %s in %s; %s", runId, orgId, status, timings, tally.counts());
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

    private void perform(UUID orgId, SyncRun run, RunTally tally, Timings timings) throws RunStopped, DirectoryException {
        UUID runId = run.id();
        SyncConfigStore.StoredConfig config = configs.find(orgId)
                .orElseThrow(() -> new RunStopped("sync_not_configured", "The directory-sync configuration was removed"));
        String token;
        try {
            token = configs.decryptToken(orgId, config);
        } catch (TokenCipher.UndecryptableTokenException e) {
            throw new RunStopped("token_undecryptable", e.getMessage());
        }
        DirectoryConnector connector = connectors.open(config.connector(), config.baseUrl(), token);

        long start = System.nanoTime();
        int nested = readGroups(orgId, runId, connector);
        if (nested > 0) {
            tally.error("nested_groups_ignored", nested + " group member(s) upstream are groups themselves;"
                    + " Roster does not flatten nested groups, so they were ignored");
        }
        timings.groups = System.nanoTime() - start;
        start = System.nanoTime();
        readUsers(orgId, runId, connector);
        staging.markReferenced(orgId, runId);
        timings.users = System.nanoTime() - start;

        start = System.nanoTime();
        applier.linkExisting(orgId, runId);
        timings.link = System.nanoTime() - start;
        SyncPlan plan = planner.plan(orgId, runId);
        timings.plan = System.nanoTime() - start - timings.link;
        if (!run.force() && plan.exceeds(settings.maxDeleteFraction())) {
            throw new RunStopped("deletion_threshold", plan.describe(settings.maxDeleteFraction()));
        }
        start = System.nanoTime();
        applier.apply(orgId, runId, plan, tally);
        timings.apply = System.nanoTime() - start;
        timings.members = tally.membersNanos;
        timings.groupsApplied = tally.groupsNanos;
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
    private void readUsers(UUID orgId, UUID runId, DirectoryConnector connector) throws DirectoryException {
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
            List<UpstreamUser> users = connector.usersById(ids);
            staging.stageUsers(orgId, runId, users);
            after = ids.get(ids.size() - 1);
        }
    }

    /** Where a run spent its time (logged; the benchmark reads it). */
    private static final class Timings {
        long groups;
        long users;
        long link;
        long plan;
        long apply;
        long members;
        long groupsApplied;

        @Override
        public String toString() {
            return "read groups " + groups / 1_000_000 + " ms, read users " + users / 1_000_000 + " ms, link " + link / 1_000_000 + " ms, plan "
                    + plan / 1_000_000 + " ms, apply " + apply / 1_000_000 + " ms (members " + members / 1_000_000 + " ms, groups "
                    + groupsApplied / 1_000_000 + " ms)";
        }
    }
}
