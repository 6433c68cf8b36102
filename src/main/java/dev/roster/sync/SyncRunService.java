package dev.roster.sync;

import dev.roster.audit.AuditLog;
import dev.roster.common.Actor;
import dev.roster.common.CursorPage;
import dev.roster.common.DomainException;
import dev.roster.common.ErrorCode;
import dev.roster.common.PageRequest;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Starting and reading runs. Starting inserts a queued run (the partial unique index refuses a second
 * active one, on any replica), commits, and only then hands it to a worker; when a run is already
 * queued or running, that run is the answer instead.
 */
@ApplicationScoped
public class SyncRunService {

    /** The run the request got, and whether it was started by this request. */
    public record Started(SyncRun run, boolean created) {
    }

    private final SyncRunStore runs;
    private final DirectorySyncConfigService configs;
    private final SyncExecutor executor;
    private final SyncRecovery recovery;
    private final AuditLog audit;

    public SyncRunService(SyncRunStore runs, DirectorySyncConfigService configs, SyncExecutor executor, SyncRecovery recovery,
                          AuditLog audit) {
        this.runs = runs;
        this.configs = configs;
        this.executor = executor;
        this.recovery = recovery;
        this.audit = audit;
    }

    /** Called outside a transaction: the run must be committed before a worker looks for it. */
    public Started start(Actor requester, UUID requestedBy, boolean force) {
        UUID orgId = requester.orgId();
        recovery.recoverOrg(orgId);
        Started started = QuarkusTransaction.requiringNew().call(() -> {
            if (configs.find(orgId).isEmpty()) {
                throw new DomainException(ErrorCode.SYNC_NOT_CONFIGURED,
                        "No upstream directory is configured; PUT /api/v1/orgs/" + orgId + "/directory-sync first");
            }
            return runs.insertQueued(orgId, force, requestedBy)
                    .map(run -> {
                        Map<String, Object> after = new LinkedHashMap<>();
                        after.put("trigger", run.trigger());
                        after.put("force", force);
                        audit.record(requester, "sync.run_started", "directory_sync_run", run.id(), null, after);
                        return new Started(run, true);
                    })
                    .or(() -> runs.active(orgId).map(run -> new Started(run, false)))
                    // the active run finished between the insert and the read: the org is free again
                    .orElseThrow(() -> new DomainException(ErrorCode.SYNC_ALREADY_RUNNING,
                            "A run was finishing at this moment; try again"));
        });
        if (started.created()) {
            executor.submit(orgId, started.run().id());
        }
        return started;
    }

    public CursorPage<SyncRun> list(UUID orgId, PageRequest page) {
        return runs.list(orgId, page);
    }

    public SyncRun get(UUID orgId, UUID runId) {
        return runs.find(orgId, runId).orElseThrow(() -> DomainException.notFound("sync run", runId));
    }
}
