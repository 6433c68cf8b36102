package dev.roster.plugins;

import dev.roster.access.OrgRole;
import dev.roster.orgs.Plan;
import dev.roster.support.TestOrgs;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.roster.plugins.PluginFixtures.createPlugin;
import static dev.roster.plugins.PluginFixtures.pluginsPath;
import static dev.roster.plugins.PluginFixtures.setOverride;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The plugins admin API through real HTTP: resource shape, paging, updates, refusals that change
 * nothing (bad states, duplicate names, missing names, malformed bodies, foreign ids), the rights
 * ({@code libraries}) and the plan, and the audit trail.
 */
@QuarkusTest
class PluginsApiTest {

    @Inject
    TestOrgs orgs;
    @Inject
    PluginFixtures fixtures;

    private static RequestSpecification as(String jwt) {
        return given().auth().oauth2(jwt).contentType("application/json");
    }

    @Test
    void createGetListUpdate() {
        TestOrgs.TestOrg org = orgs.create();
        String path = pluginsPath(org.id());
        String id = as(org.ownerJwt()).body(Map.of("name", "  Slide maker ", "description", "Makes decks"))
                .post(path).then().statusCode(201)
                .header("Location", containsString(path + "/"))
                .body("id", notNullValue())
                .body("name", equalTo("Slide maker"))
                .body("description", equalTo("Makes decks"))
                .body("defaultState", equalTo("available"))
                .body("overrides", hasSize(0))
                .body("createdAt", notNullValue())
                .body("updatedAt", notNullValue())
                .extract().path("id");
        as(org.ownerJwt()).get(path + "/" + id).then().statusCode(200).body("name", equalTo("Slide maker"));

        as(org.ownerJwt()).body(Map.of("name", "Deck maker", "description", "Decks", "defaultState", "required"))
                .patch(path + "/" + id).then().statusCode(200)
                .body("name", equalTo("Deck maker")).body("description", equalTo("Decks"))
                .body("defaultState", equalTo("required"));
        // a PATCH changes only what it names; a client may send back the read-only fields it read
        as(org.ownerJwt()).body(Map.of("description", "Only this", "id", id))
                .patch(path + "/" + id).then().statusCode(200)
                .body("name", equalTo("Deck maker")).body("description", equalTo("Only this"))
                .body("defaultState", equalTo("required"));
        // renaming to its own name in another case is allowed
        as(org.ownerJwt()).body(Map.of("name", "DECK MAKER")).patch(path + "/" + id).then().statusCode(200)
                .body("name", equalTo("DECK MAKER"));

        UUID member = orgs.addMember(org.id(), "listed@example.com", OrgRole.USER);
        UUID group = fixtures.manualGroup(org.id(), "Listed", member);
        setOverride(org.id(), org.ownerJwt(), UUID.fromString(id), group, "hidden");
        as(org.ownerJwt()).get(path + "/" + id).then().statusCode(200)
                .body("overrides", equalTo(List.of(Map.of("groupId", group.toString(), "state", "hidden"))));

        List<String> actions = fixtures.auditActions(org.id(), UUID.fromString(id));
        assertEquals(List.of("plugin.created", "plugin.updated", "plugin.updated", "plugin.updated", "plugin.override_set"),
                actions);
        // setting the same state again changes nothing and records nothing
        setOverride(org.id(), org.ownerJwt(), UUID.fromString(id), group, "hidden");
        as(org.ownerJwt()).body(Map.of()).patch(path + "/" + id).then().statusCode(200);
        assertEquals(actions, fixtures.auditActions(org.id(), UUID.fromString(id)));
    }

    @Test
    void listIsPagedInNameOrderWithOverrides() {
        TestOrgs.TestOrg org = orgs.create();
        UUID group = fixtures.manualGroup(org.id(), "Overriding");
        for (String name : List.of("delta", "Alpha", "charlie", "Bravo", "echo")) {
            UUID plugin = createPlugin(org.id(), org.ownerJwt(), name, "available");
            setOverride(org.id(), org.ownerJwt(), plugin, group, "pre_installed");
        }
        String path = pluginsPath(org.id());
        var first = as(org.ownerJwt()).queryParam("limit", 2).get(path).then().statusCode(200)
                .body("items.name", equalTo(List.of("Alpha", "Bravo")))
                .body("items[0].overrides[0].state", equalTo("pre_installed"))
                .body("nextCursor", notNullValue()).extract().jsonPath();
        var second = as(org.ownerJwt()).queryParam("limit", 2).queryParam("cursor", first.getString("nextCursor"))
                .get(path).then().statusCode(200)
                .body("items.name", equalTo(List.of("charlie", "delta"))).extract().jsonPath();
        as(org.ownerJwt()).queryParam("limit", 2).queryParam("cursor", second.getString("nextCursor"))
                .get(path).then().statusCode(200)
                .body("items.name", equalTo(List.of("echo"))).body("nextCursor", nullValue());
        as(org.ownerJwt()).get(path).then().statusCode(200).body("items", hasSize(5)).body("nextCursor", nullValue());

        as(org.ownerJwt()).queryParam("limit", 0).get(path).then().statusCode(400).body("field", equalTo("limit"));
        as(org.ownerJwt()).queryParam("limit", 501).get(path).then().statusCode(400).body("code", equalTo("validation_failed"));
        as(org.ownerJwt()).queryParam("limit", "x").get(path).then().statusCode(400).body("field", equalTo("limit"));
        as(org.ownerJwt()).queryParam("cursor", "!!not a cursor!!").get(path).then().statusCode(400)
                .body("field", equalTo("cursor"));
    }

