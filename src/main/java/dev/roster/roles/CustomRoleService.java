package dev.roster.roles;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.roster.access.AdminCaller;
import dev.roster.access.AdminRights;
import dev.roster.access.GrantRules;
import dev.roster.audit.AuditLog;
import dev.roster.common.Constraints;
import dev.roster.common.CursorPage;
import dev.roster.common.DomainException;
import dev.roster.common.ErrorCode;
import dev.roster.common.Ids;
import dev.roster.common.PageRequest;
import dev.roster.roles.CustomRoleRequests.CustomRoleChanges;
import dev.roster.roles.CustomRoleRequests.NewCustomRole;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Custom roles (SPEC §3): names unique per org case-insensitively, capabilities only from the catalog,
 * a level per admin area. A non-owner creates, changes or deletes only roles whose admin levels — before and
 * after the change — are within their own ({@link GrantRules}). Deleting a role removes its group assignments
 * (foreign-key cascade) and leaves the groups. Every change is audited in its transaction.
 */
@ApplicationScoped
public class CustomRoleService {

    public static final int MAX_NAME_LENGTH = 100;
    public static final int MAX_DESCRIPTION_LENGTH = 2000;

    private final CustomRoleStore store;
    private final CapabilityCatalog catalog;
    private final AuditLog audit;
    private final ObjectMapper json;

    public CustomRoleService(CustomRoleStore store, CapabilityCatalog catalog, AuditLog audit, ObjectMapper json) {
        this.store = store;
        this.catalog = catalog;
        this.audit = audit;
        this.json = json;
    }

    public CursorPage<CustomRole> list(UUID orgId, PageRequest page) {
        List<CustomRole> rows = store.page(orgId, page.after().map(p -> p.get(0)).orElse(""), page.fetchSize());
        return CursorPage.of(rows, page.limit(), role -> PageRequest.cursor(role.name().toLowerCase(Locale.ROOT)));
    }

    public Optional<CustomRole> find(UUID orgId, String id) {
        return Ids.parse(id).flatMap(uuid -> store.find(orgId, uuid));
    }

    public CustomRole get(UUID orgId, String id) {
        return find(orgId, id).orElseThrow(() -> DomainException.notFound("custom role", id));
    }

    @Transactional
    public CustomRole create(AdminCaller caller, NewCustomRole input) {
        String name = name(input.name());
        String description = input.description() == null ? "" : input.description();
        List<String> capabilities = capabilities(input.capabilities() == null ? List.of() : input.capabilities());
        AdminRights rights = AdminRights.fromRequest(input.adminAreas(), "adminAreas");
        GrantRules.requireWithin(caller, rights, "This custom role");
        requireNameFree(caller.orgId(), name, null);
        CustomRole role = new CustomRole(Ids.newId(), name, description, capabilities, rights.granted());
        writeUnique(name, () -> store.insert(caller.orgId(), role, toJson(role.adminAreas())));
        audit.record(caller.actor(), "custom_role.created", "custom_role", role.id(), null, role);
        return role;
    }

    @Transactional
    public CustomRole update(AdminCaller caller, String id, CustomRoleChanges input) {
        CustomRole before = Ids.parse(id).flatMap(uuid -> store.lock(caller.orgId(), uuid))
                .orElseThrow(() -> DomainException.notFound("custom role", id));
        GrantRules.requireWithin(caller, AdminRights.fromRequest(before.adminAreas(), "adminAreas"),
                "This custom role");
        String name = input.name() == null ? before.name() : name(input.name());
        String description = input.description() == null ? before.description() : input.description();
        List<String> capabilities = input.capabilities() == null ? before.capabilities() : capabilities(input.capabilities());
        Map<String, String> areas = before.adminAreas();
        if (input.adminAreas() != null) {
            AdminRights rights = AdminRights.fromRequest(input.adminAreas(), "adminAreas");
            GrantRules.requireWithin(caller, rights, "This custom role");
            areas = rights.granted();
        }
        CustomRole after = new CustomRole(before.id(), name, description, capabilities, areas);
        if (after.equals(before)) {
            return before;
        }
        if (!name.equalsIgnoreCase(before.name())) {
            requireNameFree(caller.orgId(), name, before.id());
        }
        writeUnique(name, () -> store.update(caller.orgId(), after, toJson(after.adminAreas())));
        audit.record(caller.actor(), "custom_role.updated", "custom_role", before.id(), before, after);
        return after;
    }

    /** Deletes the role and, through the foreign key, its assignments to groups. */
    @Transactional
    public void delete(AdminCaller caller, String id) {
        CustomRole role = Ids.parse(id).flatMap(uuid -> store.lock(caller.orgId(), uuid))
                .orElseThrow(() -> DomainException.notFound("custom role", id));
        GrantRules.requireWithin(caller, AdminRights.fromRequest(role.adminAreas(), "adminAreas"),
                "This custom role");
        List<UUID> groupIds = store.assignedGroups(caller.orgId(), role.id());
        store.delete(caller.orgId(), role.id());
        Map<String, Object> before = new LinkedHashMap<>();
        before.put("role", role);
        before.put("assignedToGroupIds", groupIds);
        audit.record(caller.actor(), "custom_role.deleted", "custom_role", role.id(), before, null);
    }

    private void requireNameFree(UUID orgId, String name, UUID except) {
        store.idByName(orgId, name).filter(existing -> !existing.equals(except)).ifPresent(existing -> {
            throw nameTaken(name);
        });
    }

    private static void writeUnique(String name, Runnable write) {
        try {
            write.run();
        } catch (RuntimeException e) {
            if (Constraints.violates(e, "custom_roles_name_key")) {
                throw nameTaken(name);
            }
            throw e;
        }
    }

    private static DomainException nameTaken(String name) {
        return new DomainException(ErrorCode.NAME_TAKEN, "A custom role named '" + name
                + "' already exists in this organization (names are unique, case-insensitively)", "name");
    }

    private static String name(String name) {
        String trimmed = name.strip();
        if (trimmed.isEmpty()) {
            throw DomainException.invalid("name", "name is required");
        }
        if (trimmed.chars().anyMatch(Character::isISOControl)) {
            throw DomainException.invalid("name", "A custom role name cannot contain control characters");
        }
        return trimmed;
    }

    /** The capabilities, each from the catalog, without duplicates, in catalog order. */
    private List<String> capabilities(List<String> given) {
        Set<String> known = new LinkedHashSet<>();
        for (String key : given) {
            if (!catalog.contains(key)) {
                throw DomainException.invalid("capabilities", "Unknown capability '" + key
                        + "'; the catalog (GET /permissions) has: " + String.join(", ", catalog.keys()));
            }
            known.add(key);
        }
        return catalog.keys().stream().filter(known::contains).toList();
    }

    private String toJson(Map<String, String> areas) {
        try {
            return json.writeValueAsString(areas);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
