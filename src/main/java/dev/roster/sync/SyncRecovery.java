package dev.roster.sync;

import dev.roster.audit.AuditLog;
import dev.roster.common.Actor;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Finds runs that no server is executing any more — left queued or running by a crash or a restart —
 * and marks them failed ("interrupted by restart"), at server start and before a new run is requested
 * for the org. A run counts as abandoned when nobody holds its org's advisory lock ({@link SyncLocks})
 * and it is either running or has been queued for longer than a worker needs to pick it up; a live run
 * on another replica holds the lock and is left alone.
 */
@ApplicationScoped
public class SyncRecovery {

    private static final Logger LOG = Logger.getLogger(SyncRecovery.class);
    /** A queued run younger than this may be about to start on the replica that queued it. */
    static final Duration QUEUE_GRACE = Duration.ofSeconds(30);

    private final SyncRunStore runs;
    private final SyncLocks locks;
    private final SyncStagingStore staging;
    private final AuditLog audit;

    public SyncRecovery(SyncRunStore runs, SyncLocks locks, SyncStagingStore staging, AuditLog audit) {
        this.runs = runs;
        this.locks = locks;
        this.staging = staging;
        this.audit = audit;
    }

    void onStart(@Observes StartupEvent event) {
        recoverAll();
    }

    /** Every abandoned run of every org; answers how many were marked failed. */
    public int recoverAll() {
        int failed = 0;
        for (SyncRunStore.RunKey run : runs.allActive()) {
            if (recover(run.orgId(), run.runId(), Duration.ZERO)) {
                failed++;
            }
        }
        if (failed > 0) {
            LOG.infof("Marked %d directory sync run(s) failed: interrupted by a restart", failed);
        }
        return failed;
    }

    /** The org's active run, if abandoned, marked failed. */
    public void recoverOrg(UUID orgId) {
        runs.active(orgId).ifPresent(run -> recover(orgId, run.id(), QUEUE_GRACE));
    }

    private boolean recover(UUID orgId, UUID runId, Duration queueGrace) {
        Optional<SyncLocks.Held> lock = locks.tryLock(orgId);
        if (lock.isEmpty()) {
            return false; // a server is executing it
        }
        try (SyncLocks.Held held = lock.get()) {
            return QuarkusTransaction.requiringNew().call(() -> {
                Optional<SyncRun> run = runs.find(orgId, runId).filter(SyncRun::active);
                if (run.isEmpty() || (SyncRun.QUEUED.equals(run.get().status())
                        && run.get().requestedAt().isAfter(Instant.now().minus(queueGrace)))) {
                    return false;
                }
                staging.clear(orgId, runId);
                runs.finish(orgId, runId, SyncRun.FAILED, run.get().counts(), List.of(SyncProblem.of("interrupted",
                        "The run was interrupted by a server restart before it finished; changes already applied stay,"
                                + " each group whole. Start a new run to finish the sync.")));
                audit.record(Actor.sync(orgId, runId), "sync.run_finished", "directory_sync_run", runId, null,
                        Map.of("status", SyncRun.FAILED, "reason", "interrupted by restart"));
                return true;
            });
        }
    }
}
