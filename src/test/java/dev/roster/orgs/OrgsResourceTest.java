package dev.roster.orgs;

import dev.roster.access.OrgRole;
import dev.roster.support.AdminFixtures;
import dev.roster.support.TestOrgs;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Organizations over real HTTP: creation by platform operators only, reading by members, changes by owners. */
@QuarkusTest
class OrgsResourceTest {

    @Inject
    TestOrgs orgs;
    @Inject
    AdminFixtures fixtures;

    private static RequestSpecification as(String jwt) {
        return given().auth().oauth2(jwt).contentType(ContentType.JSON);
    }

    private String operatorJwt() {
        TestOrgs.TestOrg home = orgs.create();
        return orgs.platformAdminJwt(home.id(), home.ownerId());
    }

    private long orgsNamed(String name) {
        return fixtures.count("SELECT count(*) FROM orgs WHERE name = ?", name);
    }

    @Test
    void platformOperatorsCreateAnOrgWithItsPrimaryOwner() {
        String name = "Acme " + UUID.randomUUID();
        Response created = as(operatorJwt())
                .body(Map.of("name", name, "plan", "enterprise", "primaryOwnerEmail", "ceo@acme.example"))
                .post("/api/v1/orgs");
        created.then().statusCode(201)
                .body("org.name", equalTo(name)).body("org.plan", equalTo("enterprise")).body("org.maxGroups", equalTo(100))
                .body("primaryOwner.userName", equalTo("ceo@acme.example"))
                .body("adminToken", notNullValue());
        String orgId = created.path("org.id");
        String ownerToken = created.path("adminToken");
        as(ownerToken).get("/api/v1/me").then().statusCode(200)
                .body("orgId", equalTo(orgId)).body("orgRole", equalTo("primary_owner"))
                .body("memberId", equalTo(created.path("primaryOwner.id")));
        as(ownerToken).get("/api/v1/orgs/" + orgId).then().statusCode(200).body("name", equalTo(name));
        assertEquals(1, fixtures.count("SELECT count(*) FROM audit_events WHERE org_id = ?::uuid AND action = 'org.created'", orgId));
    }

    @Test
    void othersCannotCreateOrgs() {
        TestOrgs.TestOrg org = orgs.create();
        String name = "Nope " + UUID.randomUUID();
        Map<String, String> body = Map.of("name", name, "plan", "team", "primaryOwnerEmail", "a@b.example");
        as(org.ownerJwt()).body(body).post("/api/v1/orgs").then().statusCode(403).body("code", equalTo("forbidden"));
        given().contentType(ContentType.JSON).body(body).post("/api/v1/orgs").then().statusCode(401).body("code", equalTo("unauthorized"));
        as("garbage").body(body).post("/api/v1/orgs").then().statusCode(401);
        assertEquals(0, orgsNamed(name));
    }

    @Test
    void badCreateBodiesAreRefused() {
        String operator = operatorJwt();
        String name = "Bad " + UUID.randomUUID();
        record Case(Map<String, Object> body, String field) {
        }
        for (Case c : List.of(
                new Case(Map.of("plan", "pro", "primaryOwnerEmail", "a@b.example"), "name"),
                new Case(Map.of("name", " ", "plan", "pro", "primaryOwnerEmail", "a@b.example"), "name"),
                new Case(Map.of("name", name, "plan", "gold", "primaryOwnerEmail", "a@b.example"), "plan"),
                new Case(Map.of("name", name, "primaryOwnerEmail", "a@b.example"), "plan"),
                new Case(Map.of("name", name, "plan", "pro", "primaryOwnerEmail", "not an email"), "primaryOwnerEmail"),
                new Case(Map.of("name", name, "plan", "pro"), "primaryOwnerEmail"),
                new Case(Map.of("name", name, "plan", "pro", "primaryOwnerEmail", "a@b.example", "maxGroups", 5), "maxGroups"))) {
            as(operator).body(c.body()).post("/api/v1/orgs").then().statusCode(400)
                    .body("code", equalTo("validation_failed")).body("field", equalTo(c.field()));
        }
        as(operator).body("{\"name\":").post("/api/v1/orgs").then().statusCode(400).body("code", equalTo("malformed_request"));
        assertEquals(0, orgsNamed(name));
    }

