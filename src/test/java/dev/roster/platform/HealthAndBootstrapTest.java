package dev.roster.platform;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Readiness, and what the first start on this run's empty database wrote: the SCIM token to an owner-only
 * file (never to the log) and the owner's admin JWT, valid 24 hours ({@code roster.bootstrap.admin-jwt-lifespan}).
 */
@QuarkusTest
class HealthAndBootstrapTest {

    private static final Path DATA = Path.of("target/test-data");

    @Test
    void readinessIncludesTheDatabase() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.find { it.name == 'Database connections health check' }.status", equalTo("UP"));
    }

    @Test
    void theGeneratedScimTokenIsInAnOwnerOnlyFileAndNeverInTheLog() throws Exception {
        Path file = DATA.resolve(Bootstrap.SCIM_TOKEN_FILE);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        String token = Files.readString(file).strip();
        given().auth().oauth2(token).get("/scim/v2/ServiceProviderConfig").then().statusCode(200);

        String log = Files.readString(DATA.resolve("roster.log"), StandardCharsets.UTF_8);
        assertThat(log, containsString("Bootstrap: SCIM token written to " + file.toAbsolutePath()));
        assertThat(log, not(containsString(token)));
    }

    @Test
    void theAdminJwtFileIsOwnerOnlyAndValidForADay() throws Exception {
        Path file = DATA.resolve(Bootstrap.ADMIN_JWT_FILE);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        String jwt = Files.readString(file).strip();
        given().auth().oauth2(jwt).get("/api/v1/me").then().statusCode(200).body("userName", equalTo("owner@example.com"));

        String claims = new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
        long issuedAt = Long.parseLong(claims.replaceAll(".*\"iat\":(\\d+).*", "$1"));
        long expires = Long.parseLong(claims.replaceAll(".*\"exp\":(\\d+).*", "$1"));
        assertEquals(24 * 3600, expires - issuedAt);

        String log = Files.readString(DATA.resolve("roster.log"), StandardCharsets.UTF_8);
        assertThat(log, not(containsString(jwt)));
    }
}
