package dev.roster.plugins;

import dev.roster.common.Actor;
import dev.roster.common.Ids;
import dev.roster.groups.Group;
import dev.roster.groups.GroupService;
import dev.roster.groups.GroupSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import org.jdbi.v3.core.Jdbi;

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
    private final Jdbi jdbi;

    public PluginFixtures(GroupService groups, Jdbi jdbi) {
        this.groups = groups;
        this.jdbi = jdbi;
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
        jdbi.useHandle(handle -> {
            handle.createUpdate("INSERT INTO custom_roles (org_id, id, name, admin_areas) VALUES (:orgId, :roleId, :name, :adminAreas::jsonb)")
                    .bind("orgId", orgId).bind("roleId", roleId).bind("name", "role " + roleId).bind("adminAreas", adminAreasJson)
                    .execute();
            handle.createUpdate("INSERT INTO group_custom_roles (org_id, group_id, custom_role_id) VALUES (:orgId, :groupId, :roleId)")
                    .bind("orgId", orgId).bind("groupId", groupId).bind("roleId", roleId)
                    .execute();
        });
        return roleId;
    }

    public void setActive(UUID orgId, UUID memberId, boolean active) {
        jdbi.useHandle(handle -> handle.createUpdate("UPDATE members SET active = :active WHERE org_id = :orgId AND id = :memberId")
                .bind("active", active).bind("orgId", orgId).bind("memberId", memberId)
                .execute());
    }

    /** A number (a count) read with named parameters; a query that finds no row is 0. */
    public long count(String query, Map<String, ?> params) {
        return jdbi.withHandle(handle -> handle.createQuery(query).bindMap(params).mapTo(Long.class).findOne().orElse(0L));
    }

    public List<String> auditActions(UUID orgId, UUID pluginId) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT action FROM audit_events
                        WHERE org_id = :orgId AND target_type = 'plugin' AND target_id = :pluginId ORDER BY id""")
                .bind("orgId", orgId).bind("pluginId", pluginId.toString())
                .mapTo(String.class).list());
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
