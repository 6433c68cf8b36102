package dev.roster.members;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A member as the admin API shows it (SPEC §9 {@code Member}). {@code emails} are the member's email
 * addresses (lower-cased, as indexed); {@code groupIds} every group they are in.
 */
public record MemberView(UUID id, String userName, String displayName, List<String> emails, boolean active,
                         String orgRole, boolean scimManaged, List<UUID> groupIds, Instant createdAt,
                         Instant updatedAt) {
}
