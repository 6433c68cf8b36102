package dev.roster.access;

import dev.roster.support.TestOrgs;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.roster.access.AccessFixtures.as;
import static dev.roster.access.AccessFixtures.createApiKey;
import static dev.roster.access.AccessFixtures.jwt;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Org API keys for automation: shown once, used with their own levels (never above their creator's), revoked at once. */
@QuarkusTest
class ApiKeysTest {

    private static final String IDENTITY_MANAGE = "{\"identity_access\":\"manage\"}";

    @Inject
    TestOrgs orgs;
    @Inject
    AccessFixtures fx;

    private static String api(UUID orgId, String suffix) {
        return "/api/v1/orgs/" + orgId + suffix;
    }

    @Test
    void theKeyIsShownOnceAndNeverListedNorStored() {
        TestOrgs.TestOrg org = orgs.create();
        JsonPath created = as(org.ownerJwt()).body("{\"name\":\"ci\",\"adminAreas\":" + IDENTITY_MANAGE + "}")
                .post(api(org.id(), "/api-keys")).then().statusCode(201)
                .body("id", notNullValue()).body("name", equalTo("ci")).body("key", startsWith("roster_ak_"))
                .body("adminAreas.identity_access", equalTo("manage")).body("createdAt", notNullValue())
                .extract().jsonPath();
        String key = created.getString("key");
        String id = created.getString("id");

        String listed = as(org.ownerJwt()).get(api(org.id(), "/api-keys")).then().statusCode(200)
                .body("items.size()", equalTo(1))
                .body("items[0].id", equalTo(id)).body("items[0].name", equalTo("ci"))
                .body("items[0].adminAreas.identity_access", equalTo("manage"))
                .body("items[0].createdAt", notNullValue())
                .body("items[0].createdBy", equalTo(org.ownerId().toString()))
                .body("items[0].lastUsedAt", nullValue()).body("items[0].revokedAt", nullValue())
                .body("items[0]", not(hasKey("key")))
                .body("nextCursor", nullValue())
                .extract().asString();
        assertFalse(listed.contains(key), "the list shows no secret");
        assertEquals(0, fx.count("SELECT count(*) FROM api_keys WHERE row_to_json(api_keys)::text LIKE '%' || :key || '%'",
                Map.of("key", key.substring("roster_ak_".length()))), "only a hash of the key is stored");
    }

    @Test
    void aKeyWithIdentityAccessManageStartsADirectorySyncRun() {
        TestOrgs.TestOrg local = orgs.create();
        TestOrgs.TestOrg upstream = orgs.create();
        String userId = scim(upstream).body("""
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"ada@upstream.test","active":true}""")
                .post("/scim/v2/Users").then().statusCode(201).extract().path("id");
        scim(upstream).body("{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],\"displayName\":\"Engineering\","
                + "\"members\":[{\"value\":\"" + userId + "\"}]}").post("/scim/v2/Groups").then().statusCode(201);
        as(local.ownerJwt()).body(Map.of("connector", "scim", "baseUrl", "http://localhost:" + RestAssured.port + "/scim/v2",
                "bearerToken", upstream.scimToken())).put(api(local.id(), "/directory-sync")).then().statusCode(200);

        Map<String, Object> created = createApiKey(local.id(), local.ownerJwt(), IDENTITY_MANAGE);
        String key = (String) created.get("key");
        String runId = as(key).post(api(local.id(), "/directory-sync/runs")).then().statusCode(202).extract().path("id");
        assertEquals("succeeded", awaitRun(key, local.id(), runId));
        as(key).get(api(local.id(), "/groups")).then().statusCode(200).body("items.name", hasItem("Engineering"));

        as(local.ownerJwt()).get(api(local.id(), "/audit-events?action=sync.run_started")).then().statusCode(200)
                .body("items[0].actor.type", equalTo("api_key"))
                .body("items[0].actor.id", equalTo(created.get("id")))
                .body("items[0].actor.name", equalTo(created.get("name")));
        as(local.ownerJwt()).get(api(local.id(), "/api-keys")).then().statusCode(200)
                .body("items[0].lastUsedAt", notNullValue());

        // its own levels only: no billing, no credentials, no keys
        as(key).get(api(local.id(), "/spend-cap")).then().statusCode(403).body("code", equalTo("forbidden"));
        as(key).body(Map.of("connector", "scim", "baseUrl", "http://localhost:1/scim/v2", "bearerToken", "x"))
                .put(api(local.id(), "/directory-sync")).then().statusCode(403).body("code", equalTo("owner_required"));
        as(key).body("{\"name\":\"child\",\"adminAreas\":{\"identity_access\":\"view\"}}").post(api(local.id(), "/api-keys"))
                .then().statusCode(403);
        as(key).get(api(local.id(), "/members/" + local.ownerId() + "/access")).then().statusCode(403);
        assertEquals(1, fx.count("SELECT count(*) FROM api_keys WHERE org_id = :orgId", Map.of("orgId", local.id())));
    }

    @Test
    void aKeyNeverHasMoreThanItsCreatorHasNow() {
        TestOrgs.TestOrg org = orgs.create();
        UUID role = fx.customRole(org.id(), IDENTITY_MANAGE);
        UUID creator = fx.member(org.id(), OrgRole.CUSTOM_ROLES);
        UUID group = fx.manualGroup(org.id(), List.of(creator), role);
        String creatorJwt = jwt(org.id(), creator);

        as(creatorJwt).body("{\"name\":\"too much\",\"adminAreas\":{\"identity_access\":\"manage\",\"billing\":\"view\"}}")
                .post(api(org.id(), "/api-keys")).then().statusCode(403).body("code", equalTo("exceeds_own_rights"));
        assertEquals(0, fx.count("SELECT count(*) FROM api_keys WHERE org_id = :orgId", Map.of("orgId", org.id())));

        String key = (String) createApiKey(org.id(), creatorJwt, IDENTITY_MANAGE).get("key");
        String missingGroup = api(org.id(), "/groups/" + UUID.randomUUID());
        as(key).get(api(org.id(), "/groups")).then().statusCode(200);
        as(key).delete(missingGroup).then().statusCode(404);

        // the creator is lowered to view: the key is too, from its next request
        as(org.ownerJwt()).body("{\"adminAreas\":{\"identity_access\":\"view\"}}").patch(api(org.id(), "/custom-roles/" + role))
                .then().statusCode(200);
        as(key).delete(missingGroup).then().statusCode(403).body("code", equalTo("forbidden"));
        as(key).post(api(org.id(), "/directory-sync/runs")).then().statusCode(403);
        as(key).get(api(org.id(), "/groups")).then().statusCode(200);

        // the creator leaves the group that gave them the role: the key can do nothing
        as(org.ownerJwt()).delete(api(org.id(), "/groups/" + group + "/members/" + creator)).then().statusCode(204);
        as(key).get(api(org.id(), "/groups")).then().statusCode(403);

        // back in, then suspended: still nothing
        fx.manualGroup(org.id(), List.of(creator), role);
        as(key).get(api(org.id(), "/groups")).then().statusCode(200);
        fx.suspend(org.id(), creator);
        as(key).get(api(org.id(), "/groups")).then().statusCode(403);
    }

    @Test
    void aRevokedKeyIsRefusedFromItsNextCall() {
        TestOrgs.TestOrg org = orgs.create();
        Map<String, Object> created = createApiKey(org.id(), org.ownerJwt(), IDENTITY_MANAGE);
        String key = (String) created.get("key");
        as(key).get(api(org.id(), "/groups")).then().statusCode(200);
        as(key).get(api(org.id(), "/groups")).then().statusCode(200);

        as(org.ownerJwt()).delete(api(org.id(), "/api-keys/" + created.get("id"))).then().statusCode(204);

        as(key).get(api(org.id(), "/groups")).then().statusCode(401);
        as(key).get("/api/v1/me").then().statusCode(401);
        as(org.ownerJwt()).get(api(org.id(), "/api-keys")).then().statusCode(200)
                .body("items[0].revokedAt", notNullValue());
        as(org.ownerJwt()).delete(api(org.id(), "/api-keys/" + UUID.randomUUID())).then().statusCode(404);
        as("roster_ak_" + "x".repeat(40)).get(api(org.id(), "/groups")).then().statusCode(401);
        // a key of one org is nothing in another
        Map<String, Object> other = createApiKey(org.id(), org.ownerJwt(), IDENTITY_MANAGE);
        TestOrgs.TestOrg elsewhere = orgs.create();
        as((String) other.get("key")).get(api(elsewhere.id(), "/groups")).then().statusCode(403);
    }

    private static RequestSpecification scim(TestOrgs.TestOrg org) {
        return given().auth().oauth2(org.scimToken()).contentType("application/scim+json");
    }

    private static String awaitRun(String bearer, UUID orgId, String runId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            String status = as(bearer).get(api(orgId, "/directory-sync/runs/" + runId)).then().statusCode(200).extract().path("status");
            if ("succeeded".equals(status) || "failed".equals(status)) {
                return status;
            }
            assertTrue(System.nanoTime() < deadline, "sync run " + runId + " still " + status + " after 60 s");
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }
}
