package dev.roster.scim;

import dev.roster.auth.ScimTokenService;
import dev.roster.support.TestOrgs;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class ScimAuthTest {

    @Inject
    TestOrgs orgs;
    @Inject
    ScimTokenService tokens;
    @Inject
    Jdbi jdbi;

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
        assertEquals(2L, usedTokens(org));
    }

    @Test
    void aRevokedTokenReadsNothingOnAnyEndpointEvenRightAfterReadsThatSucceeded() {
        TestOrgs.TestOrg org = orgs.create();
        var rotated = QuarkusTransaction.requiringNew().call(() -> tokens.issue(org.id(), "to-revoke", null));
        ScimTestClient scim = new ScimTestClient(rotated.token());
        String userName = ScimTestClient.unique("kept");
        String userId = scim.createUser(userName);
        String groupId = scim.createGroup("Readers " + UUID.randomUUID());
        String filter = "userName eq \"" + userName + "\"";
        String search = "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:SearchRequest\"],\"filter\":\"userName pr\"}";
        // reads that this replica serves while the token is live
        scim.req().queryParam("filter", filter).get("/scim/v2/Users").then().statusCode(200).body("totalResults", equalTo(1));
        scim.req().get("/scim/v2/Groups").then().statusCode(200).body("totalResults", equalTo(1));
        scim.req().body(search).post("/scim/v2/Users/.search").then().statusCode(200);
        scim.req().get("/scim/v2/Users/" + userId).then().statusCode(200);

        QuarkusTransaction.requiringNew().run(() -> tokens.revoke(org.id(), rotated.id()));

        // the first request after the revocation is a create, from a replica that still knows the token
        String late = ScimTestClient.unique("late");
        scim.req().body(ScimTestClient.userBody(late)).post("/scim/v2/Users").then().statusCode(401)
                .header("Location", nullValue()).body("id", nullValue());

        // every read, whether or not it finds rows, now answers 401 with no data
        for (var response : List.of(
                scim.req().queryParam("filter", filter).get("/scim/v2/Users"),
                scim.req().queryParam("filter", "userName eq \"nobody@scim.test\"").get("/scim/v2/Users"),
                scim.req().get("/scim/v2/Users"),
                scim.req().get("/scim/v2/Users/" + userId),
                scim.req().get("/scim/v2/Users/" + UUID.randomUUID()),
                scim.req().get("/scim/v2/Groups"),
                scim.req().get("/scim/v2/Groups/" + groupId),
                scim.req().body(search).post("/scim/v2/Users/.search"),
                scim.req().body(search).post("/scim/v2/.search"),
                scim.req().get("/scim/v2/ServiceProviderConfig"))) {
            response.then().statusCode(401).header("WWW-Authenticate", notNullValue()).header("ETag", nullValue())
                    .body("status", equalTo("401"), "Resources", nullValue(),
                            "id", nullValue());
        }
        // and every write too, changing nothing
        scim.patch("Users", userId, "{\"op\":\"replace\",\"path\":\"active\",\"value\":false}").then().statusCode(401);
        scim.req().delete("/scim/v2/Users/" + userId).then().statusCode(401);
        new ScimTestClient(org.scimToken()).req().get("/scim/v2/Users/" + userId).then().statusCode(200)
                .body("active", equalTo(true));
        new ScimTestClient(org.scimToken()).req().queryParam("filter", "userName eq \"" + late + "\"").get("/scim/v2/Users")
                .then().statusCode(200).body("totalResults", equalTo(0));
        assertEquals(0L, (long) jdbi.withHandle(h -> h.createQuery("""
                SELECT count(*) FROM audit_events
                WHERE org_id = :orgId AND actor_id = :actorId AND action = 'member.created' AND after->>'userName' = :userName""")
                .bind("orgId", org.id()).bind("actorId", rotated.id().toString()).bind("userName", late)
                .mapTo(Long.class).one()));
    }

    @Test
    void throttlingAnswers429WithRetryAfter() {
        TestOrgs.TestOrg org = orgs.create();
        jdbi.useHandle(h -> h.createUpdate("UPDATE orgs SET scim_rate_per_minute = 3 WHERE id = :orgId").bind("orgId", org.id()).execute());
        ScimTestClient scim = new ScimTestClient(org.scimToken());
        for (int i = 0; i < 3; i++) {
            scim.req().get("/scim/v2/Users").then().statusCode(200);
        }
        scim.req().get("/scim/v2/Users").then().statusCode(429).header("Retry-After", notNullValue())
                .body("status", equalTo("429"));
        // other orgs are not affected
        new ScimTestClient(orgs.create().scimToken()).req().get("/scim/v2/Users").then().statusCode(200);
        // once revoked, the token is refused (401), not throttled, and its use is no longer recorded
        jdbi.useHandle(h -> h.createUpdate("UPDATE scim_tokens SET revoked_at = now(), last_used_at = NULL WHERE org_id = :orgId")
                .bind("orgId", org.id()).execute());
        scim.req().get("/scim/v2/Users").then().statusCode(401).body("status", equalTo("401"));
        scim.req().get("/scim/v2/Users/" + UUID.randomUUID()).then().statusCode(401);
        assertEquals(0L, usedTokens(org));
    }

    private long usedTokens(TestOrgs.TestOrg org) {
        return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM scim_tokens WHERE org_id = :orgId AND last_used_at IS NOT NULL")
                .bind("orgId", org.id()).mapTo(Long.class).one());
    }

    @Test
    void unknownScimPathsAnswerScimErrors() {
        ScimTestClient scim = new ScimTestClient(orgs.create().scimToken());
        scim.req().get("/scim/v2/Widgets").then().statusCode(404).body("status", equalTo("404"));
        scim.req().get("/scim/v2/Users/" + UUID.randomUUID()).then().statusCode(404).body("status", equalTo("404"));
    }
}
