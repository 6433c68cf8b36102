package dev.roster.sync;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The background threads that execute runs ({@code roster.sync.workers}, default 2; runs of further
 * orgs wait queued). A run is handed over only once its row is committed. At shutdown the threads are
 * interrupted: a run stops at its next upstream request and is recorded failed, or, if the process ends
 * first, is marked failed by {@link SyncRecovery} at the next start.
 */
@ApplicationScoped
public class SyncExecutor {

    private static final Logger LOG = Logger.getLogger(SyncExecutor.class);

    private final SyncJob job;
    private final ExecutorService pool;

    public SyncExecutor(SyncJob job, SyncSettings settings) {
        this.job = job;
        AtomicInteger threads = new AtomicInteger();
        ThreadFactory factory = runnable -> {
            Thread thread = new Thread(runnable, "directory-sync-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        this.pool = Executors.newFixedThreadPool(Math.max(1, settings.workers()), factory);
    }

    public void submit(UUID orgId, UUID runId) {
        try {
            pool.execute(() -> job.execute(orgId, runId));
        } catch (RejectedExecutionException e) {
            LOG.warnf("Directory sync run %s not started: the server is shutting down", runId);
        }
    }

    void onShutdown(@Observes ShutdownEvent event) {
        pool.shutdownNow();
        try {
            pool.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
