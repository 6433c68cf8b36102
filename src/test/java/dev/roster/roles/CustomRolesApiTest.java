package dev.roster.roles;

import dev.roster.access.OrgRole;
import dev.roster.orgs.Plan;
import dev.roster.support.TestOrgs;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class CustomRolesApiTest {

    @Inject
    TestOrgs orgs;
    @Inject
    RolesFixtures fx;

    private static RequestSpecification as(String jwt) {
        return given().auth().oauth2(jwt).contentType(ContentType.JSON);
    }

    @Test
    void createReadUpdateDelete() {
        TestOrgs.TestOrg org = orgs.create();
        String id = as(org.ownerJwt())
                .body("{\"name\":\"Engineers\",\"description\":\"Build things\",\"capabilities\":[\"claude_code\",\"chat\",\"claude_code\"],"
                        + "\"adminAreas\":{\"billing\":\"view\",\"analytics\":\"none\",\"libraries\":\"manage\"}}")
                .post("/api/v1/orgs/{org}/custom-roles", org.id())
                .then().statusCode(201)
                .header("Location", containsString("/custom-roles/"))
                .body("name", equalTo("Engineers"))
                .body("description", equalTo("Build things"))
                .body("capabilities", contains("chat", "claude_code"))
                .body("adminAreas.billing", equalTo("view"))
                .body("adminAreas.libraries", equalTo("manage"))
                .body("adminAreas.analytics", nullValue())
                .extract().path("id");

        as(org.ownerJwt()).get("/api/v1/orgs/{org}/custom-roles/{id}", org.id(), id)
                .then().statusCode(200).body("id", equalTo(id)).body("capabilities", contains("chat", "claude_code"));

        as(org.ownerJwt()).body("{\"capabilities\":[\"memory\"],\"adminAreas\":{}}")
                .patch("/api/v1/orgs/{org}/custom-roles/{id}", org.id(), id)
                .then().statusCode(200)
                .body("name", equalTo("Engineers"))
                .body("description", equalTo("Build things"))
                .body("capabilities", contains("memory"))
                .body("adminAreas.size()", equalTo(0));

        as(org.ownerJwt()).get("/api/v1/orgs/{org}/custom-roles", org.id())
                .then().statusCode(200).body("items", hasSize(1)).body("items[0].capabilities", contains("memory"))
                .body("nextCursor", nullValue());

        as(org.ownerJwt()).delete("/api/v1/orgs/{org}/custom-roles/{id}", org.id(), id).then().statusCode(204);
        as(org.ownerJwt()).get("/api/v1/orgs/{org}/custom-roles/{id}", org.id(), id)
                .then().statusCode(404).body("code", equalTo("not_found"));

        assertEquals(1, fx.audits(org.id(), "custom_role.created"));
        assertEquals(1, fx.audits(org.id(), "custom_role.updated"));
        assertEquals(1, fx.audits(org.id(), "custom_role.deleted"));
    }

    @Test
    void listIsPagedByName() {
        TestOrgs.TestOrg org = orgs.create();
        for (String name : new String[]{"delta", "Alpha", "charlie", "Bravo", "echo"}) {
            RolesFixtures.createRole(org.id(), org.ownerJwt(), "{\"name\":\"" + name + "\"}");
        }
        String cursor = as(org.ownerJwt()).get("/api/v1/orgs/{org}/custom-roles?limit=2", org.id())
                .then().statusCode(200).body("items.name", contains("Alpha", "Bravo"))
                .body("nextCursor", notNullValue()).extract().path("nextCursor");
        String next = as(org.ownerJwt()).get("/api/v1/orgs/{org}/custom-roles?limit=2&cursor=" + cursor, org.id())
                .then().statusCode(200).body("items.name", contains("charlie", "delta")).extract().path("nextCursor");
        as(org.ownerJwt()).get("/api/v1/orgs/{org}/custom-roles?limit=2&cursor=" + next, org.id())
                .then().statusCode(200).body("items.name", contains("echo")).body("nextCursor", nullValue());
        as(org.ownerJwt()).get("/api/v1/orgs/{org}/custom-roles?limit=0", org.id())
                .then().statusCode(400).body("code", equalTo("validation_failed")).body("field", equalTo("limit"));
        as(org.ownerJwt()).get("/api/v1/orgs/{org}/custom-roles?cursor=%%%", org.id())
                .then().statusCode(400).body("field", equalTo("cursor"));
    }

    @Test
    void namesAreUniqueCaseInsensitively() {
        TestOrgs.TestOrg org = orgs.create();
        UUID first = RolesFixtures.createRole(org.id(), org.ownerJwt(), "{\"name\":\"Analysts\"}");
        UUID second = RolesFixtures.createRole(org.id(), org.ownerJwt(), "{\"name\":\"Writers\"}");
        String before = fx.snapshot(org.id());
        as(org.ownerJwt()).body("{\"name\":\"  ANALYSTS \"}").post("/api/v1/orgs/{org}/custom-roles", org.id())
                .then().statusCode(409).contentType("application/problem+json")
                .body("code", equalTo("name_taken")).body("field", equalTo("name"));
        as(org.ownerJwt()).body("{\"name\":\"analysts\"}").patch("/api/v1/orgs/{org}/custom-roles/{id}", org.id(), second)
                .then().statusCode(409).body("code", equalTo("name_taken"));
        assertEquals(before, fx.snapshot(org.id()));
        // renaming a role to a different case of its own name is fine
        as(org.ownerJwt()).body("{\"name\":\"ANALYSTS\"}").patch("/api/v1/orgs/{org}/custom-roles/{id}", org.id(), first)
                .then().statusCode(200).body("name", equalTo("ANALYSTS"));
        // another org may use the name
        TestOrgs.TestOrg other = orgs.create();
        RolesFixtures.createRole(other.id(), other.ownerJwt(), "{\"name\":\"analysts\"}");
    }

    @Test
    void badInputIsRefusedNamingTheFieldAndChangesNothing() {
        TestOrgs.TestOrg org = orgs.create();
        UUID role = RolesFixtures.createRole(org.id(), org.ownerJwt(), "{\"name\":\"Base\",\"capabilities\":[\"projects\"]}");
        String before = fx.snapshot(org.id());
        String[][] cases = {
                {"{\"capabilities\":[\"chat\"]}", "name"},
                {"{\"name\":\"   \"}", "name"},
                {"{\"name\":42}", "name"},
                {"{\"name\":\"" + "x".repeat(101) + "\"}", "name"},
                {"{\"name\":\"x\",\"description\":7}", "description"},
                {"{\"name\":\"x\",\"capabilities\":[\"teleport\"]}", "capabilities"},
                {"{\"name\":\"x\",\"capabilities\":\"chat\"}", "capabilities"},
                {"{\"name\":\"x\",\"capabilities\":[1]}", "capabilities[0]"},
                {"{\"name\":\"x\",\"adminAreas\":{\"kitchen\":\"manage\"}}", "adminAreas.kitchen"},
                {"{\"name\":\"x\",\"adminAreas\":{\"billing\":\"owner\"}}", "adminAreas.billing"},
                {"{\"name\":\"x\",\"adminAreas\":{\"billing\":true}}", "adminAreas.billing"},
                {"{\"name\":\"x\",\"adminAreas\":[\"billing\"]}", "adminAreas"},
                {"{\"name\":\"x\",\"colour\":\"red\"}", "colour"},
                {"[]", "body"},
        };
        for (String[] c : cases) {
            as(org.ownerJwt()).body(c[0]).post("/api/v1/orgs/{org}/custom-roles", org.id())
                    .then().statusCode(400).body("code", equalTo("validation_failed")).body("field", equalTo(c[1]));
            if (!c[1].equals("name") && !c[0].startsWith("[")) {
                as(org.ownerJwt()).body(c[0].replace("\"name\":\"x\",", "")).patch("/api/v1/orgs/{org}/custom-roles/{id}", org.id(), role)
                        .then().statusCode(400).body("code", equalTo("validation_failed")).body("field", equalTo(c[1]));
            }
        }
        as(org.ownerJwt()).body("{\"name\": ").post("/api/v1/orgs/{org}/custom-roles", org.id())
                .then().statusCode(400).body("code", equalTo("malformed_request"));
        as(org.ownerJwt()).body("{\"name\": ").patch("/api/v1/orgs/{org}/custom-roles/{id}", org.id(), role)
                .then().statusCode(400).body("code", equalTo("malformed_request"));
        as(org.ownerJwt()).post("/api/v1/orgs/{org}/custom-roles", org.id())
                .then().statusCode(400).body("code", equalTo("validation_failed"));
        as(org.ownerJwt()).body("{}").patch("/api/v1/orgs/{org}/custom-roles/{id}", org.id(), "not-a-uuid")
                .then().statusCode(404).body("code", equalTo("not_found"));
        assertEquals(before, fx.snapshot(org.id()));
    }

    @Test
    void deletingARoleRemovesItsAssignmentsButNotTheGroups() {
        TestOrgs.TestOrg org = orgs.create();
        UUID member = orgs.addMember(org.id(), "m@example.com", OrgRole.CUSTOM_ROLES);
        UUID role = RolesFixtures.createRole(org.id(), org.ownerJwt(), "{\"name\":\"Temp\",\"capabilities\":[\"projects\"]}");
        UUID keep = RolesFixtures.createRole(org.id(), org.ownerJwt(), "{\"name\":\"Keep\"}");
        UUID groupA = fx.manualGroup(org.id(), "A", member);
        UUID groupB = fx.scimGroup(org.id(), "B", member);
        fx.assign(org.id(), groupA, role, keep);
        fx.assign(org.id(), groupB, role);
        as(org.ownerJwt()).delete("/api/v1/orgs/{org}/custom-roles/{id}", org.id(), role).then().statusCode(204);
        assertEquals(0, fx.count("SELECT count(*) FROM group_custom_roles WHERE org_id = ? AND custom_role_id = ?", org.id(), role));
        assertEquals(1, fx.count("SELECT count(*) FROM group_custom_roles WHERE org_id = ? AND custom_role_id = ?", org.id(), keep));
        assertEquals(2, fx.count("SELECT count(*) FROM groups WHERE org_id = ?", org.id()));
        assertEquals(2, fx.count("SELECT count(*) FROM group_members WHERE org_id = ? AND member_id = ?", org.id(), member));
        assertEquals(1, fx.count("SELECT count(*) FROM audit_events WHERE org_id = ? AND action = 'custom_role.deleted'"
                + " AND jsonb_array_length(before->'assignedToGroupIds') = 2", org.id()));
    }

    @Test
    void rightsFollowIdentityAccess() {
        TestOrgs.TestOrg org = orgs.create();
        UUID role = RolesFixtures.createRole(org.id(), org.ownerJwt(), "{\"name\":\"Existing\"}");
        String path = "/api/v1/orgs/{org}/custom-roles";
        UUID owner = orgs.addMember(org.id(), "owner2@example.com", OrgRole.OWNER);
        UUID admin = orgs.addMember(org.id(), "admin@example.com", OrgRole.ADMIN);
        UUID user = orgs.addMember(org.id(), "user@example.com", OrgRole.USER);
        UUID viewer = fx.customRolesMember(orgs, org, "viewer@example.com", "{\"identity_access\":\"view\"}");
        UUID manager = fx.customRolesMember(orgs, org, "manager@example.com", "{\"identity_access\":\"manage\"}");
        UUID billing = fx.customRolesMember(orgs, org, "billing@example.com", "{\"billing\":\"manage\"}");
        UUID suspended = orgs.addMember(org.id(), "suspended@example.com", OrgRole.OWNER);
        String suspendedJwt = orgs.jwtFor(org.id(), suspended);
        fx.suspend(org.id(), suspended);

        String before = fx.snapshot(org.id());
        for (UUID forbidden : new UUID[]{admin, user, billing}) {
            String jwt = orgs.jwtFor(org.id(), forbidden);
            as(jwt).get(path, org.id()).then().statusCode(403).body("code", equalTo("forbidden"));
            as(jwt).get(path + "/{id}", org.id(), role).then().statusCode(403);
            as(jwt).body("{\"name\":\"Nope\"}").post(path, org.id()).then().statusCode(403);
            as(jwt).body("{\"name\":\"Nope\"}").patch(path + "/{id}", org.id(), role).then().statusCode(403);
            as(jwt).delete(path + "/{id}", org.id(), role).then().statusCode(403);
        }
        String viewerJwt = orgs.jwtFor(org.id(), viewer);
        as(viewerJwt).get(path, org.id()).then().statusCode(200);
        as(viewerJwt).get(path + "/{id}", org.id(), role).then().statusCode(200);
        as(viewerJwt).body("{\"name\":\"Nope\"}").post(path, org.id()).then().statusCode(403);
        as(viewerJwt).delete(path + "/{id}", org.id(), role).then().statusCode(403);
        as(suspendedJwt).get(path, org.id()).then().statusCode(403);
        as(suspendedJwt).body("{\"name\":\"Nope\"}").post(path, org.id()).then().statusCode(403);
        TestOrgs.TestOrg other = orgs.create();
        as(other.ownerJwt()).get(path, org.id()).then().statusCode(403);
        as(other.ownerJwt()).delete(path + "/{id}", org.id(), role).then().statusCode(403);
        as(other.ownerJwt()).get(path + "/{id}", other.id(), role).then().statusCode(404);
        as(other.ownerJwt()).delete(path + "/{id}", other.id(), role).then().statusCode(404);
        given().get(path, org.id()).then().statusCode(401);
        assertEquals(before, fx.snapshot(org.id()));

        as(orgs.jwtFor(org.id(), owner)).body("{\"name\":\"By owner\"}").post(path, org.id()).then().statusCode(201);
        as(orgs.jwtFor(org.id(), manager)).body("{\"name\":\"By manager\"}").post(path, org.id()).then().statusCode(201);
        as(orgs.jwtFor(org.id(), manager)).body("{\"description\":\"changed\"}").patch(path + "/{id}", org.id(), role)
                .then().statusCode(200);
        as(orgs.jwtFor(org.id(), manager)).delete(path + "/{id}", org.id(), role).then().statusCode(204);
    }

    @Test
    void onlyEnterpriseOrgsHaveCustomRoles() {
        TestOrgs.TestOrg team = orgs.create(Plan.TEAM);
        as(team.ownerJwt()).get("/api/v1/orgs/{org}/custom-roles", team.id())
                .then().statusCode(403).body("code", equalTo("plan_required"));
        as(team.ownerJwt()).body("{\"name\":\"x\"}").post("/api/v1/orgs/{org}/custom-roles", team.id())
                .then().statusCode(403).body("code", equalTo("plan_required"));
        assertEquals(0, fx.count("SELECT count(*) FROM custom_roles WHERE org_id = ?", team.id()));
    }
}
