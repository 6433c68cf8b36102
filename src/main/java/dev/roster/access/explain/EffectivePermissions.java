package dev.roster.access.explain;

import dev.roster.roles.CapabilityCatalog;
import dev.roster.roles.OrgFeatures;
import dev.roster.access.AdminLevels;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.roster.access.AccessLevel;
import dev.roster.access.AdminArea;
import dev.roster.access.BuiltInAdminLevels;
import dev.roster.common.Sql;
import dev.roster.access.OrgRole;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The effective-access rules of SPEC §3, with their explanation:
 * <ul>
 *   <li>inactive member: nothing (each capability that a source would grant is blocked by {@code inactive});</li>
 *   <li>{@code custom_roles}: chat always, plus the union of the capabilities of their groups' custom roles,
 *       ∩ the org's enabled features; each admin area at the highest level any of those roles grants;</li>
 *   <li>built-in roles: every enabled capability; admin areas from {@link BuiltInAdminLevels}.</li>
 * </ul>
 * Two queries whatever the number of groups and roles: the org's feature switches, and (for
 * {@code custom_roles} members) one join of memberships → assignments → roles.
 */
@ApplicationScoped
public class EffectivePermissions {

    private final Sql sql;
    private final CapabilityCatalog catalog;
    private final OrgFeatures features;
    private final ObjectMapper json;

    public EffectivePermissions(Sql sql, CapabilityCatalog catalog, OrgFeatures features, ObjectMapper json) {
        this.sql = sql;
        this.catalog = catalog;
        this.features = features;
        this.json = json;
    }

    /** A custom role reaching the member through one group. */
    private record Grant(UUID groupId, UUID roleId, String roleName, Set<String> capabilities, String adminAreas) {
    }

    public Permissions of(UUID orgId, UUID memberId, OrgRole role, boolean active) {
        Set<String> enabled = features.enabled(orgId);
        List<Grant> grants = role == OrgRole.CUSTOM_ROLES ? grants(orgId, memberId) : List.of();

        Map<String, List<CapabilitySource>> sources = new HashMap<>();
        if (role == OrgRole.CUSTOM_ROLES) {
            sources.computeIfAbsent(CapabilityCatalog.CHAT, k -> new ArrayList<>())
                    .add(CapabilitySource.builtin(role.wire()));
            for (Grant grant : grants) {
                for (String capability : grant.capabilities()) {
                    sources.computeIfAbsent(capability, k -> new ArrayList<>())
                            .add(CapabilitySource.custom(grant.roleName(), grant.groupId(), grant.roleId()));
                }
            }
        } else {
            for (String capability : catalog.keys()) {
                sources.put(capability, List.of(CapabilitySource.builtin(role.wire())));
            }
        }

        List<CapabilityAccess> capabilities = new ArrayList<>();
        for (String key : catalog.keys()) {
            List<CapabilitySource> from = List.copyOf(sources.getOrDefault(key, List.of()));
            boolean granted = active && enabled.contains(key) && !from.isEmpty();
            String blockedBy = granted || from.isEmpty() ? null
                    : !active ? CapabilityAccess.INACTIVE : CapabilityAccess.ORG_DISABLED;
            capabilities.add(new CapabilityAccess(key, granted, from, blockedBy));
        }
        return new Permissions(capabilities, AdminLevels.wire(adminLevels(role, active, grants)));
    }

    private Map<AdminArea, AccessLevel> adminLevels(OrgRole role, boolean active, List<Grant> grants) {
        if (!active) {
            return Map.of();
        }
        if (role != OrgRole.CUSTOM_ROLES) {
            return BuiltInAdminLevels.of(role);
        }
        Map<AdminArea, AccessLevel> levels = new EnumMap<>(AdminArea.class);
        Set<UUID> seen = new HashSet<>();
        for (Grant grant : grants) {
            if (seen.add(grant.roleId())) {
                AdminLevels.parse(json, grant.adminAreas()).forEach((area, level) -> levels.merge(area, level, AccessLevel::max));
            }
        }
        return levels;
    }

    private List<Grant> grants(UUID orgId, UUID memberId) {
        return sql.query("""
                SELECT gm.group_id, cr.id, cr.name, cr.capabilities, cr.admin_areas::text
                FROM group_members gm
                JOIN group_custom_roles gcr ON gcr.org_id = gm.org_id AND gcr.group_id = gm.group_id
                JOIN custom_roles cr ON cr.org_id = gcr.org_id AND cr.id = gcr.custom_role_id
                WHERE gm.org_id = ? AND gm.member_id = ?
                ORDER BY gm.group_id, lower(cr.name)""",
                row -> new Grant(row.getObject(1, UUID.class), row.getObject(2, UUID.class), row.getString(3),
                        new HashSet<>(java.util.Arrays.asList((String[]) row.getArray(4).getArray())), row.getString(5)),
                orgId, memberId);
    }
}
