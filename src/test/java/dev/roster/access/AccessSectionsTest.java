package dev.roster.access;

import dev.roster.access.explain.AccessSection;
import dev.roster.support.TestOrgs;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasKey;

/**
 * Other features contribute to {@code /members/{id}/access} by implementing {@link AccessSection}; this
 * test registers one and finds it in the answer. The section answers null (property left out) unless
 * this test switches it on, so no other test sees it.
 */
@QuarkusTest
class AccessSectionsTest {

    static volatile boolean exampleOn;

    /** A section such as spendLimit or plugins: resolved for the member asked about. */
    @ApplicationScoped
    public static class ExampleSection implements AccessSection {
        @Override
        public String name() {
            return "example";
        }

        @Override
        public Object describe(UUID orgId, UUID memberId) {
            return exampleOn ? Map.of("orgId", orgId.toString(), "memberId", memberId.toString()) : null;
        }
    }

    @Inject
    TestOrgs orgs;

    @Test
    void everySectionBeanAddsAProperty() {
        TestOrgs.TestOrg org = orgs.create();
        UUID user = orgs.addMember(org.id(), "user@example.com", OrgRole.USER);
        String path = "/api/v1/orgs/{org}/members/{id}/access";
        exampleOn = true;
        try {
            given().auth().oauth2(org.ownerJwt()).get(path, org.id(), user)
                    .then().statusCode(200)
                    .body("memberId", equalTo(user.toString()))
                    .body("example.memberId", equalTo(user.toString()))
                    .body("example.orgId", equalTo(org.id().toString()));
        } finally {
            exampleOn = false;
        }
        given().auth().oauth2(org.ownerJwt()).get(path, org.id(), user)
                .then().statusCode(200).body("$", not(hasKey("example")));
    }
}
