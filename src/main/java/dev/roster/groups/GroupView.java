package dev.roster.groups;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A group as the admin API shows it (SPEC §9). {@code memberCount} is the maintained column, so
 * showing a group never loads its members.
 */
public record GroupView(UUID id, String name, String source, String externalId, int memberCount,
                        List<UUID> customRoleIds, Instant createdAt, Instant updatedAt) {

    static GroupView of(Group group, List<UUID> customRoleIds) {
        return new GroupView(group.id, group.displayName, group.source, group.externalId, group.memberCount,
                customRoleIds, group.createdAt, group.updatedAt);
    }
}
