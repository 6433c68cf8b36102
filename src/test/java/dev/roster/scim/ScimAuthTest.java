package dev.roster.scim;

import dev.roster.auth.ScimTokenService;
import dev.roster.common.Sql;
import dev.roster.support.TestOrgs;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class ScimAuthTest {

    @Inject
    TestOrgs orgs;
    @Inject
    ScimTokenService tokens;
    @Inject
    Sql sql;

    @Test
    void severalTokensLiveAtOnceAndARevokedOneIsRefused() {
        TestOrgs.TestOrg org = orgs.create();
        var second = QuarkusTransaction.requiringNew().call(() -> tokens.issue(org.id(), "rotation", null));
        new ScimTestClient(org.scimToken()).req().get("/scim/v2/Users").then().statusCode(200);
        new ScimTestClient(second.token()).req().get("/scim/v2/Users").then().statusCode(200);
        QuarkusTransaction.requiringNew().run(() -> tokens.revoke(org.id(), second.id()));
        new ScimTestClient(second.token()).req().get("/scim/v2/Users").then().statusCode(401)
                .body("detail", notNullValue());
        new ScimTestClient(org.scimToken()).req().get("/scim/v2/Users").then().statusCode(200);
        Long used = QuarkusTransaction.requiringNew().call(() -> sql.count(
                "SELECT count(*) FROM scim_tokens WHERE org_id = ? AND last_used_at IS NOT NULL", org.id()));
        assertEquals(2L, used.longValue());
    }

    @Test
    void throttlingAnswers429WithRetryAfter() {
        TestOrgs.TestOrg org = orgs.create();
        QuarkusTransaction.requiringNew().run(() -> sql.update("UPDATE orgs SET scim_rate_per_minute = 3 WHERE id = ?", org.id()));
        ScimTestClient scim = new ScimTestClient(org.scimToken());
        for (int i = 0; i < 3; i++) {
            scim.req().get("/scim/v2/Users").then().statusCode(200);
        }
        scim.req().get("/scim/v2/Users").then().statusCode(429).header("Retry-After", notNullValue())
                .body("status", equalTo("429"));
        // other orgs are not affected
        new ScimTestClient(orgs.create().scimToken()).req().get("/scim/v2/Users").then().statusCode(200);
    }

    @Test
    void unknownScimPathsAnswerScimErrors() {
        ScimTestClient scim = new ScimTestClient(orgs.create().scimToken());
        scim.req().get("/scim/v2/Widgets").then().statusCode(404).body("status", equalTo("404"));
        scim.req().get("/scim/v2/Users/" + UUID.randomUUID()).then().statusCode(404).body("status", equalTo("404"));
    }
}
