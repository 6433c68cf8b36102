package dev.roster.auth;

import java.time.Instant;
import java.util.UUID;

/** A SCIM token as listed: never its secret or hash. {@code revokedAt} is null while it is live. */
public record ScimTokenView(UUID id, String name, Instant createdAt, Instant lastUsedAt, Instant revokedAt) {
}
