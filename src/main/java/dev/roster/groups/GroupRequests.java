package dev.roster.groups;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The bodies of the groups admin API. */
public final class GroupRequests {

    private GroupRequests() {
    }

    /** {@code POST /groups}: a manual group, optionally with custom roles and members. */
    public record NewGroup(
            @NotBlank @Size(max = GroupService.MAX_NAME_LENGTH) String name,
            List<@NotNull UUID> customRoleIds,
            List<@NotNull UUID> memberIds) {
    }

    /**
     * {@code PATCH /groups/{id}}: fields left out stay as they are ({@code null} component); a name sent as JSON
     * null is refused; {@code customRoleIds} replaces the whole set.
     */
    public record GroupChanges(
            Optional<@Size(min = 1, max = GroupService.MAX_NAME_LENGTH) String> name,
            List<@NotNull UUID> customRoleIds) {
    }

    /** {@code POST /groups/{id}/members}. */
    public record NewMembers(@NotNull List<@NotNull UUID> memberIds) {
    }
}
