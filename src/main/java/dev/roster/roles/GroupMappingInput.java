package dev.roster.roles;

import jakarta.validation.constraints.NotBlank;

/** {@code POST /group-mappings}: a SCIM group of the org and the org role its members get. */
public record GroupMappingInput(@NotBlank String scimGroupId, @NotBlank String orgRole) {
}
