package dev.roster.roles;

/** The body of {@code POST /group-mappings}, for the OpenAPI document. */
public record GroupMappingInput(String scimGroupId, String orgRole) {
}
