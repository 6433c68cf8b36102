package dev.roster.access;

import dev.roster.members.OrgRole;
import dev.roster.support.TestOrgs;
import io.quarkus.arc.lookup.LookupIfProperty;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/**
 * Other features contribute to {@code /members/{id}/access} by implementing {@link AccessSection}; this
 * test registers one (only under its own profile, so other tests never see it) and finds it in the answer.
 */
@QuarkusTest
@TestProfile(AccessSectionsTest.WithExampleSection.class)
class AccessSectionsTest {

    public static class WithExampleSection implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("roster.test.example-access-section", "on");
        }
    }

    /** A section such as spendLimit or plugins: resolved for the member asked about. */
    @ApplicationScoped
    @LookupIfProperty(name = "roster.test.example-access-section", stringValue = "on")
    public static class ExampleSection implements AccessSection {
        @Override
        public String name() {
            return "example";
        }

        @Override
        public Object describe(UUID orgId, UUID memberId) {
            return Map.of("orgId", orgId.toString(), "memberId", memberId.toString());
        }
    }

    @Inject
    TestOrgs orgs;

    @Test
    void everySectionBeanAddsAProperty() {
        TestOrgs.TestOrg org = orgs.create();
        UUID user = orgs.addMember(org.id(), "user@example.com", OrgRole.USER);
        given().auth().oauth2(org.ownerJwt()).get("/api/v1/orgs/{org}/members/{id}/access", org.id(), user)
                .then().statusCode(200)
                .body("memberId", equalTo(user.toString()))
                .body("example.memberId", equalTo(user.toString()))
                .body("example.orgId", equalTo(org.id().toString()));
    }
}