    @Test
    void badInputIsAClearProblemAndChangesNothing() {
        TestOrgs.TestOrg org = orgs.create();
        String path = pluginsPath(org.id());
        UUID plugin = createPlugin(org.id(), org.ownerJwt(), "Existing", "available");
        UUID group = fixtures.manualGroup(org.id(), "A group");

        // duplicate name, case-insensitively, on create and on rename
        as(org.ownerJwt()).body(Map.of("name", "EXISTING")).post(path).then().statusCode(409)
                .contentType("application/problem+json").body("code", equalTo("name_taken")).body("field", equalTo("name"));
        UUID other = createPlugin(org.id(), org.ownerJwt(), "Other", "hidden");
        as(org.ownerJwt()).body(Map.of("name", "existing", "defaultState", "required")).patch(path + "/" + other)
                .then().statusCode(409).body("code", equalTo("name_taken"));
        // missing, blank, wrong-typed or too long name
        as(org.ownerJwt()).body(Map.of("description", "no name")).post(path).then().statusCode(400)
                .body("code", equalTo("validation_failed")).body("field", equalTo("name"));
        as(org.ownerJwt()).body(Map.of("name", "   ")).post(path).then().statusCode(400).body("field", equalTo("name"));
        as(org.ownerJwt()).body(Map.of("name", 42)).post(path).then().statusCode(400).body("field", equalTo("name"));
        as(org.ownerJwt()).body(Map.of("name", "x".repeat(256))).post(path).then().statusCode(400).body("field", equalTo("name"));
        as(org.ownerJwt()).body("{\"name\":null}").post(path).then().statusCode(400).body("field", equalTo("name"));
        as(org.ownerJwt()).body("{\"name\":null}").patch(path + "/" + plugin).then().statusCode(400).body("field", equalTo("name"));
        // unknown states, on the plugin and on an override
        as(org.ownerJwt()).body(Map.of("name", "New", "defaultState", "mandatory")).post(path).then().statusCode(400)
                .body("field", equalTo("defaultState")).body("detail", containsString("mandatory"));
        as(org.ownerJwt()).body(Map.of("defaultState", "installed")).patch(path + "/" + plugin).then().statusCode(400)
                .body("field", equalTo("defaultState"));
        as(org.ownerJwt()).body("{\"defaultState\":null}").patch(path + "/" + plugin).then().statusCode(400)
                .body("field", equalTo("defaultState"));
        as(org.ownerJwt()).body(Map.of("state", "mandatory")).put(path + "/" + plugin + "/overrides/" + group)
                .then().statusCode(400).body("code", equalTo("validation_failed")).body("field", equalTo("state"));
        as(org.ownerJwt()).body(Map.of("state", 3)).put(path + "/" + plugin + "/overrides/" + group)
                .then().statusCode(400).body("field", equalTo("state"));
        as(org.ownerJwt()).body(Map.of()).put(path + "/" + plugin + "/overrides/" + group)
                .then().statusCode(400).body("field", equalTo("state"));
        // unknown fields, including overrides (they have their own resource)
        as(org.ownerJwt()).body(Map.of("name", "New", "default_state", "hidden")).post(path).then().statusCode(400)
                .body("field", equalTo("default_state"));
        as(org.ownerJwt()).body(Map.of("overrides", List.of())).patch(path + "/" + plugin).then().statusCode(400)
                .body("field", equalTo("overrides")).body("detail", containsString("PUT"));
        // malformed JSON, a body that is not an object, no body
        as(org.ownerJwt()).body("{\"name\": ").post(path).then().statusCode(400).body("code", equalTo("malformed_request"));
        as(org.ownerJwt()).body("[\"name\"]").post(path).then().statusCode(400).body("code", equalTo("validation_failed"));
        as(org.ownerJwt()).body("\"required\"").put(path + "/" + plugin + "/overrides/" + group).then().statusCode(400);
        as(org.ownerJwt()).post(path).then().statusCode(400);
        // unknown, malformed and foreign ids
        as(org.ownerJwt()).body(Map.of("state", "required")).put(path + "/" + UUID.randomUUID() + "/overrides/" + group)
                .then().statusCode(404).body("code", equalTo("not_found"));
        as(org.ownerJwt()).body(Map.of("state", "required")).put(path + "/" + plugin + "/overrides/" + UUID.randomUUID())
                .then().statusCode(404).body("code", equalTo("not_found"));
        as(org.ownerJwt()).body(Map.of("state", "required")).put(path + "/" + plugin + "/overrides/not-a-uuid")
                .then().statusCode(404);
        as(org.ownerJwt()).get(path + "/not-a-uuid").then().statusCode(404);
        as(org.ownerJwt()).delete(path + "/" + plugin + "/overrides/" + group).then().statusCode(404);
        TestOrgs.TestOrg otherOrg = orgs.create();
        UUID foreignGroup = fixtures.manualGroup(otherOrg.id(), "Foreign");
        UUID foreignPlugin = createPlugin(otherOrg.id(), otherOrg.ownerJwt(), "Foreign plugin", "available");
        as(org.ownerJwt()).body(Map.of("state", "required")).put(path + "/" + plugin + "/overrides/" + foreignGroup)
                .then().statusCode(404).body("code", equalTo("not_found"));
        as(org.ownerJwt()).get(path + "/" + foreignPlugin).then().statusCode(404);
        as(org.ownerJwt()).body(Map.of("name", "stolen")).patch(path + "/" + foreignPlugin).then().statusCode(404);
        as(org.ownerJwt()).delete(path + "/" + foreignPlugin).then().statusCode(404);
        as(org.ownerJwt()).body(Map.of("state", "required")).put(path + "/" + foreignPlugin + "/overrides/" + group)
                .then().statusCode(404);

        // nothing changed
        as(org.ownerJwt()).get(path).then().statusCode(200)
                .body("items.name", equalTo(List.of("Existing", "Other")))
                .body("items.defaultState", equalTo(List.of("available", "hidden")))
                .body("items[0].overrides", hasSize(0));
        assertEquals(0, fixtures.count("SELECT count(*) FROM plugin_group_overrides WHERE org_id = :orgId",
                Map.of("orgId", org.id())));
        assertEquals(List.of("plugin.created"), fixtures.auditActions(org.id(), plugin));
        as(otherOrg.ownerJwt()).get(pluginsPath(otherOrg.id()) + "/" + foreignPlugin).then().statusCode(200)
                .body("name", equalTo("Foreign plugin"));
    }

