package dev.roster.auth;

import java.util.UUID;

/** An authenticated SCIM client: the org its token belongs to, and which token it used. */
public record ScimCredential(UUID orgId, UUID tokenId, String tokenName, Integer ratePerMinute) {
}
