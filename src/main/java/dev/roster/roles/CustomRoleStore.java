package dev.roster.roles;

import dev.roster.access.CustomRoleGrants;
import jakarta.enterprise.context.ApplicationScoped;
import org.jdbi.v3.core.Jdbi;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The {@code custom_roles} table. */
@ApplicationScoped
public class CustomRoleStore {

    private static final String COLUMNS = "id, name, description, capabilities, admin_areas::text AS admin_areas";

    private static final String PAGE = "SELECT " + COLUMNS + """
             FROM custom_roles
            WHERE org_id = :orgId AND lower(name) > :after
            ORDER BY lower(name)
            LIMIT :limit""";

    private static final String FIND = "SELECT " + COLUMNS + " FROM custom_roles WHERE org_id = :orgId AND id = :id";

    private static final String LOCK = FIND + " FOR NO KEY UPDATE";

    private static final String ID_BY_NAME = "SELECT id FROM custom_roles WHERE org_id = :orgId AND lower(name) = lower(:name)";

    private static final String INSERT = """
            INSERT INTO custom_roles (org_id, id, name, description, capabilities, admin_areas)
            VALUES (:orgId, :id, :name, :description, :capabilities, :adminAreas::jsonb)""";

    private static final String UPDATE = """
            UPDATE custom_roles
            SET name = :name, description = :description, capabilities = :capabilities,
                admin_areas = :adminAreas::jsonb, updated_at = now()
            WHERE org_id = :orgId AND id = :id""";

    private static final String ASSIGNED_GROUPS = """
            SELECT group_id FROM group_custom_roles WHERE org_id = :orgId AND custom_role_id = :id ORDER BY group_id""";

    private static final String DELETE = "DELETE FROM custom_roles WHERE org_id = :orgId AND id = :id";

    private final Jdbi jdbi;
    private final CustomRoleGrants grants;

    public CustomRoleStore(Jdbi jdbi, CustomRoleGrants grants) {
        this.jdbi = jdbi;
        this.grants = grants;
    }

    public List<CustomRole> page(UUID orgId, String afterLowerName, int limit) {
        return jdbi.withHandle(h -> h.createQuery(PAGE).bind("orgId", orgId).bind("after", afterLowerName)
                .bind("limit", limit).map((row, ctx) -> map(row)).list());
    }

    public Optional<CustomRole> find(UUID orgId, UUID id) {
        return jdbi.withHandle(h -> h.createQuery(FIND).bind("orgId", orgId).bind("id", id).map((row, ctx) -> map(row)).findOne());
    }

    /** The role, locked against concurrent changes until the transaction ends. */
    public Optional<CustomRole> lock(UUID orgId, UUID id) {
        return jdbi.withHandle(h -> h.createQuery(LOCK).bind("orgId", orgId).bind("id", id).map((row, ctx) -> map(row)).findOne());
    }

    public Optional<UUID> idByName(UUID orgId, String name) {
        return jdbi.withHandle(h -> h.createQuery(ID_BY_NAME).bind("orgId", orgId).bind("name", name).mapTo(UUID.class).findOne());
    }

    public void insert(UUID orgId, CustomRole role, String adminAreasJson) {
        jdbi.useHandle(h -> h.createUpdate(INSERT).bind("orgId", orgId).bind("id", role.id()).bind("name", role.name())
                .bind("description", role.description())
                .bindArray("capabilities", String.class, role.capabilities())
                .bind("adminAreas", adminAreasJson).execute());
    }

    public void update(UUID orgId, CustomRole role, String adminAreasJson) {
        jdbi.useHandle(h -> h.createUpdate(UPDATE).bind("orgId", orgId).bind("id", role.id()).bind("name", role.name())
                .bind("description", role.description())
                .bindArray("capabilities", String.class, role.capabilities())
                .bind("adminAreas", adminAreasJson).execute());
    }

    public List<UUID> assignedGroups(UUID orgId, UUID id) {
        return jdbi.withHandle(h -> h.createQuery(ASSIGNED_GROUPS).bind("orgId", orgId).bind("id", id).mapTo(UUID.class).list());
    }

    /** Deletes the role and, through the foreign key, its assignments to groups. */
    public void delete(UUID orgId, UUID id) {
        jdbi.useHandle(h -> h.createUpdate(DELETE).bind("orgId", orgId).bind("id", id).execute());
    }

    private CustomRole map(ResultSet row) throws SQLException {
        return new CustomRole(row.getObject("id", UUID.class), row.getString("name"), row.getString("description"),
                Arrays.asList((String[]) row.getArray("capabilities").getArray()),
                grants.parse(row.getString("admin_areas")).granted());
    }
}