    @Test
    void ownersAndCustomRolesWithLibrariesManageAdminsAndUsersDoNot() {
        TestOrgs.TestOrg org = orgs.create();
        String path = pluginsPath(org.id());
        UUID plugin = createPlugin(org.id(), org.ownerJwt(), "Guarded", "available");
        UUID group = fixtures.manualGroup(org.id(), "Target");

        String owner = orgs.jwtFor(org.id(), orgs.addMember(org.id(), "owner2@example.com", OrgRole.OWNER));
        String admin = orgs.jwtFor(org.id(), orgs.addMember(org.id(), "admin@example.com", OrgRole.ADMIN));
        String user = orgs.jwtFor(org.id(), orgs.addMember(org.id(), "user@example.com", OrgRole.USER));
        UUID managerId = orgs.addMember(org.id(), "librarian@example.com", OrgRole.CUSTOM_ROLES);
        UUID viewerId = orgs.addMember(org.id(), "reader@example.com", OrgRole.CUSTOM_ROLES);
        UUID billingId = orgs.addMember(org.id(), "billing@example.com", OrgRole.CUSTOM_ROLES);
        fixtures.customRoleOn(org.id(), fixtures.manualGroup(org.id(), "Librarians", managerId), "{\"libraries\":\"manage\"}");
        fixtures.customRoleOn(org.id(), fixtures.manualGroup(org.id(), "Readers", viewerId), "{\"libraries\":\"view\"}");
        fixtures.customRoleOn(org.id(), fixtures.manualGroup(org.id(), "Billing", billingId),
                "{\"billing\":\"manage\",\"identity_access\":\"manage\",\"user_management\":\"manage\"}");
        String manager = orgs.jwtFor(org.id(), managerId);
        String viewer = orgs.jwtFor(org.id(), viewerId);
        String billing = orgs.jwtFor(org.id(), billingId);

        // read: libraries view
        for (String jwt : List.of(org.ownerJwt(), owner, manager, viewer)) {
            as(jwt).get(path).then().statusCode(200).body("items", hasSize(1));
            as(jwt).get(path + "/" + plugin).then().statusCode(200);
            as(jwt).get(path + "/" + plugin + "/members").then().statusCode(200);
        }
        for (String jwt : List.of(admin, user, billing)) {
            as(jwt).get(path).then().statusCode(403).body("code", equalTo("forbidden"))
                    .body("detail", containsString("libraries"));
            as(jwt).get(path + "/" + plugin + "/members").then().statusCode(403);
        }
        // write: libraries manage
        for (String jwt : List.of(admin, user, billing, viewer)) {
            as(jwt).body(Map.of("name", "Nope")).post(path).then().statusCode(403).body("code", equalTo("forbidden"));
            as(jwt).body(Map.of("name", "Nope")).patch(path + "/" + plugin).then().statusCode(403);
            as(jwt).body(Map.of("state", "required")).put(path + "/" + plugin + "/overrides/" + group).then().statusCode(403);
            as(jwt).delete(path + "/" + plugin + "/overrides/" + group).then().statusCode(403);
            as(jwt).delete(path + "/" + plugin).then().statusCode(403);
        }
        assertEquals(List.of("plugin.created"), fixtures.auditActions(org.id(), plugin));

        for (String jwt : List.of(owner, manager)) {
            UUID created = UUID.fromString(as(jwt).body(Map.of("name", "By " + jwt.hashCode())).post(path)
                    .then().statusCode(201).extract().path("id"));
            as(jwt).body(Map.of("description", "edited")).patch(path + "/" + created).then().statusCode(200);
            as(jwt).body(Map.of("state", "required")).put(path + "/" + created + "/overrides/" + group).then().statusCode(200);
            as(jwt).delete(path + "/" + created + "/overrides/" + group).then().statusCode(204);
            as(jwt).delete(path + "/" + created).then().statusCode(204);
        }
        // the audit names who did it
        assertEquals(1, fixtures.count("""
                SELECT count(*) FROM audit_events WHERE org_id = :orgId AND action = 'plugin.created'
                AND actor_type = 'member' AND actor_id = :actorId""",
                        Map.of("orgId", org.id(), "actorId", managerId.toString())));

        // a suspended librarian loses the right at once
        fixtures.setActive(org.id(), managerId, false);
        as(manager).get(path).then().statusCode(403);
        // another org's owner
        TestOrgs.TestOrg other = orgs.create();
        as(other.ownerJwt()).get(path).then().statusCode(403);
        as(other.ownerJwt()).body(Map.of("name", "Intruder")).post(path).then().statusCode(403);
        // no token
        given().get(path).then().statusCode(401);
        as(org.ownerJwt()).get(path).then().statusCode(200).body("items.name", equalTo(List.of("Guarded")));
    }

