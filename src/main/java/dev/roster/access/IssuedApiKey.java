package dev.roster.access;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** The answer to creating an API key: the only time {@code key} is shown. */
public record IssuedApiKey(UUID id, String name, String key, Map<String, String> adminAreas, Instant createdAt) {
}
