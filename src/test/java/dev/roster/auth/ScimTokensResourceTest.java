package dev.roster.auth;

import dev.roster.access.OrgRole;
import dev.roster.support.AdminFixtures;
import dev.roster.support.TestOrgs;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SCIM token management over real HTTP: shown once, never listed, revocation effective at once. */
@QuarkusTest
class ScimTokensResourceTest {

    @Inject
    TestOrgs orgs;
    @Inject
    AdminFixtures fixtures;
    @Inject
    ScimTokenService tokenService;

    private static RequestSpecification as(String jwt) {
        return given().auth().oauth2(jwt).contentType(ContentType.JSON);
    }

    private static String tokens(UUID orgId) {
        return "/api/v1/orgs/" + orgId + "/scim-tokens";
    }

    private Optional<ScimCredential> authenticate(String token) {
        return QuarkusTransaction.requiringNew().call(() -> tokenService.authenticate(token));
    }

    @Test
    void theSecretIsShownOnceAndWorksUntilRevoked() {
        TestOrgs.TestOrg org = orgs.create();
        Response created = as(org.ownerJwt()).body(Map.of("name", "Okta")).post(tokens(org.id()));
        created.then().statusCode(201)
                .body("id", notNullValue()).body("name", equalTo("Okta"))
                .body("token", startsWith("scim_")).body("createdAt", notNullValue());
        String id = created.path("id");
        String secret = created.path("token");

        as(org.ownerJwt()).get(tokens(org.id())).then().statusCode(200)
                .body("id", hasItem(id))
                .body("$", everyItem(not(hasKey("token"))))
                .body("$", everyItem(not(hasKey("tokenHash"))))
                .body("find { it.id == '" + id + "' }.lastUsedAt", nullValue())
                .body("find { it.id == '" + id + "' }.revokedAt", nullValue());
        assertFalse(as(org.ownerJwt()).get(tokens(org.id())).asString().contains(secret));

        assertEquals(org.id(), authenticate(secret).orElseThrow().orgId());
        as(org.ownerJwt()).get(tokens(org.id())).then().body("find { it.id == '" + id + "' }.lastUsedAt", notNullValue());

        as(org.ownerJwt()).delete(tokens(org.id()) + "/" + id).then().statusCode(204);
        assertTrue(authenticate(secret).isEmpty(), "a revoked token no longer authenticates");
        as(org.ownerJwt()).get(tokens(org.id())).then().body("find { it.id == '" + id + "' }.revokedAt", notNullValue());
        // the other live token of the org (rotation) is untouched
        assertTrue(authenticate(org.scimToken()).isPresent());
        as(org.ownerJwt()).delete(tokens(org.id()) + "/" + id).then().statusCode(204);
        assertEquals(1, fixtures.count("SELECT count(*) FROM audit_events WHERE org_id = ? AND action = 'scim_token.revoked'", org.id()));
        assertEquals(0, fixtures.count("SELECT count(*) FROM audit_events WHERE org_id = ? AND (after::text LIKE ? OR before::text LIKE ?)",
                org.id(), "%" + secret + "%", "%" + secret + "%"));
    }

    @Test
    void listingFollowsIdentityAccessAndChangesNeedAnOwner() {
        TestOrgs.TestOrg org = orgs.create();
        String viewer = fixtures.customRoleAdmin(org.id(), "{\"identity_access\":\"view\"}");
        String manager = fixtures.customRoleAdmin(org.id(), "{\"identity_access\":\"manage\"}");
        String admin = fixtures.memberJwt(org.id(), OrgRole.ADMIN);
        String user = fixtures.memberJwt(org.id(), OrgRole.USER);
        TestOrgs.TestOrg other = orgs.create();
        long before = fixtures.count("SELECT count(*) FROM scim_tokens WHERE org_id = ?", org.id());
        String existing = as(org.ownerJwt()).get(tokens(org.id())).path("[0].id");

        as(viewer).get(tokens(org.id())).then().statusCode(200);
        as(viewer).body(Map.of("name", "x")).post(tokens(org.id())).then().statusCode(403).body("code", equalTo("owner_required"));
        as(viewer).delete(tokens(org.id()) + "/" + existing).then().statusCode(403);
        for (String refused : List.of(admin, user, other.ownerJwt())) {
            as(refused).get(tokens(org.id())).then().statusCode(403);
            as(refused).body(Map.of("name", "x")).post(tokens(org.id())).then().statusCode(403);
            as(refused).delete(tokens(org.id()) + "/" + existing).then().statusCode(403);
        }
        assertEquals(before, fixtures.count("SELECT count(*) FROM scim_tokens WHERE org_id = ?", org.id()));
        assertTrue(authenticate(org.scimToken()).isPresent());
        // a SCIM token carries the identity provider's power: identity_access manage is not enough, owners only
        as(manager).body(Map.of("name", "rotation")).post(tokens(org.id())).then().statusCode(403)
                .body("code", equalTo("owner_required"));
        as(manager).delete(tokens(org.id()) + "/" + existing).then().statusCode(403).body("code", equalTo("owner_required"));
        assertEquals(before, fixtures.count("SELECT count(*) FROM scim_tokens WHERE org_id = ?", org.id()));
        as(org.ownerJwt()).body(Map.of("name", "rotation")).post(tokens(org.id())).then().statusCode(201);
        // another org's token id through this org's path: 404, and it stays live
        String foreign = as(other.ownerJwt()).get(tokens(other.id())).path("[0].id");
        as(org.ownerJwt()).delete(tokens(org.id()) + "/" + foreign).then().statusCode(404).body("code", equalTo("not_found"));
        assertTrue(authenticate(other.scimToken()).isPresent());
    }

    @Test
    void badBodiesAreRefused() {
        TestOrgs.TestOrg org = orgs.create();
        long before = fixtures.count("SELECT count(*) FROM scim_tokens WHERE org_id = ?", org.id());
        for (Object body : List.of(Map.of(), Map.of("name", " "), Map.of("name", 3), Map.of("name", "x".repeat(201)),
                Map.of("name", "ok", "token", "chosen"))) {
            as(org.ownerJwt()).body(body).post(tokens(org.id())).then().statusCode(400).body("code", equalTo("validation_failed"));
        }
        as(org.ownerJwt()).body("{").post(tokens(org.id())).then().statusCode(400).body("code", equalTo("malformed_request"));
        as(org.ownerJwt()).delete(tokens(org.id()) + "/nope").then().statusCode(404);
        as(org.ownerJwt()).delete(tokens(org.id()) + "/" + UUID.randomUUID()).then().statusCode(404);
        assertEquals(before, fixtures.count("SELECT count(*) FROM scim_tokens WHERE org_id = ?", org.id()));
    }
}
