package dev.roster.access;

import java.util.Map;

/**
 * The admin areas each built-in role opens (SPEC §3). An admin's user_management is further limited
 * to members who are {@code user} or {@code custom_roles}; that check is {@link GrantRules}'.
 * {@code custom_roles} members hold nothing built in: their levels come from their groups' custom roles.
 */
public final class BuiltInAdminLevels {

    private static final AdminRights OWNER = AdminRights.all(AccessLevel.MANAGE);
    private static final AdminRights ADMIN = AdminRights.of(Map.of(
            AdminArea.USER_MANAGEMENT, AccessLevel.MANAGE,
            AdminArea.ANALYTICS, AccessLevel.VIEW));

    private BuiltInAdminLevels() {
    }

    public static AdminRights of(OrgRole role) {
        return switch (role) {
            case OWNER, PRIMARY_OWNER -> OWNER;
            case ADMIN -> ADMIN;
            case USER, CUSTOM_ROLES -> AdminRights.none();
        };
    }
}
