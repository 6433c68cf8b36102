package dev.roster.access;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** An org API key as the API shows it: never the key itself. */
public record ApiKey(UUID id, String name, Map<String, String> adminAreas, Instant createdAt, UUID createdBy,
                     Instant lastUsedAt, Instant revokedAt) {
}
