package dev.roster.observability;

import dev.roster.support.TestOrgs;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Roster's metrics appear at /q/metrics after the calls they count, with labels from small fixed sets
 * (never an id or a token). Counters are JVM-wide and other tests also count, so each check compares a
 * value before and after.
 */
@QuarkusTest
class MetricsTest {

    private static final Pattern UUID_LIKE = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-");

    @Inject
    TestOrgs orgs;
    @Inject
    Jdbi jdbi;

    @Test
    void scimRequestsAuthenticationFailuresAndThrottling() {
        TestOrgs.TestOrg org = orgs.create();
        String created = "roster_scim_requests_total{method=\"POST\",resource=\"Users\",status=\"201\"}";
        String listed = "roster_scim_requests_total{method=\"GET\",resource=\"Users\",status=\"200\"}";
        String scimRefused = "roster_auth_failures_total{api=\"scim\"}";
        String adminRefused = "roster_auth_failures_total{api=\"admin\"}";
        String throttled = "roster_throttled_requests_total{api=\"scim\"}";
        Map<String, Double> before = values(created, listed, scimRefused, adminRefused, throttled);

        given().auth().oauth2(org.scimToken()).contentType("application/scim+json")
                .body("{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"metrics-"
                        + UUID.randomUUID() + "@example.com\"}")
                .post("/scim/v2/Users").then().statusCode(201);
        given().auth().oauth2(org.scimToken()).get("/scim/v2/Users").then().statusCode(200);
        given().auth().oauth2("not-a-token").get("/scim/v2/Users").then().statusCode(401);
        given().auth().oauth2("not-a-jwt").get("/api/v1/me").then().statusCode(401);
        // a rate of one request a minute: the second request of this org's token is throttled
        TestOrgs.TestOrg slow = orgs.create();
        QuarkusTransaction.requiringNew().run(() -> jdbi.useHandle(h -> h.createUpdate(
                "UPDATE orgs SET scim_rate_per_minute = 1 WHERE id = :id").bind("id", slow.id()).execute()));
        given().auth().oauth2(slow.scimToken()).get("/scim/v2/ServiceProviderConfig").then().statusCode(200);
        given().auth().oauth2(slow.scimToken()).get("/scim/v2/ServiceProviderConfig").then().statusCode(429);

        Map<String, Double> after = values(created, listed, scimRefused, adminRefused, throttled);
        assertEquals(1, after.get(created) - before.get(created));
        assertTrue(after.get(listed) - before.get(listed) >= 1);
        assertTrue(after.get(scimRefused) - before.get(scimRefused) >= 1);
        assertTrue(after.get(adminRefused) - before.get(adminRefused) >= 1);
        assertTrue(after.get(throttled) - before.get(throttled) >= 1);
    }

    @Test
    void authorizeDecisionsAndUsageEvents() {
        TestOrgs.TestOrg org = orgs.create();
        String allowed = "roster_authorize_decisions_total{outcome=\"allowed\"}";
        String accepted = "roster_usage_events_total{result=\"accepted\"}";
        String duplicate = "roster_usage_events_total{result=\"duplicate\"}";
        Map<String, Double> before = values(allowed, accepted, duplicate);

        String event = "{\"eventId\":\"" + UUID.randomUUID() + "\",\"memberId\":\"" + org.ownerId()
                + "\",\"amountCents\":25,\"occurredAt\":\"" + Instant.now() + "\"}";
        admin(org).body("{\"events\":[" + event + "]}").post("/api/v1/orgs/" + org.id() + "/usage/events").then().statusCode(200);
        admin(org).body("{\"events\":[" + event + "]}").post("/api/v1/orgs/" + org.id() + "/usage/events").then().statusCode(200);
        admin(org).body("{\"memberId\":\"" + org.ownerId() + "\",\"amountCents\":100}")
                .post("/api/v1/orgs/" + org.id() + "/spend/authorize").then().statusCode(200);

        Map<String, Double> after = values(allowed, accepted, duplicate);
        assertEquals(1, after.get(allowed) - before.get(allowed));
        assertEquals(1, after.get(accepted) - before.get(accepted));
        assertEquals(1, after.get(duplicate) - before.get(duplicate));
    }

    @Test
    void directorySyncRunsByOutcomeWithTheirDuration() {
        TestOrgs.TestOrg upstream = orgs.create();
        TestOrgs.TestOrg local = orgs.create();
        String succeeded = "roster_sync_runs_seconds_count{outcome=\"succeeded\"}";
        Map<String, Double> before = values(succeeded);

        String sync = "/api/v1/orgs/" + local.id() + "/directory-sync";
        admin(local).body(Map.of("connector", "scim", "baseUrl", "http://localhost:" + RestAssured.port + "/scim/v2",
                "bearerToken", upstream.scimToken())).put(sync).then().statusCode(200);
        String runId = admin(local).post(sync + "/runs").then().statusCode(202).extract().path("id");
        awaitFinished(local, sync + "/runs/" + runId);

        assertEquals(1, values(succeeded).get(succeeded) - before.get(succeeded));
        assertTrue(scrape().contains("roster_sync_runs_seconds_sum{outcome=\"succeeded\"}"));
    }

    @Test
    void poolMetricsAndNoIdentifierInAnyLabel() {
        String metrics = scrape();
        assertTrue(metrics.contains("agroal_active_count{datasource=\"default\"}"), "pool in use");
        assertTrue(metrics.contains("agroal_awaiting_count{datasource=\"default\"}"), "callers waiting for a connection");
        List<String> identified = metrics.lines().filter(line -> line.startsWith("roster_"))
                .filter(line -> UUID_LIKE.matcher(line).find()).toList();
        assertTrue(identified.isEmpty(), "labels carrying ids: " + identified);
    }

    private static RequestSpecification admin(TestOrgs.TestOrg org) {
        return given().auth().oauth2(org.ownerJwt()).contentType(ContentType.JSON);
    }

    private static void awaitFinished(TestOrgs.TestOrg org, String run) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            JsonPath answer = admin(org).get(run).then().statusCode(200).extract().jsonPath();
            if (List.of("succeeded", "failed").contains(answer.getString("status"))) {
                assertEquals("succeeded", answer.getString("status"), answer.prettify());
                return;
            }
            sleep();
        }
        throw new AssertionError("the sync run did not finish in 60 s");
    }

    private static void sleep() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String scrape() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    /** Each series' current value (0 when not yet exported). */
    private static Map<String, Double> values(String... series) {
        String metrics = scrape();
        Map<String, Double> values = new HashMap<>();
        for (String name : series) {
            values.put(name, value(metrics, name).orElse(0.0));
        }
        return values;
    }

    private static Optional<Double> value(String metrics, String series) {
        Matcher line = Pattern.compile("^" + Pattern.quote(series) + " (\\S+)$", Pattern.MULTILINE).matcher(metrics);
        return line.find() ? Optional.of(Double.parseDouble(line.group(1))) : Optional.empty();
    }
}
