package dev.roster.auth;

import dev.roster.access.OrgRole;
import dev.roster.support.TestOrgs;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.build.Jwt;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/** Admin-API authentication: every failure is a 401 problem document, whatever smallrye-jwt rejected. */
@QuarkusTest
class AdminAuthenticationTest {

    @Inject
    TestOrgs orgs;

    @Test
    void meDescribesTheCallerFromTheDatabase() {
        TestOrgs.TestOrg org = orgs.create();
        given().auth().oauth2(org.ownerJwt()).get("/api/v1/me").then().statusCode(200)
                .body("memberId", equalTo(org.ownerId().toString()))
                .body("orgId", equalTo(org.id().toString()))
                .body("orgRole", equalTo("primary_owner"))
                .body("adminAreas.identity_access", equalTo("manage"))
                .body("adminAreas.libraries", equalTo("manage"));
        UUID adminId = orgs.addMember(org.id(), "admin-" + UUID.randomUUID() + "@example.com", OrgRole.ADMIN);
        given().auth().oauth2(orgs.jwtFor(org.id(), adminId)).get("/api/v1/me").then().statusCode(200)
                .body("orgRole", equalTo("admin"))
                .body("adminAreas.user_management", equalTo("manage"))
                .body("adminAreas.analytics", equalTo("view"))
                .body("adminAreas.billing", equalTo("none"))
                .body("adminAreas.identity_access", equalTo("none"))
                .body("adminAreas.privacy", equalTo("none"))
                .body("adminAreas.libraries", equalTo("none"));
    }

    @Test
    void noTokenIs401Problem() {
        given().get("/api/v1/me").then().statusCode(401)
                .contentType(startsWith("application/problem+json"))
                .body("code", equalTo("unauthorized"));
    }

    @Test
    void garbageTokenIs401Problem() {
        given().auth().oauth2("not-a-jwt").get("/api/v1/me").then().statusCode(401)
                .contentType(startsWith("application/problem+json"))
                .body("code", equalTo("unauthorized"));
    }

    @Test
    void tokenSignedByAnotherKeyIs401Problem() throws Exception {
        TestOrgs.TestOrg org = orgs.create();
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair other = generator.generateKeyPair();
        String forged = Jwt.subject(org.ownerId().toString()).claim("org_id", org.id().toString())
                .issuer("roster").sign(other.getPrivate());
        given().auth().oauth2(forged).get("/api/v1/me").then().statusCode(401)
                .contentType(startsWith("application/problem+json"))
                .body("code", equalTo("unauthorized"));
    }

    @Test
    void expiredTokenIs401Problem() {
        TestOrgs.TestOrg org = orgs.create();
        String expired = Jwt.subject(org.ownerId().toString()).claim("org_id", org.id().toString())
                .issuer("roster").issuedAt(Instant.now().minusSeconds(7200)).expiresAt(Instant.now().minusSeconds(3600)).sign();
        given().auth().oauth2(expired).get("/api/v1/me").then().statusCode(401)
                .contentType(startsWith("application/problem+json"))
                .body("code", equalTo("unauthorized"));
    }

    @Test
    void aBearerThatIsNoJwtIsNotRejectedOutsideTheAdminApi() {
        // lazy authentication: SCIM tokens (not JWTs) and stray headers never meet the JWT check
        given().auth().oauth2("scim_not-a-jwt").get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void unauthorizedAnswersCarryTheBearerChallenge() {
        given().get("/api/v1/me").then().statusCode(401).header("WWW-Authenticate", startsWith("Bearer"));
    }
}
