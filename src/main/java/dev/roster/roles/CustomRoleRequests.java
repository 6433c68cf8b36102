package dev.roster.roles;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;
import java.util.Map;

/** The bodies of the custom-roles API. Capabilities come from the catalog; admin areas map area → none, view, manage. */
public final class CustomRoleRequests {

    private CustomRoleRequests() {
    }

    /** {@code POST /custom-roles}. */
    public record NewCustomRole(
            @NotBlank @Size(max = CustomRoleService.MAX_NAME_LENGTH) String name,
            @Size(max = CustomRoleService.MAX_DESCRIPTION_LENGTH) String description,
            List<@NotNull String> capabilities,
            Map<String, @NotNull String> adminAreas) {
    }

    /** {@code PATCH /custom-roles/{id}}: each field given replaces the stored one whole; a field left out stays. */
    public record CustomRoleChanges(
            @Size(min = 1, max = CustomRoleService.MAX_NAME_LENGTH) String name,
            @Size(max = CustomRoleService.MAX_DESCRIPTION_LENGTH) String description,
            List<@NotNull String> capabilities,
            Map<String, @NotNull String> adminAreas) {
    }
}
