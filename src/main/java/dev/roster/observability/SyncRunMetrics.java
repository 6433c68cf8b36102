package dev.roster.observability;

import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.time.Instant;

/**
 * Directory-sync runs by outcome, with their duration ({@code roster_sync_runs_seconds_count},
 * {@code _sum}, {@code _max}). Static, on Micrometer's global registry (Quarkus adds its Prometheus
 * registry to it), so that the sync job records a finished run with one call and no extra dependency.
 */
public final class SyncRunMetrics {

    private SyncRunMetrics() {
    }

    /** A run ended with {@code outcome} ({@code succeeded}, {@code failed}); it started at {@code startedAt}. */
    public static void finished(String outcome, Instant startedAt) {
        Timer.builder("roster.sync.runs")
                .description("Directory-sync runs, by outcome, from start to finish")
                .tag("outcome", outcome)
                .register(Metrics.globalRegistry)
                .record(startedAt == null ? Duration.ZERO : Duration.between(startedAt, Instant.now()));
    }
}
