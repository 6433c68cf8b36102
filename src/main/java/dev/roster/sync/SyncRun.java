package dev.roster.sync;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A directory-sync run as the admin API shows it (SPEC §9 SyncRun): {@code startedAt} is null while
 * the run is queued; {@code errors} lists what could not be applied (or why the run failed).
 */
public record SyncRun(UUID id, String status, String trigger, boolean force, UUID requestedBy, Instant requestedAt,
                      Instant startedAt, Instant finishedAt, SyncCounts counts, List<SyncProblem> errors) {

    public static final String QUEUED = "queued";
    public static final String RUNNING = "running";
    public static final String SUCCEEDED = "succeeded";
    public static final String FAILED = "failed";

    public boolean active() {
        return QUEUED.equals(status) || RUNNING.equals(status);
    }
}
