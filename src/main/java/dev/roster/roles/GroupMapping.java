package dev.roster.roles;

import java.time.Instant;
import java.util.UUID;

/** An IdP (SCIM) group whose members get an org role. */
public record GroupMapping(UUID id, UUID scimGroupId, String groupName, String orgRole, Instant createdAt) {
}
