package dev.roster.platform;

import dev.roster.support.TestOrgs;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;

/**
 * With no trusted proxy configured (the default), a client's X-Forwarded-* and Forwarded headers change
 * nothing: it cannot choose the host of the URLs the server writes. ({@link ProxiedJsonLoggingTest} shows
 * them honoured from a listed proxy.)
 */
@QuarkusTest
class ForwardedHeadersTest {

    @Inject
    TestOrgs orgs;

    @Test
    void forwardedHeadersFromAnyoneAreIgnored() {
        TestOrgs.TestOrg org = orgs.create();
        String location = given().auth().oauth2(org.scimToken()).contentType("application/scim+json")
                .header("X-Forwarded-Proto", "https").header("X-Forwarded-Host", "attacker.example")
                .header("Forwarded", "host=attacker.example;proto=https")
                .body("{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"direct-"
                        + UUID.randomUUID() + "@example.com\"}")
                .post("/scim/v2/Users").then().statusCode(201).extract().header("Location");
        assertThat(location, startsWith("http://localhost:"));
        assertThat(location, not(containsString("attacker")));
    }
}
