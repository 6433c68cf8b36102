package dev.roster.members;

import java.time.Instant;
import java.util.UUID;

/** A pending invitation: who is invited, with which org role, by whom. */
public record Invitation(UUID id, String email, String orgRole, UUID invitedBy, Instant createdAt) {
}