    @Test
    void membersReadTheirOrgAndOwnersChangeIt() {
        TestOrgs.TestOrg org = orgs.create();
        TestOrgs.TestOrg other = orgs.create();
        String path = "/api/v1/orgs/" + org.id();
        String user = fixtures.memberJwt(org.id(), OrgRole.USER);
        String admin = fixtures.memberJwt(org.id(), OrgRole.ADMIN);
        String owner = fixtures.memberJwt(org.id(), OrgRole.OWNER);
        as(user).get(path).then().statusCode(200).body("id", equalTo(org.id().toString()))
                .body("plan", equalTo("enterprise")).body("maxGroups", equalTo(100));
        as(other.ownerJwt()).get(path).then().statusCode(403);

        for (String refused : List.of(user, admin)) {
            as(refused).body(Map.of("name", "Hacked")).patch(path).then().statusCode(403).body("code", equalTo("owner_required"));
        }
        as(other.ownerJwt()).body(Map.of("name", "Hacked")).patch(path).then().statusCode(403).body("code", equalTo("forbidden"));
        as(owner).body(Map.of("maxGroups", 500)).patch(path).then().statusCode(403);
        as(owner).body(Map.of("plan", "platinum")).patch(path).then().statusCode(400).body("field", equalTo("plan"));
        as(owner).body(Map.of("name", "")).patch(path).then().statusCode(400).body("field", equalTo("name"));
        as(owner).body("{").patch(path).then().statusCode(400).body("code", equalTo("malformed_request"));
        assertEquals(0, fixtures.count("SELECT count(*) FROM audit_events WHERE org_id = ? AND action = 'org.updated'", org.id()));

        as(owner).body(Map.of("name", "Renamed Inc", "plan", "team")).patch(path).then().statusCode(200)
                .body("name", equalTo("Renamed Inc")).body("plan", equalTo("team"));
        // the plan takes effect at once: groups are an enterprise feature
        as(org.ownerJwt()).get(path + "/groups").then().statusCode(403).body("code", equalTo("plan_required"));
        as(org.ownerJwt()).body(Map.of("plan", "enterprise")).patch(path).then().statusCode(200);
        as(org.ownerJwt()).get(path + "/groups").then().statusCode(200);
        assertEquals(2, fixtures.count("SELECT count(*) FROM audit_events WHERE org_id = ? AND action = 'org.updated'", org.id()));
    }

    @Test
    void platformOperatorsSetTheGroupCap() {
        TestOrgs.TestOrg org = orgs.create();
        String path = "/api/v1/orgs/" + org.id();
        String operator = operatorJwt();
        as(operator).get(path).then().statusCode(200);
        as(operator).body(Map.of("maxGroups", 2)).patch(path).then().statusCode(200).body("maxGroups", equalTo(2));
        for (int i = 0; i < 2; i++) {
            as(org.ownerJwt()).body(Map.of("name", "g" + i)).post(path + "/groups").then().statusCode(201);
        }
        as(org.ownerJwt()).body(Map.of("name", "g3")).post(path + "/groups").then().statusCode(409)
                .body("code", equalTo("group_limit_reached"));
        Map<String, Object> reset = new HashMap<>();
        reset.put("maxGroups", null);
        as(operator).body(reset).patch(path).then().statusCode(200).body("maxGroups", equalTo(100));
        for (Object bad : List.of(-1, "10", 1.5, 100_001)) {
            as(operator).body(Map.of("maxGroups", bad)).patch(path).then().statusCode(400).body("field", equalTo("maxGroups"));
        }
        as(operator).body(Map.of("name", "x")).patch("/api/v1/orgs/" + UUID.randomUUID()).then().statusCode(404);
    }
}
