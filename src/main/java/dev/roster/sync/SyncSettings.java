package dev.roster.sync;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/**
 * Configuration of directory sync ({@code roster.sync.*}). Every value has a production default; tests
 * shorten the timeouts and back-off so that fault tests run in seconds.
 */
@ConfigMapping(prefix = "roster.sync")
public interface SyncSettings {

    /** Base64 of 32 bytes; unset, a key is generated into {@code $ROSTER_DATA_DIR/sync-encryption.key}. */
    Optional<String> encryptionKey();

    /** A run that would delete more than this fraction of the org's SCIM groups or memberships stops unless forced. */
    @WithDefault("0.2")
    double maxDeleteFraction();

    /**
     * A run that would remove more than this fraction of one group's members stops unless forced, for groups
     * of at least {@link #groupThresholdMinMembers()} members.
     */
    @WithDefault("0.5")
    double maxGroupRemoveFraction();

    /** Groups smaller than this are not held to {@link #maxGroupRemoveFraction()} (the org-wide share still counts). */
    @WithDefault("10")
    int groupThresholdMinMembers();

    /** A run that makes no progress (no upstream answer, nothing applied) for this long fails. */
    @WithDefault("2m")
    Duration deadline();

    /** Background threads executing runs (each org has at most one run at a time). */
    @WithDefault("2")
    int workers();

    /** Threads creating missing members in parallel while applying a run. */
    @WithDefault("2")
    int memberWorkers();

    /** Members created per transaction while applying a run. */
    @WithDefault("500")
    int memberChunkSize();

    Http http();

    Retry retry();

    Scim scim();

    interface Http {
        @WithDefault("10s")
        Duration connectTimeout();

        /** The whole exchange of one request (headers and body). */
        @WithDefault("60s")
        Duration requestTimeout();
    }

    /** Retries on 429, 5xx, timeouts and I/O errors: exponential back-off, or the upstream's Retry-After. */
    interface Retry {
        @WithDefault("5")
        int maxAttempts();

        @WithDefault("1s")
        Duration initialBackoff();

        @WithDefault("30s")
        Duration maxBackoff();

        /** A Retry-After longer than this fails the run rather than stalling it. */
        @WithDefault("120s")
        Duration maxRetryAfter();
    }

    interface Scim {
        /** Groups per page (each page carries its groups' members). */
        @WithDefault("20")
        int groupPageSize();

        /** Users per page when the whole upstream user list is read. */
        @WithDefault("500")
        int userPageSize();

        /** Ids per {@code id eq … or …} filter when only some users are looked up. */
        @WithDefault("40")
        int userFilterBatch();

        /** Page requests in flight at once while reading a listing (1: one after another). */
        @WithDefault("3")
        int concurrency();

        /**
         * With more unknown users than this, a run reads the upstream's whole user list page by page
         * instead of looking users up by id (a first sync of a large directory).
         */
        @WithDefault("1000")
        int fullUserScanThreshold();
    }
}
