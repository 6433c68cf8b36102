package dev.roster.roles;

import dev.roster.common.CursorPage;
import dev.roster.common.PageRequest;
import dev.roster.audit.AuditLog;
import dev.roster.common.Actor;
import dev.roster.common.Constraints;
import dev.roster.common.DomainException;
import dev.roster.common.Ids;
import dev.roster.common.Sql;
import dev.roster.access.OrgRole;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.persistence.PersistenceException;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Group mappings (SPEC §3): a SCIM group of the org → {@code user}, {@code admin}, {@code owner} or
 * {@code custom_roles} (never {@code primary_owner}); one mapping per group. Creating a mapping applies
 * it at once to the group's members; deleting one leaves every role as it is.
 */
@ApplicationScoped
public class GroupMappingService {

    static final Set<OrgRole> MAPPABLE = Set.of(OrgRole.USER, OrgRole.ADMIN, OrgRole.OWNER, OrgRole.CUSTOM_ROLES);

    private static final String SELECT = """
            SELECT gmap.id, gmap.group_id, g.display_name, gmap.org_role, gmap.created_at
            FROM group_mappings gmap JOIN groups g ON g.org_id = gmap.org_id AND g.id = gmap.group_id
            """;

    private final Sql sql;
    private final MappedRoles mappedRoles;
    private final AuditLog audit;

    public GroupMappingService(Sql sql, MappedRoles mappedRoles, AuditLog audit) {
        this.sql = sql;
        this.mappedRoles = mappedRoles;
        this.audit = audit;
    }

    public CursorPage<GroupMapping> list(UUID orgId, PageRequest page) {
        UUID after = page.after().isPresent() ? page.uuidAt(0) : new UUID(0, 0);
        List<GroupMapping> rows = sql.query(SELECT + " WHERE gmap.org_id = ? AND gmap.id > ? ORDER BY gmap.id LIMIT ?",
                GroupMappingService::map, orgId, after, page.fetchSize());
        return CursorPage.of(rows, page.limit(), mapping -> PageRequest.cursor(mapping.id()));
    }

    @Transactional
    public GroupMapping create(Actor actor, GroupMappingInput input) {
        String groupText = input.scimGroupId();
        String roleText = input.orgRole();
        OrgRole role = OrgRole.fromWire(roleText).filter(MAPPABLE::contains).orElseThrow(() -> DomainException.invalid(
                "orgRole", "A group can be mapped to user, admin, owner or custom_roles (not '" + roleText + "')"));
        UUID groupId = Ids.parse(groupText).orElseThrow(() -> noScimGroup(groupText));
        String source = sql.queryOne("SELECT source FROM groups WHERE org_id = ? AND id = ? FOR SHARE",
                row -> row.getString(1), actor.orgId(), groupId).orElseThrow(() -> noScimGroup(groupText));
        if (!"scim".equals(source)) {
            throw DomainException.invalid("scimGroupId", "Group " + groupId
                    + " was created manually; only groups synced from the identity provider (SCIM) can be mapped");
        }
        if (sql.count("SELECT count(*) FROM group_mappings WHERE org_id = ? AND group_id = ?", actor.orgId(), groupId) > 0) {
            throw alreadyMapped(groupId);
        }
        UUID id = Ids.newId();
        try {
            sql.update("INSERT INTO group_mappings (org_id, id, group_id, org_role) VALUES (?, ?, ?, ?)",
                    actor.orgId(), id, groupId, role.wire());
        } catch (PersistenceException e) {
            if (Constraints.violates(e, "group_mappings_org_id_group_id_key")) {
                throw alreadyMapped(groupId);
            }
            throw e;
        }
        GroupMapping mapping = get(actor.orgId(), id.toString());
        audit.record(actor, "group_mapping.created", "group_mapping", id, null, mapping);
        mappedRoles.applyToGroup(actor, groupId);
        return mapping;
    }

    public GroupMapping get(UUID orgId, String id) {
        return Ids.parse(id).flatMap(uuid -> sql.queryOne(SELECT + " WHERE gmap.org_id = ? AND gmap.id = ?",
                GroupMappingService::map, orgId, uuid)).orElseThrow(() -> DomainException.notFound("group mapping", id));
    }

    /** Removes the mapping; members keep the roles they have. */
    @Transactional
    public void delete(Actor actor, String id) {
        GroupMapping mapping = get(actor.orgId(), id);
        sql.update("DELETE FROM group_mappings WHERE org_id = ? AND id = ?", actor.orgId(), mapping.id());
        audit.record(actor, "group_mapping.deleted", "group_mapping", mapping.id(), mapping, null);
    }

    private static DomainException noScimGroup(String id) {
        return DomainException.invalid("scimGroupId", "No group with id '" + id + "' in this organization");
    }

    private static DomainException alreadyMapped(UUID groupId) {
        return DomainException.invalid("scimGroupId", "Group " + groupId
                + " is already mapped; delete its mapping first to map it to another role");
    }

    private static GroupMapping map(ResultSet row) throws SQLException {
        return new GroupMapping(row.getObject(1, UUID.class), row.getObject(2, UUID.class), row.getString(3),
                row.getString(4), Sql.instant(row, "created_at"));
    }
}
