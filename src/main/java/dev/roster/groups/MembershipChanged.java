package dev.roster.groups;

import dev.roster.common.Actor;

import java.util.Set;
import java.util.UUID;

/**
 * Fired synchronously, inside the transaction, after members joined or left a group, so that
 * dependent rules (group mappings to org roles) apply in the same transaction.
 */
public record MembershipChanged(Actor actor, UUID groupId, Set<UUID> memberIds) {
}
