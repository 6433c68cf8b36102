package dev.roster.groups;

import dev.roster.common.Limit;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A group as the admin API shows it (SPEC §9). {@code memberCount} is the maintained column, so
 * showing a group never loads its members. {@code spendLimit} is the group's own per-member limit
 * (null = not set), managed through {@code /groups/{id}/spend-limit}.
 */
public record GroupView(UUID id, String name, String source, String externalId, int memberCount,
                        List<UUID> customRoleIds, Limit spendLimit, Instant createdAt, Instant updatedAt) {

    static GroupView of(Group group, List<UUID> customRoleIds, Limit spendLimit) {
        return new GroupView(group.id, group.displayName, group.source, group.externalId, group.memberCount,
                customRoleIds, spendLimit, group.createdAt, group.updatedAt);
    }
}
