package dev.roster.access;

import dev.roster.support.TestOrgs;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static dev.roster.access.AccessFixtures.as;
import static org.hamcrest.Matchers.equalTo;

/** An admin JWT stops working the second its {@code exp} passes, even though its signature was verified before. */
@QuarkusTest
class ExpiredAdminJwtTest {

    @Inject
    TestOrgs orgs;

    @Test
    void anExpiredJwtIsRefusedAtOnceCacheOrNot() throws InterruptedException {
        TestOrgs.TestOrg org = orgs.create();
        Instant expiresAt = Instant.ofEpochSecond(Instant.now().getEpochSecond() + 2);
        String jwt = AccessFixtures.jwtExpiringAt(org.id(), org.ownerId(), expiresAt);
        as(jwt).get("/api/v1/me").then().statusCode(200);
        as(jwt).get("/api/v1/orgs/{org}/members", org.id()).then().statusCode(200);

        Thread.sleep(Math.max(0, expiresAt.plusSeconds(1).toEpochMilli() - System.currentTimeMillis()));

        // the first call after expiry, and the second one (which a verified-token cache would answer)
        as(jwt).get("/api/v1/me").then().statusCode(401).body("code", equalTo("unauthorized"));
        as(jwt).get("/api/v1/me").then().statusCode(401).body("code", equalTo("unauthorized"));
        as(jwt).get("/api/v1/orgs/{org}/members", org.id()).then().statusCode(401);
    }
}
