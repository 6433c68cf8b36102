package dev.roster.sync;

import dev.roster.access.OrgRole;
import dev.roster.orgs.Plan;
import dev.roster.support.AdminFixtures;
import dev.roster.support.TestOrgs;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.roster.sync.SyncTestSupport.admin;
import static io.restassured.RestAssured.given;
import static dev.roster.sync.SyncTestSupport.await;
import static dev.roster.sync.SyncTestSupport.configure;
import static dev.roster.sync.SyncTestSupport.path;
import static dev.roster.sync.SyncTestSupport.scimBase;
import static dev.roster.sync.SyncTestSupport.start;
import static dev.roster.sync.SyncTestSupport.sync;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The directory-sync admin API: configuration, rights, bad input, token secrecy, run history, recovery. */
@QuarkusTest
class DirectorySyncApiTest {

    private static final String SECRET = "upstream-secret-" + UUID.randomUUID();

    @Inject
    TestOrgs orgs;
    @Inject
    AdminFixtures fixtures;
    @Inject
    SyncTestSupport support;
    @Inject
    SyncRecovery recovery;

    private static Map<String, Object> config(String baseUrl) {
        return Map.of("connector", "scim", "baseUrl", baseUrl, "bearerToken", SECRET);
    }

    @Test
    void unconfiguredOrgAnswersConfiguredFalseAndRefusesRuns() {
        TestOrgs.TestOrg org = orgs.create();
        admin(org.ownerJwt()).get(path(org.id())).then().statusCode(200)
                .body("configured", equalTo(false))
                .body("connector", nullValue())
                .body("baseUrl", nullValue())
                .body("lastRun", nullValue());
        admin(org.ownerJwt()).post(path(org.id()) + "/runs").then().statusCode(409)
                .contentType("application/problem+json")
                .body("code", equalTo("sync_not_configured"));
        admin(org.ownerJwt()).get(path(org.id()) + "/runs").then().statusCode(200)
                .body("items", hasSize(0)).body("nextCursor", nullValue());
        assertEquals(0, support.count("SELECT count(*) FROM directory_sync_runs WHERE org_id = :orgId", Map.of("orgId", org.id())));
    }

