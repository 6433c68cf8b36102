package dev.roster.plugins;

import dev.roster.common.Actor;
import dev.roster.common.Ids;
import dev.roster.common.Sql;
import dev.roster.groups.Group;
import dev.roster.groups.GroupService;
import dev.roster.groups.GroupSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/**
 * Set-up for plugin tests: groups (manual and SCIM) through {@link GroupService}, the one place for
 * group rules, custom roles as rows, and plugins and overrides through the real HTTP API.
 */
@ApplicationScoped
public class PluginFixtures {

    private final GroupService groups;
    private final Sql sql;

    public PluginFixtures(GroupService groups, Sql sql) {
        this.groups = groups;
        this.sql = sql;
    }

    public UUID manualGroup(UUID orgId, String name, UUID... memberIds) {
        return QuarkusTransaction.requiringNew().call(() ->
                groups.create(Actor.system(orgId), name, GroupSource.MANUAL, null, List.of(memberIds)).id);
    }

    /** A group as an identity provider creates it over SCIM. */
    public UUID scimGroup(UUID orgId, String name, UUID... memberIds) {
        return QuarkusTransaction.requiringNew().call(() ->
                groups.create(Actor.scimToken(orgId, Ids.newId(), "okta"), name, GroupSource.SCIM, "ext-" + name,
                        List.of(memberIds)).id);
    }

    public void deleteGroup(UUID orgId, UUID groupId) {
        QuarkusTransaction.requiringNew().run(() -> {
            Actor system = Actor.system(orgId);
            Group group = groups.get(system, groupId.toString());
            groups.delete(system, group);
        });
    }

    public void addToGroup(UUID orgId, UUID groupId, UUID... memberIds) {
        QuarkusTransaction.requiringNew().run(() -> {
            Actor system = Actor.system(orgId);
            groups.addMembers(system, groups.get(system, groupId.toString()), List.of(memberIds));
        });
    }

    /** A custom role with these admin-area levels (JSON object text), assigned to the group. */
    public UUID customRoleOn(UUID orgId, UUID groupId, String adminAreasJson) {
        UUID roleId = Ids.newId();
        QuarkusTransaction.requiringNew().run(() -> {
            sql.update("INSERT INTO custom_roles (org_id, id, name, admin_areas) VALUES (?, ?, ?, ?::jsonb)",
                    orgId, roleId, "role " + roleId, adminAreasJson);
            sql.update("INSERT INTO group_custom_roles (org_id, group_id, custom_role_id) VALUES (?, ?, ?)",
                    orgId, groupId, roleId);
        });
        return roleId;
    }

    public void setActive(UUID orgId, UUID memberId, boolean active) {
        QuarkusTransaction.requiringNew().run(() ->
                sql.update("UPDATE members SET active = ? WHERE org_id = ? AND id = ?", active, orgId, memberId));
    }

    public long count(String query, Object... params) {
        return QuarkusTransaction.requiringNew().call(() -> sql.count(query, params));
    }

    public List<String> auditActions(UUID orgId, UUID pluginId) {
        return QuarkusTransaction.requiringNew().call(() -> sql.query(
                "SELECT action FROM audit_events WHERE org_id = ? AND target_type = 'plugin' AND target_id = ? ORDER BY id",
                row -> row.getString(1), orgId, pluginId.toString()));
    }

    // ---- through the API ---------------------------------------------------------------------

    public static String pluginsPath(UUID orgId) {
        return "/api/v1/orgs/" + orgId + "/plugins";
    }

    public static UUID createPlugin(UUID orgId, String jwt, String name, String defaultState) {
        return UUID.fromString(given().auth().oauth2(jwt).contentType("application/json")
                .body(Map.of("name", name, "description", "about " + name, "defaultState", defaultState))
                .post(pluginsPath(orgId))
                .then().statusCode(201).extract().path("id"));
    }

    public static void setOverride(UUID orgId, String jwt, UUID pluginId, UUID groupId, String state) {
        given().auth().oauth2(jwt).contentType("application/json").body(Map.of("state", state))
                .put(pluginsPath(orgId) + "/" + pluginId + "/overrides/" + groupId)
                .then().statusCode(200);
    }
}
