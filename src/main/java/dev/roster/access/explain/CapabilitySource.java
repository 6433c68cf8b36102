package dev.roster.access.explain;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.UUID;

/**
 * Why a member has (or would have) a capability: their built-in role, or a custom role through one of
 * their groups. {@code role} is the built-in role's wire name or the custom role's name.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CapabilitySource(String type, String role, UUID groupId, UUID customRoleId) {

    public static final String BUILTIN_ROLE = "builtin_role";
    public static final String CUSTOM_ROLE = "custom_role";

    public static CapabilitySource builtin(String role) {
        return new CapabilitySource(BUILTIN_ROLE, role, null, null);
    }

    public static CapabilitySource custom(String roleName, UUID groupId, UUID customRoleId) {
        return new CapabilitySource(CUSTOM_ROLE, roleName, groupId, customRoleId);
    }
}