    @Test
    void theTokenIsStoredEncryptedAndNeverReturnedOrAudited() throws Exception {
        TestOrgs.TestOrg org = orgs.create();
        String body = admin(org.ownerJwt()).body(config("https://idp.example.com/scim/v2/")).put(path(org.id()))
                .then().statusCode(200)
                .body("configured", equalTo(true))
                .body("connector", equalTo("scim"))
                .body("baseUrl", equalTo("https://idp.example.com/scim/v2"))
                .body("bearerToken", nullValue())
                .extract().asString();
        assertFalse(body.contains(SECRET));
        assertFalse(admin(org.ownerJwt()).get(path(org.id())).asString().contains(SECRET));
        assertFalse(admin(org.ownerJwt()).get("/api/v1/orgs/" + org.id() + "/audit-events").asString().contains(SECRET));
        assertEquals(0, support.count("SELECT count(*) FROM audit_events WHERE org_id = :orgId"
                + " AND (before::text LIKE :pattern OR after::text LIKE :pattern)", Map.of("orgId", org.id(), "pattern", "%" + SECRET + "%")));
        assertEquals(1, support.count("SELECT count(*) FROM audit_events WHERE org_id = :orgId AND action = 'directory_sync.configured'"
                + " AND actor_type = 'member'", Map.of("orgId", org.id())));

        byte[] stored = support.query("SELECT token_ciphertext FROM directory_sync_configs WHERE org_id = :orgId",
                row -> row.getBytes(1), Map.of("orgId", org.id())).get(0);
        assertFalse(new String(stored, StandardCharsets.ISO_8859_1).contains(SECRET));
        assertEquals(1 + 12 + SECRET.length() + 16, stored.length);
        // the generated key lives in the data directory (tests: target/test-data), 32 bytes, owner-only
        Path keyFile = Path.of("target/test-data", TokenCipher.KEY_FILE);
        assertEquals(32, Base64.getDecoder().decode(Files.readString(keyFile).strip()).length);
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)));
    }

    @Test
    void ownersConfigureReplaceAndRemove() {
        TestOrgs.TestOrg org = orgs.create();
        UUID owner = orgs.addMember(org.id(), "second-owner-" + UUID.randomUUID() + "@example.com", OrgRole.OWNER);
        String ownerJwt = orgs.jwtFor(org.id(), owner);
        admin(ownerJwt).body(config("http://directory.internal:8080/scim/v2")).put(path(org.id())).then().statusCode(200);
        admin(ownerJwt).body(config("https://other.example.com/scim")).put(path(org.id())).then().statusCode(200)
                .body("baseUrl", equalTo("https://other.example.com/scim"));
        admin(ownerJwt).delete(path(org.id())).then().statusCode(204);
        admin(ownerJwt).delete(path(org.id())).then().statusCode(204);
        admin(ownerJwt).get(path(org.id())).then().statusCode(200).body("configured", equalTo(false));
        List<String> actions = support.auditActions(org.id(), 0).stream().filter(a -> a.contains("directory_sync")).toList();
        assertEquals(List.of("member:directory_sync.configured", "member:directory_sync.configured",
                "member:directory_sync.removed"), actions);
    }

    @Test
    void readingAndRunsFollowIdentityAccessConfigurationNeedsAnOwner() {
        TestOrgs.TestOrg org = orgs.create();
        configure(org, "https://idp.example.com/scim/v2", "t");
        String adminJwt = fixtures.memberJwt(org.id(), OrgRole.ADMIN);
        String userJwt = fixtures.memberJwt(org.id(), OrgRole.USER);
        String viewer = fixtures.customRoleAdmin(org.id(), "{\"identity_access\":\"view\"}");
        String manager = fixtures.customRoleAdmin(org.id(), "{\"identity_access\":\"manage\"}");
        TestOrgs.TestOrg other = orgs.create();

        for (String jwt : List.of(adminJwt, userJwt, other.ownerJwt())) {
            admin(jwt).get(path(org.id())).then().statusCode(403).body("code", equalTo("forbidden"));
            admin(jwt).get(path(org.id()) + "/runs").then().statusCode(403);
            admin(jwt).body(config("https://evil.example.com")).put(path(org.id())).then().statusCode(403);
            admin(jwt).delete(path(org.id())).then().statusCode(403);
            admin(jwt).post(path(org.id()) + "/runs").then().statusCode(403);
        }
        admin(viewer).get(path(org.id())).then().statusCode(200).body("baseUrl", equalTo("https://idp.example.com/scim/v2"));
        admin(viewer).get(path(org.id()) + "/runs").then().statusCode(200);
        admin(viewer).body(config("https://evil.example.com")).put(path(org.id())).then().statusCode(403);
        admin(viewer).post(path(org.id()) + "/runs").then().statusCode(403);
        // the configuration holds the identity provider's credentials: owners only, identity_access manage is not enough
        admin(manager).body(config("https://idp2.example.com/scim/v2")).put(path(org.id())).then().statusCode(403)
                .body("code", equalTo("owner_required"));
        admin(manager).delete(path(org.id())).then().statusCode(403).body("code", equalTo("owner_required"));
        admin(org.ownerJwt()).body(config("https://idp2.example.com/scim/v2")).put(path(org.id())).then().statusCode(200);

        // suspended: nothing
        UUID suspended = orgs.addMember(org.id(), "suspended-" + UUID.randomUUID() + "@example.com", OrgRole.OWNER);
        String suspendedJwt = orgs.jwtFor(org.id(), suspended);
        fixtures.suspend(org.id(), suspended);
        admin(suspendedJwt).get(path(org.id())).then().statusCode(403);
        // no token: 401
        io.restassured.RestAssured.given().get(path(org.id())).then().statusCode(401);

        admin(org.ownerJwt()).get(path(org.id())).then().statusCode(200).body("baseUrl", equalTo("https://idp2.example.com/scim/v2"));
        assertEquals(0, support.count("SELECT count(*) FROM directory_sync_runs WHERE org_id = :orgId", Map.of("orgId", org.id())));
    }

    @Test
    void nonEnterpriseOrgsGetPlanRequired() {
        TestOrgs.TestOrg team = orgs.create(Plan.TEAM);
        admin(team.ownerJwt()).get(path(team.id())).then().statusCode(403).body("code", equalTo("plan_required"));
        admin(team.ownerJwt()).body(config("https://idp.example.com")).put(path(team.id())).then().statusCode(403)
                .body("code", equalTo("plan_required"));
        admin(team.ownerJwt()).post(path(team.id()) + "/runs").then().statusCode(403).body("code", equalTo("plan_required"));
    }

    @Test
    void badConfigurationsAreRefusedAndChangeNothing() {
        TestOrgs.TestOrg org = orgs.create();
        configure(org, "https://idp.example.com/scim/v2", "original");
        List<Map<String, Object>> bad = List.of(
                Map.of("baseUrl", "ftp://idp.example.com/scim", "bearerToken", "t"),
                Map.of("baseUrl", "not a url", "bearerToken", "t"),
                Map.of("baseUrl", "/scim/v2", "bearerToken", "t"),
                Map.of("baseUrl", "https://user:pw@idp.example.com/scim", "bearerToken", "t"),
                Map.of("baseUrl", "https://idp.example.com/scim?x=1", "bearerToken", "t"),
                Map.of("baseUrl", "", "bearerToken", "t"),
                Map.of("bearerToken", "t"));
        for (Map<String, Object> body : bad) {
            admin(org.ownerJwt()).body(body).put(path(org.id())).then().statusCode(400)
                    .body("code", equalTo("validation_failed")).body("field", equalTo("baseUrl"));
        }
        admin(org.ownerJwt()).body(Map.of("baseUrl", "https://idp.example.com")).put(path(org.id())).then().statusCode(400)
                .body("field", equalTo("bearerToken"));
        admin(org.ownerJwt()).body(Map.of("baseUrl", "https://idp.example.com", "bearerToken", "a b")).put(path(org.id()))
                .then().statusCode(400).body("field", equalTo("bearerToken"));
        admin(org.ownerJwt()).body(Map.of("connector", "ldap", "baseUrl", "https://idp.example.com", "bearerToken", "t"))
                .put(path(org.id())).then().statusCode(400).body("field", equalTo("connector"));
        admin(org.ownerJwt()).body(Map.of("baseUrl", "https://idp.example.com", "bearerToken", "t", "extra", 1))
                .put(path(org.id())).then().statusCode(400).body("field", equalTo("extra"));
        admin(org.ownerJwt()).body(Map.of("baseUrl", "https://idp.example.com", "bearerToken", 5))
                .put(path(org.id())).then().statusCode(400).body("field", equalTo("bearerToken"));
        admin(org.ownerJwt()).body("{\"baseUrl\": ").put(path(org.id())).then().statusCode(400)
                .body("code", equalTo("malformed_request"));
        admin(org.ownerJwt()).body("[]").put(path(org.id())).then().statusCode(400).body("code", equalTo("validation_failed"));

        admin(org.ownerJwt()).get(path(org.id())).then().statusCode(200).body("baseUrl", equalTo("https://idp.example.com/scim/v2"));
        assertEquals(1, support.count("SELECT count(*) FROM audit_events WHERE org_id = :orgId AND action LIKE 'directory_sync.%'", Map.of("orgId", org.id())));
    }

    @Test
    void badRunRequestsAreRefused() {
        TestOrgs.TestOrg org = orgs.create();
        configure(org, "https://idp.example.com/scim/v2", "t");
        admin(org.ownerJwt()).body("{\"force\": \"yes\"}").post(path(org.id()) + "/runs").then().statusCode(400)
                .body("code", equalTo("validation_failed")).body("field", equalTo("force"));
        admin(org.ownerJwt()).body("{\"forse\": true}").post(path(org.id()) + "/runs").then().statusCode(400)
                .body("field", equalTo("forse"));
        admin(org.ownerJwt()).body("{force").post(path(org.id()) + "/runs").then().statusCode(400)
                .body("code", equalTo("malformed_request"));
        assertEquals(0, support.count("SELECT count(*) FROM directory_sync_runs WHERE org_id = :orgId", Map.of("orgId", org.id())));
        admin(org.ownerJwt()).get(path(org.id()) + "/runs/" + UUID.randomUUID()).then().statusCode(404).body("code", equalTo("not_found"));
        admin(org.ownerJwt()).get(path(org.id()) + "/runs/not-an-id").then().statusCode(404);
        admin(org.ownerJwt()).get(path(org.id()) + "/runs?limit=0").then().statusCode(400).body("field", equalTo("limit"));
        admin(org.ownerJwt()).get(path(org.id()) + "/runs?cursor=%%%").then().statusCode(400).body("field", equalTo("cursor"));
    }

    @Test
    void anUnreachableOrRefusingUpstreamFailsTheRunWithItsError() {
        TestOrgs.TestOrg org = orgs.create();
        TestOrgs.TestOrg upstream = orgs.create();
        configure(org, scimBase(), "wrong-token");
        JsonPath refused = sync(org, false);
        assertEquals("failed", refused.getString("status"));
        assertEquals("upstream_error", refused.getString("errors[0].code"));
        assertTrue(refused.getString("errors[0].message").contains("HTTP 401"), refused.getString("errors[0].message"));
        assertFalse(refused.getString("errors[0].message").contains("wrong-token"));

        configure(org, "http://127.0.0.1:9/scim/v2", upstream.scimToken()); // nothing listens on the discard port
        JsonPath unreachable = sync(org, false);
        assertEquals("failed", unreachable.getString("status"));
        assertTrue(unreachable.getString("errors[0].message").contains("after 3 attempts"), unreachable.getString("errors[0].message"));
    }

    @Test
    void runsAreListedNewestFirstWithCursorPagingAndRunIdsOfOtherOrgsAreNotFound() {
        TestOrgs.TestOrg org = orgs.create();
        SyncTestSupport.Upstream upstream = new SyncTestSupport.Upstream(orgs.create());
        upstream.group("Only", List.of(upstream.user(1)));
        configure(org, scimBase(), upstream.org.scimToken());
        String first = sync(org, false).getString("id");
        String second = sync(org, false).getString("id");
        // a POST without body or Content-Type (the console's, curl -X POST) starts a run too
        String third = await(org, given().auth().oauth2(org.ownerJwt()).post(path(org.id()) + "/runs")
                .then().statusCode(202).extract().path("id")).getString("id");

        JsonPath page1 = admin(org.ownerJwt()).get(path(org.id()) + "/runs?limit=2").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(third, second), page1.getList("items.id"));
        assertEquals("succeeded", page1.getString("items[0].status"));
        assertEquals(List.of("groupsCreated", "groupsUpdated", "groupsDeleted", "membershipsAdded", "membershipsRemoved",
                "membersCreated", "membersSuspended", "membersReactivated"), List.copyOf(page1.getMap("items[0].counts").keySet()));
        JsonPath page2 = admin(org.ownerJwt()).get(path(org.id()) + "/runs?limit=2&cursor=" + page1.getString("nextCursor"))
                .then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(first), page2.getList("items.id"));
        assertEquals(null, page2.getString("nextCursor"));

        TestOrgs.TestOrg other = orgs.create();
        configure(other, "https://idp.example.com/scim/v2", "t");
        admin(other.ownerJwt()).get(path(other.id()) + "/runs/" + first).then().statusCode(404);
        admin(org.ownerJwt()).get(path(org.id()) + "/runs/" + first).then().statusCode(200)
                .body("id", equalTo(first)).body("requestedBy", equalTo(org.ownerId().toString()))
                .body("startedAt", notNullValue()).body("finishedAt", notNullValue())
                .body(not(containsString(upstream.org.scimToken())));
    }

    @Test
    void runsLeftActiveByACrashAreMarkedFailedAtStartAndDoNotBlockNewRuns() {
        TestOrgs.TestOrg org = orgs.create();
        SyncTestSupport.Upstream upstream = new SyncTestSupport.Upstream(orgs.create());
        upstream.group("Only", List.of(upstream.user(1)));
        configure(org, scimBase(), upstream.org.scimToken());
        UUID orphan = UUID.randomUUID();
        support.update("INSERT INTO directory_sync_runs (org_id, id, status, trigger, started_at)"
                + " VALUES (:orgId, :runId, 'running', 'manual', now())", Map.of("orgId", org.id(), "runId", orphan));
        support.update("INSERT INTO directory_sync_stage_groups (org_id, run_id, upstream_id, display_name, position)"
                + " VALUES (:orgId, :runId, 'x', 'x', 0)", Map.of("orgId", org.id(), "runId", orphan));

        assertTrue(recovery.recoverAll() >= 1);

        JsonPath failed = admin(org.ownerJwt()).get(path(org.id()) + "/runs/" + orphan).then().statusCode(200).extract().jsonPath();
        assertEquals("failed", failed.getString("status"));
        assertEquals("interrupted", failed.getString("errors[0].code"));
        assertTrue(failed.getString("errors[0].message").contains("interrupted by a server restart"));
        assertEquals(0, support.count("SELECT count(*) FROM directory_sync_stage_groups WHERE org_id = :orgId", Map.of("orgId", org.id())));
        assertEquals("succeeded", sync(org, false).getString("status"));
    }

    @Test
    void anAbandonedRunIsReapedWhenTheNextRunIsRequested() {
        TestOrgs.TestOrg org = orgs.create();
        SyncTestSupport.Upstream upstream = new SyncTestSupport.Upstream(orgs.create());
        upstream.group("Only", List.of(upstream.user(1)));
        configure(org, scimBase(), upstream.org.scimToken());
        UUID orphan = UUID.randomUUID();
        // queued a minute ago on a replica that died before handing it to a worker
        support.update("INSERT INTO directory_sync_runs (org_id, id, status, trigger, requested_at)"
                + " VALUES (:orgId, :runId, 'queued', 'manual', now() - interval '1 minute')", Map.of("orgId", org.id(), "runId", orphan));

        String id = start(org, false).then().statusCode(202).extract().path("id");

        assertFalse(id.equals(orphan.toString()));
        assertEquals("succeeded", await(org, id).getString("status"));
        admin(org.ownerJwt()).get(path(org.id()) + "/runs/" + orphan).then().statusCode(200).body("status", equalTo("failed"));
    }
}
