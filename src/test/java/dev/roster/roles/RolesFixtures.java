package dev.roster.roles;

import dev.roster.common.Actor;
import dev.roster.common.Sql;
import dev.roster.groups.Group;
import dev.roster.groups.GroupService;
import dev.roster.groups.GroupSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.http.ContentType;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/**
 * Test set-up that does not belong to the API under test: groups and memberships as an identity
 * provider would push them (through {@link GroupService}, the path SCIM takes), role assignments,
 * suspensions, and reads of the database to check that nothing else changed.
 */
@ApplicationScoped
public class RolesFixtures {

    private final GroupService groups;
    private final Sql sql;

    public RolesFixtures(GroupService groups, Sql sql) {
        this.groups = groups;
        this.sql = sql;
    }

    public static Actor idp(UUID orgId) {
        return Actor.scimToken(orgId, UUID.nameUUIDFromBytes(orgId.toString().getBytes()), "okta");
    }

    /** A SCIM group created by the identity provider, with these members (mappings apply). */
    public UUID scimGroup(UUID orgId, String name, UUID... memberIds) {
        return QuarkusTransaction.requiringNew().call(
                () -> groups.create(idp(orgId), name, GroupSource.SCIM, "ext-" + name, List.of(memberIds)).id);
    }

    public UUID manualGroup(UUID orgId, String name, UUID... memberIds) {
        return QuarkusTransaction.requiringNew().call(
                () -> groups.create(Actor.system(orgId), name, GroupSource.MANUAL, null, List.of(memberIds)).id);
    }

    /** The identity provider adds members to its group (SCIM PATCH add members). */
    public void scimAdd(UUID orgId, UUID groupId, UUID... memberIds) {
        QuarkusTransaction.requiringNew().run(() -> {
            Group group = groups.getForUpdate(idp(orgId), groupId.toString());
            groups.addMembers(idp(orgId), group, Arrays.asList(memberIds));
        });
    }

    public void scimRemove(UUID orgId, UUID groupId, UUID... memberIds) {
        QuarkusTransaction.requiringNew().run(() -> {
            Group group = groups.getForUpdate(idp(orgId), groupId.toString());
            groups.removeMembers(idp(orgId), group, Arrays.asList(memberIds));
        });
    }

    public void scimDeleteGroup(UUID orgId, UUID groupId) {
        QuarkusTransaction.requiringNew().run(() -> groups.delete(idp(orgId), groups.getForUpdate(idp(orgId), groupId.toString())));
    }

    /** Assigns custom roles to a group (what the groups API does with customRoleIds). */
    public void assign(UUID orgId, UUID groupId, UUID... roleIds) {
        QuarkusTransaction.requiringNew().run(() -> sql.update("""
                INSERT INTO group_custom_roles (org_id, group_id, custom_role_id)
                SELECT ?, ?, r FROM unnest(?::uuid[]) AS r ON CONFLICT DO NOTHING""", orgId, groupId, List.of(roleIds)));
    }

    public void suspend(UUID orgId, UUID memberId) {
        QuarkusTransaction.requiringNew().run(() ->
                sql.update("UPDATE members SET active = false WHERE org_id = ? AND id = ?", orgId, memberId));
    }

    public void setRole(UUID orgId, UUID memberId, String role) {
        QuarkusTransaction.requiringNew().run(() ->
                sql.update("UPDATE members SET org_role = ? WHERE org_id = ? AND id = ?", role, orgId, memberId));
    }

    public String role(UUID orgId, UUID memberId) {
        return QuarkusTransaction.requiringNew().call(() -> sql.queryOne(
                "SELECT org_role FROM members WHERE org_id = ? AND id = ?", r -> r.getString(1), orgId, memberId).orElse(null));
    }

    public long count(String query, Object... params) {
        return QuarkusTransaction.requiringNew().call(() -> sql.count(query, params));
    }

    public long audits(UUID orgId, String action) {
        return count("SELECT count(*) FROM audit_events WHERE org_id = ? AND action = ?", orgId, action);
    }

    /** A snapshot of what a refused request must leave unchanged. */
    public String snapshot(UUID orgId) {
        return QuarkusTransaction.requiringNew().call(() -> String.join("|", sql.query("""
                SELECT concat_ws(',', (SELECT string_agg(id || ':' || org_role || ':' || active, ';' ORDER BY id) FROM members WHERE org_id = ?),
                                      (SELECT string_agg(id || ':' || name || ':' || description || ':' || capabilities::text || ':' || admin_areas::text, ';' ORDER BY id) FROM custom_roles WHERE org_id = ?),
                                      (SELECT string_agg(group_id || ':' || custom_role_id, ';' ORDER BY group_id, custom_role_id) FROM group_custom_roles WHERE org_id = ?),
                                      (SELECT string_agg(capability || ':' || enabled, ';' ORDER BY capability) FROM org_features WHERE org_id = ?),
                                      (SELECT string_agg(group_id || ':' || org_role, ';' ORDER BY group_id) FROM group_mappings WHERE org_id = ?),
                                      (SELECT count(*) FROM audit_events WHERE org_id = ?))""",
                r -> r.getString(1), orgId, orgId, orgId, orgId, orgId, orgId)));
    }

    /**
     * A {@code custom_roles} member whose only group has one custom role with these admin areas
     * (JSON object text, e.g. {@code {"identity_access":"view"}}); answers the member's id.
     */
    public UUID customRolesMember(dev.roster.support.TestOrgs orgs, dev.roster.support.TestOrgs.TestOrg org,
                                  String email, String adminAreas) {
        UUID member = orgs.addMember(org.id(), email, dev.roster.access.OrgRole.CUSTOM_ROLES);
        UUID role = createRole(org.id(), org.ownerJwt(), "{\"name\":\"areas " + email + "\",\"adminAreas\":" + adminAreas + "}");
        UUID group = manualGroup(org.id(), "group of " + email, member);
        assign(org.id(), group, role);
        return member;
    }

    /** Creates a custom role through the API as {@code jwt}; answers its id. */
    public static UUID createRole(UUID orgId, String jwt, String body) {
        return UUID.fromString(given().auth().oauth2(jwt).contentType(ContentType.JSON).body(body)
                .post("/api/v1/orgs/{org}/custom-roles", orgId)
                .then().statusCode(201).extract().path("id"));
    }
}
