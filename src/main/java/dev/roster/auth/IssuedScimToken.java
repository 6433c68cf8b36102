package dev.roster.auth;

import java.time.Instant;
import java.util.UUID;

/** A token as created: the only time its secret is shown. */
public record IssuedScimToken(UUID id, String name, String token, Instant createdAt) {
}
