package dev.roster.roles;

import dev.roster.access.AdminLevels;
import dev.roster.common.CursorPage;
import dev.roster.common.PageRequest;
import dev.roster.common.JsonBody;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.roster.audit.AuditLog;
import dev.roster.access.AccessLevel;
import dev.roster.access.AdminArea;
import dev.roster.common.Actor;
import dev.roster.common.Constraints;
import dev.roster.common.DomainException;
import dev.roster.common.ErrorCode;
import dev.roster.common.Ids;
import dev.roster.common.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Custom roles (SPEC §3): names unique per org case-insensitively, capabilities only from the catalog,
 * a level per admin area. Deleting a role removes its group assignments (foreign-key cascade) and
 * leaves the groups. Every change is audited in the caller's transaction.
 */
@ApplicationScoped
public class CustomRoleService {

    public static final int MAX_NAME_LENGTH = 100;
    public static final int MAX_DESCRIPTION_LENGTH = 2000;
    static final String[] FIELDS = {"name", "description", "capabilities", "adminAreas"};

    private static final String COLUMNS = "id, name, description, capabilities, admin_areas::text";

    private final Sql sql;
    private final CapabilityCatalog catalog;
    private final AuditLog audit;
    private final ObjectMapper json;

    public CustomRoleService(Sql sql, CapabilityCatalog catalog, AuditLog audit, ObjectMapper json) {
        this.sql = sql;
        this.catalog = catalog;
        this.audit = audit;
        this.json = json;
    }

    public CursorPage<CustomRole> list(UUID orgId, PageRequest page) {
        List<CustomRole> rows = sql.query("SELECT " + COLUMNS + " FROM custom_roles WHERE org_id = ? AND lower(name) > ?"
                        + " ORDER BY lower(name) LIMIT ?",
                this::map, orgId, page.after().map(p -> p.get(0)).orElse(""), page.fetchSize());
        return CursorPage.of(rows, page.limit(), role -> PageRequest.cursor(role.name().toLowerCase(java.util.Locale.ROOT)));
    }

    public Optional<CustomRole> find(UUID orgId, String id) {
        return Ids.parse(id).flatMap(uuid -> sql.queryOne(
                "SELECT " + COLUMNS + " FROM custom_roles WHERE org_id = ? AND id = ?", this::map, orgId, uuid));
    }

    public CustomRole get(UUID orgId, String id) {
        return find(orgId, id).orElseThrow(() -> DomainException.notFound("custom role", id));
    }

    public CustomRole create(Actor actor, JsonNode body) {
        JsonBody input = JsonBody.of(body, FIELDS);
        String name = name(input.requiredString("name"));
        String description = description(input.stringIfPresent("description").orElse(""));
        List<String> capabilities = input.nodeIfPresent("capabilities").map(this::capabilities).orElse(List.of());
        Map<String, String> areas = input.nodeIfPresent("adminAreas").map(CustomRoleService::adminAreas).orElse(Map.of());
        requireNameFree(actor.orgId(), name, null);
        UUID id = Ids.newId();
        writeUnique(name, () -> sql.update("""
                INSERT INTO custom_roles (org_id, id, name, description, capabilities, admin_areas)
                VALUES (?, ?, ?, ?, ?::text[], ?::jsonb)""",
                actor.orgId(), id, name, description, capabilities, toJson(areas)));
        CustomRole role = new CustomRole(id, name, description, capabilities, areas);
        audit.record(actor, "custom_role.created", "custom_role", id, null, role);
        return role;
    }

    public CustomRole update(Actor actor, String id, JsonNode body) {
        JsonBody input = JsonBody.of(body, FIELDS);
        CustomRole before = Ids.parse(id).flatMap(uuid -> sql.queryOne(
                        "SELECT " + COLUMNS + " FROM custom_roles WHERE org_id = ? AND id = ? FOR NO KEY UPDATE", this::map,
                        actor.orgId(), uuid))
                .orElseThrow(() -> DomainException.notFound("custom role", id));
        String name = input.stringIfPresent("name").map(CustomRoleService::name).orElse(before.name());
        String description = input.stringIfPresent("description").map(CustomRoleService::description).orElse(before.description());
        List<String> capabilities = input.nodeIfPresent("capabilities").map(this::capabilities).orElse(before.capabilities());
        Map<String, String> areas = input.nodeIfPresent("adminAreas").map(CustomRoleService::adminAreas).orElse(before.adminAreas());
        CustomRole after = new CustomRole(before.id(), name, description, capabilities, areas);
        if (after.equals(before)) {
            return before;
        }
        if (!name.equalsIgnoreCase(before.name())) {
            requireNameFree(actor.orgId(), name, before.id());
        }
        writeUnique(name, () -> sql.update("""
                UPDATE custom_roles SET name = ?, description = ?, capabilities = ?::text[], admin_areas = ?::jsonb,
                                        updated_at = now()
                WHERE org_id = ? AND id = ?""",
                name, description, capabilities, toJson(areas), actor.orgId(), before.id()));
        audit.record(actor, "custom_role.updated", "custom_role", before.id(), before, after);
        return after;
    }

