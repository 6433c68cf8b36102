package dev.roster.groups;

import java.util.UUID;

/** A member as listed under {@code /groups/{id}/members}: enough to recognise them. */
public record GroupMemberView(UUID id, String userName, String displayName, String orgRole, boolean active) {
}