    @Test
    void concurrentCreatesOfOneNameLeaveExactlyOne() throws Exception {
        TestOrgs.TestOrg org = orgs.create();
        String path = pluginsPath(org.id());
        int clients = 8;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(clients);
        try {
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<Integer>> statuses = new java.util.ArrayList<>();
            for (int i = 0; i < clients; i++) {
                String name = i % 2 == 0 ? "Race" : "RACE";
                statuses.add(pool.submit(() -> {
                    start.await();
                    return as(org.ownerJwt()).body(Map.of("name", name)).post(path).then().extract().statusCode();
                }));
            }
            start.countDown();
            List<Integer> codes = new java.util.ArrayList<>();
            for (var status : statuses) {
                codes.add(status.get(30, java.util.concurrent.TimeUnit.SECONDS));
            }
            assertEquals(1, codes.stream().filter(code -> code == 201).count(), () -> "statuses " + codes);
            assertEquals(clients - 1, codes.stream().filter(code -> code == 409).count(), () -> "statuses " + codes);
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, fixtures.count("SELECT count(*) FROM plugins WHERE org_id = :orgId", Map.of("orgId", org.id())));
    }

    @Test
    void onlyEnterpriseOrgsHavePlugins() {
        for (Plan plan : List.of(Plan.TEAM, Plan.PRO)) {
            TestOrgs.TestOrg org = orgs.create(plan);
            String path = pluginsPath(org.id());
            as(org.ownerJwt()).get(path).then().statusCode(403).body("code", equalTo("plan_required"));
            as(org.ownerJwt()).body(Map.of("name", "Nope")).post(path).then().statusCode(403)
                    .body("code", equalTo("plan_required"));
            as(org.ownerJwt()).get(path + "/" + UUID.randomUUID() + "/members").then().statusCode(403)
                    .body("code", equalTo("plan_required"));
            assertEquals(0, fixtures.count("SELECT count(*) FROM plugins WHERE org_id = :orgId", Map.of("orgId", org.id())));
        }
    }
}