    /** Deletes the role and, through the foreign key, its assignments to groups. */
    public void delete(Actor actor, String id) {
        CustomRole role = get(actor.orgId(), id);
        List<UUID> groupIds = sql.query(
                "SELECT group_id FROM group_custom_roles WHERE org_id = ? AND custom_role_id = ? ORDER BY group_id",
                row -> row.getObject(1, UUID.class), actor.orgId(), role.id());
        sql.update("DELETE FROM custom_roles WHERE org_id = ? AND id = ?", actor.orgId(), role.id());
        Map<String, Object> before = new LinkedHashMap<>();
        before.put("role", role);
        before.put("assignedToGroupIds", groupIds);
        audit.record(actor, "custom_role.deleted", "custom_role", role.id(), before, null);
    }

    private void requireNameFree(UUID orgId, String name, UUID except) {
        sql.queryOne("SELECT id FROM custom_roles WHERE org_id = ? AND lower(name) = lower(?)",
                        row -> row.getObject(1, UUID.class), orgId, name)
                .filter(existing -> !existing.equals(except))
                .ifPresent(existing -> {
                    throw nameTaken(name);
                });
    }

    private static void writeUnique(String name, Runnable write) {
        try {
            write.run();
        } catch (PersistenceException e) {
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
        if (trimmed.length() > MAX_NAME_LENGTH) {
            throw DomainException.invalid("name", "A custom role name has at most " + MAX_NAME_LENGTH + " characters");
        }
        return trimmed;
    }

    private static String description(String description) {
        if (description.length() > MAX_DESCRIPTION_LENGTH) {
            throw DomainException.invalid("description", "A description has at most " + MAX_DESCRIPTION_LENGTH + " characters");
        }
        return description;
    }

    /** The capabilities, each from the catalog, without duplicates, in catalog order. */
    private List<String> capabilities(JsonNode value) {
        if (!value.isArray()) {
            throw DomainException.invalid("capabilities", "capabilities must be an array of capability keys");
        }
        Set<String> given = new LinkedHashSet<>();
        for (JsonNode item : value) {
            if (!item.isTextual()) {
                throw DomainException.invalid("capabilities", "capabilities must be an array of capability keys (strings)");
            }
            if (!catalog.contains(item.asText())) {
                throw DomainException.invalid("capabilities", "Unknown capability '" + item.asText()
                        + "'; the catalog (GET /permissions) has: " + String.join(", ", catalog.keys()));
            }
            given.add(item.asText());
        }
        return catalog.keys().stream().filter(given::contains).toList();
    }

    /** Area → level, areas in their declared order; "none" is dropped (an area left out is none). */
    private static Map<String, String> adminAreas(JsonNode value) {
        if (!value.isObject()) {
            throw DomainException.invalid("adminAreas", "adminAreas must be an object of area → level (none, view, manage)");
        }
        Map<AdminArea, AccessLevel> levels = new java.util.EnumMap<>(AdminArea.class);
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            AdminArea area = AdminArea.fromWire(entry.getKey()).orElseThrow(() -> DomainException.invalid("adminAreas",
                    "Unknown admin area '" + entry.getKey() + "'; the areas are: " + String.join(", ",
                            Arrays.stream(AdminArea.values()).map(AdminArea::wire).toList())));
            String field = "adminAreas." + area.wire();
            if (!entry.getValue().isTextual()) {
                throw DomainException.invalid(field, field + " must be one of none, view, manage");
            }
            AccessLevel level = AccessLevel.fromWire(entry.getValue().asText()).orElseThrow(() -> DomainException.invalid(
                    field, "Unknown level '" + entry.getValue().asText() + "' for " + area.wire() + "; levels are none, view, manage"));
            levels.put(area, level);
        }
        Map<String, String> areas = new LinkedHashMap<>();
        levels.forEach((area, level) -> {
            if (level != AccessLevel.NONE) {
                areas.put(area.wire(), level.wire());
            }
        });
        return areas;
    }

    private String toJson(Map<String, String> areas) {
        try {
            return json.writeValueAsString(areas);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private CustomRole map(ResultSet row) throws SQLException {
        String[] capabilities = (String[]) row.getArray(4).getArray();
        return new CustomRole(row.getObject(1, UUID.class), row.getString(2), row.getString(3),
                List.of(capabilities), parseAreas(row.getString(5)));
    }

    /** Stored admin areas, read in area order; anything not a known area and level is ignored. */
    Map<String, String> parseAreas(String text) {
        Map<AdminArea, AccessLevel> levels = AdminLevels.parse(json, text);
        Map<String, String> areas = new LinkedHashMap<>();
        levels.forEach((area, level) -> {
            if (level != AccessLevel.NONE) {
                areas.put(area.wire(), level.wire());
            }
        });
        return areas;
    }
}
