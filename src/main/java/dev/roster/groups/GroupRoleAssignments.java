package dev.roster.groups;

import dev.roster.audit.AuditLog;
import dev.roster.common.Actor;
import dev.roster.common.DomainException;
import dev.roster.common.Sql;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Which custom roles a group grants its members ({@code group_custom_roles}). Assignments are set as
 * the difference of two sets in SQL. They are editable on SCIM groups too: the identity provider owns
 * a SCIM group's name and members, the organization owns what the group grants (SPEC §2).
 */
@ApplicationScoped
public class GroupRoleAssignments {

    private final Sql sql;
    private final AuditLog audit;
    private final GroupService groups;

    public GroupRoleAssignments(Sql sql, AuditLog audit, GroupService groups) {
        this.sql = sql;
        this.audit = audit;
        this.groups = groups;
    }

    public List<UUID> roleIds(UUID orgId, UUID groupId) {
        return sql.query("""
                        SELECT custom_role_id FROM group_custom_roles
                        WHERE org_id = ? AND group_id = ? ORDER BY custom_role_id""",
                row -> row.getObject(1, UUID.class), orgId, groupId);
    }

    /**
     * Makes the group's custom roles exactly {@code roleIds}. Every id must name a custom role of the
     * group's org ({@code 400 validation_failed} on {@code customRoleIds} otherwise); the roles are
     * key-share locked so that a concurrent role deletion cannot slip between check and insert.
     * Runs in the caller's transaction; the caller holds the group (locked, or just created).
     */
    public void set(Actor actor, Group group, Collection<UUID> roleIds) {
        Set<UUID> wanted = new LinkedHashSet<>(roleIds);
        requireRolesOfOrg(group.orgId, wanted);
        List<UUID> removed = sql.query("""
                DELETE FROM group_custom_roles
                WHERE org_id = ? AND group_id = ? AND NOT (custom_role_id = ANY(?::uuid[]))
                RETURNING custom_role_id""", row -> row.getObject(1, UUID.class), group.orgId, group.id, List.copyOf(wanted));
        List<UUID> added = wanted.isEmpty() ? List.of() : sql.query("""
                INSERT INTO group_custom_roles (org_id, group_id, custom_role_id)
                SELECT ?, ?, r FROM unnest(?::uuid[]) AS r
                ON CONFLICT DO NOTHING
                RETURNING custom_role_id""", row -> row.getObject(1, UUID.class), group.orgId, group.id, List.copyOf(wanted));
        if (removed.isEmpty() && added.isEmpty()) {
            return;
        }
        groups.touch(group);
        audit.record(actor, "group.custom_roles_changed", "group", group.id,
                Map.of("removedCustomRoleIds", removed), Map.of("addedCustomRoleIds", added,
                        "customRoleIds", List.copyOf(wanted)));
    }

    private void requireRolesOfOrg(UUID orgId, Set<UUID> roleIds) {
        if (roleIds.isEmpty()) {
            return;
        }
        Set<UUID> found = new LinkedHashSet<>(sql.query(
                "SELECT id FROM custom_roles WHERE org_id = ? AND id = ANY(?::uuid[]) FOR KEY SHARE",
                row -> row.getObject(1, UUID.class), orgId, List.copyOf(roleIds)));
        if (found.size() < roleIds.size()) {
            List<UUID> unknown = new ArrayList<>(roleIds);
            unknown.removeAll(found);
            throw DomainException.invalid("customRoleIds", "No custom role with id " + unknown.get(0)
                    + " in this organization" + (unknown.size() > 1 ? " (and " + (unknown.size() - 1) + " more unknown ids)" : ""));
        }
    }
}
