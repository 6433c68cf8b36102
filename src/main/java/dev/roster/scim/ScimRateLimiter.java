package dev.roster.scim;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-token throttling of SCIM requests: a token bucket holding a minute's worth of requests, refilled
 * continuously. Generous by default so an IdP's initial provisioning burst never fails; an org can have
 * its own rate. Kept per replica: with N replicas the effective ceiling is N times the rate.
 */
@ApplicationScoped
public class ScimRateLimiter {

    private final int defaultPerMinute;
    private final Map<UUID, Bucket> buckets = new ConcurrentHashMap<>();

    public ScimRateLimiter(@ConfigProperty(name = "roster.scim.rate-per-minute") int defaultPerMinute) {
        this.defaultPerMinute = defaultPerMinute;
    }

    /** Empty when the request may proceed; otherwise the seconds to wait (for Retry-After). */
    public OptionalLong acquire(UUID tokenId, Integer orgRatePerMinute) {
        int perMinute = orgRatePerMinute != null ? orgRatePerMinute : defaultPerMinute;
        return buckets.computeIfAbsent(tokenId, id -> new Bucket()).take(perMinute);
    }

    private static final class Bucket {
        private double tokens = -1;
        private long lastNanos = System.nanoTime();

        synchronized OptionalLong take(int perMinute) {
            long now = System.nanoTime();
            double perNano = perMinute / 60e9;
            tokens = tokens < 0 ? perMinute : Math.min(perMinute, tokens + (now - lastNanos) * perNano);
            lastNanos = now;
            if (tokens >= 1) {
                tokens -= 1;
                return OptionalLong.empty();
            }
            return OptionalLong.of(Math.max(1, (long) Math.ceil((1 - tokens) / perNano / 1e9)));
        }
    }
}
