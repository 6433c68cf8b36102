package dev.roster.access.explain;

import dev.roster.access.AdminRights;
import dev.roster.access.BuiltInAdminLevels;
import dev.roster.access.CustomRoleGrants;
import dev.roster.access.CustomRoleGrants.Grant;
import dev.roster.access.OrgRole;
import dev.roster.roles.CapabilityCatalog;
import dev.roster.roles.OrgFeatures;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.HashMap;
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
 * {@code custom_roles} members) {@link CustomRoleGrants}, the query enforcement reads too.
 */
@ApplicationScoped
public class EffectivePermissions {

    private final CustomRoleGrants grants;
    private final CapabilityCatalog catalog;
    private final OrgFeatures features;

    public EffectivePermissions(CustomRoleGrants grants, CapabilityCatalog catalog, OrgFeatures features) {
        this.grants = grants;
        this.catalog = catalog;
        this.features = features;
    }

    public Permissions of(UUID orgId, UUID memberId, OrgRole role, boolean active) {
        Set<String> enabled = features.enabled(orgId);
        List<Grant> reaching = role == OrgRole.CUSTOM_ROLES ? grants.of(orgId, memberId) : List.of();

        Map<String, List<CapabilitySource>> sources = new HashMap<>();
        if (role == OrgRole.CUSTOM_ROLES) {
            sources.computeIfAbsent(CapabilityCatalog.CHAT, k -> new ArrayList<>())
                    .add(CapabilitySource.builtin(role.wire()));
            for (Grant grant : reaching) {
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
        // the same derivation as enforcement (CallerStore): built-in levels, or the custom roles' maximum
        AdminRights rights = !active ? AdminRights.none()
                : role == OrgRole.CUSTOM_ROLES ? CustomRoleGrants.rights(reaching) : BuiltInAdminLevels.of(role);
        return new Permissions(capabilities, rights.wire());
    }
}
