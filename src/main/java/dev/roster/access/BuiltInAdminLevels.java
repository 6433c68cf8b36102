package dev.roster.access;


import java.util.EnumMap;
import java.util.Map;

/**
 * The admin areas each built-in role opens (SPEC §3). An admin's user_management is further limited
 * to members who are {@code user} or {@code custom_roles}; that check belongs to the member rules.
 */
public final class BuiltInAdminLevels {

    private BuiltInAdminLevels() {
    }

    public static Map<AdminArea, AccessLevel> of(OrgRole role) {
        Map<AdminArea, AccessLevel> levels = new EnumMap<>(AdminArea.class);
        for (AdminArea area : AdminArea.values()) {
            levels.put(area, AccessLevel.NONE);
        }
        switch (role) {
            case OWNER, PRIMARY_OWNER -> levels.replaceAll((area, level) -> AccessLevel.MANAGE);
            case ADMIN -> {
                levels.put(AdminArea.USER_MANAGEMENT, AccessLevel.MANAGE);
                levels.put(AdminArea.ANALYTICS, AccessLevel.VIEW);
            }
            case USER, CUSTOM_ROLES -> {
                // nothing built in; custom_roles members get their groups' custom-role levels
            }
        }
        return levels;
    }
}
