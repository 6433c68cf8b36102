package dev.roster.platform;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class HealthAndBootstrapTest {

    @Test
    void readinessIncludesTheDatabase() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void bootstrapWritesTheAdminJwt() throws Exception {
        Path jwt = Path.of("target/test-data", Bootstrap.ADMIN_JWT_FILE);
        assertTrue(Files.exists(jwt));
        assertTrue(Files.readString(jwt).split("\\.").length == 3);
    }
}
