package dev.roster.support;

import dev.roster.common.Actor;
import dev.roster.common.Sql;
import dev.roster.groups.Group;
import dev.roster.groups.GroupService;
import dev.roster.groups.GroupSource;
import dev.roster.access.OrgRole;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * Data the admin-API tests need that has no HTTP endpoint of its own on this branch (custom roles,
 * SCIM groups, suspension), written through the domain services or plain SQL, each in its own
 * committed transaction.
 */
@ApplicationScoped
public class AdminFixtures {

    private final Sql sql;
    private final GroupService groups;
    private final TestOrgs orgs;

    public AdminFixtures(Sql sql, GroupService groups, TestOrgs orgs) {
        this.sql = sql;
        this.groups = groups;
        this.orgs = orgs;
    }

    /** A custom role granting {@code adminAreasJson} (e.g. {@code {"identity_access":"view"}}). */
    public UUID customRole(UUID orgId, String name, String adminAreasJson) {
        UUID id = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> sql.update("""
                INSERT INTO custom_roles (org_id, id, name, capabilities, admin_areas)
                VALUES (?, ?, ?, '{chat}', ?::jsonb)""", orgId, id, name, adminAreasJson));
        return id;
    }

    /** A group as an identity provider creates it (source scim), with these members. */
    public UUID scimGroup(UUID orgId, String name, Collection<UUID> memberIds) {
        return QuarkusTransaction.requiringNew().call(() -> groups.create(
                Actor.scimToken(orgId, UUID.randomUUID(), "okta"), name, GroupSource.SCIM, "ext-" + name, memberIds).id);
    }

    /** A manual group made by the system (no admin-API rights involved). */
    public UUID manualGroup(UUID orgId, String name, Collection<UUID> memberIds) {
        return QuarkusTransaction.requiringNew().call(() ->
                groups.create(Actor.system(orgId), name, GroupSource.MANUAL, null, memberIds).id);
    }

    public void assignRole(UUID orgId, UUID groupId, UUID roleId) {
        QuarkusTransaction.requiringNew().run(() -> sql.update(
                "INSERT INTO group_custom_roles (org_id, group_id, custom_role_id) VALUES (?, ?, ?)", orgId, groupId, roleId));
    }

    /**
     * A {@code custom_roles} member whose only group grants a custom role with {@code adminAreasJson};
     * answers the member's admin JWT.
     */
    public String customRoleAdmin(UUID orgId, String adminAreasJson) {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        UUID member = orgs.addMember(orgId, "custom-" + tag + "@example.com", OrgRole.CUSTOM_ROLES);
        UUID role = customRole(orgId, "role " + tag, adminAreasJson);
        UUID group = manualGroup(orgId, "admins " + tag, List.of(member));
        assignRole(orgId, group, role);
        return orgs.jwtFor(orgId, member);
    }

    public String memberJwt(UUID orgId, OrgRole role) {
        UUID member = orgs.addMember(orgId, role.wire() + "-" + UUID.randomUUID() + "@example.com", role);
        return orgs.jwtFor(orgId, member);
    }

    public void suspend(UUID orgId, UUID memberId) {
        QuarkusTransaction.requiringNew().run(() ->
                sql.update("UPDATE members SET active = false WHERE org_id = ? AND id = ?", orgId, memberId));
    }

    /** Creates {@code n} manual groups in one statement (to reach the cap quickly). */
    public void bulkGroups(UUID orgId, int n) {
        QuarkusTransaction.requiringNew().run(() -> sql.update("""
                INSERT INTO groups (org_id, id, display_name, source)
                SELECT ?, gen_random_uuid(), 'bulk ' || i, 'manual' FROM generate_series(1, ?) AS i""", orgId, n));
    }

    public long count(String query, Object... params) {
        return QuarkusTransaction.requiringNew().call(() -> sql.count(query, params));
    }

    public Group group(UUID orgId, UUID groupId) {
        return QuarkusTransaction.requiringNew().call(() -> groups.get(Actor.system(orgId), groupId.toString()));
    }
}
