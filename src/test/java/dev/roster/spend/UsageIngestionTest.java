package dev.roster.spend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.roster.access.OrgRole;
import dev.roster.support.TestOrgs;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static dev.roster.spend.SpendApi.as;
import static dev.roster.spend.SpendApi.base;
import static dev.roster.spend.SpendApi.event;
import static dev.roster.spend.SpendApi.events;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** POST /usage/events: exact month-to-date spend, idempotency (also under concurrency), refusal of bad batches. */
@QuarkusTest
class UsageIngestionTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NOW = java.time.Instant.now().toString();

    @Inject
    TestOrgs orgs;
    @Inject
    SpendFixtures fixtures;

    TestOrgs.TestOrg org;
    String owner;
    UUID alice;

    @BeforeEach
    void setUp() {
        org = orgs.create();
        owner = org.ownerJwt();
        alice = fixtures.member(org.id(), "alice");
    }

    @Test
    void eventsAddUpAndReplaysCountOnce() {
        UUID bob = fixtures.member(org.id(), "bob");
        events(owner, org.id(), String.join(",", event("e1", alice, 100, NOW), event("e2", alice, 250, NOW), event("e3", bob, 7, NOW)))
                .then().statusCode(200).body("accepted", equalTo(3)).body("duplicates", equalTo(0));
        // the whole batch again, plus one new event and one repeated inside the batch
        events(owner, org.id(), String.join(",", event("e1", alice, 100, NOW), event("e2", alice, 250, NOW), event("e3", bob, 7, NOW),
                event("e4", alice, 1, NOW), event("e4", alice, 1, NOW)))
                .then().statusCode(200).body("accepted", equalTo(1)).body("duplicates", equalTo(4));
        // a replay with another amount is still the same event: the first one counts
        events(owner, org.id(), event("e1", alice, 99999, NOW)).then().statusCode(200).body("accepted", equalTo(0)).body("duplicates", equalTo(1));
        assertEquals(351, spent(alice));
        assertEquals(7, spent(bob));
        assertEquals(358, fixtures.count("SELECT sum(amount_cents) FROM usage_events WHERE org_id = :orgId",
                Map.of("orgId", org.id())));
        assertEquals(358, fixtures.count("SELECT spent_cents FROM org_monthly_spend WHERE org_id = :orgId",
                Map.of("orgId", org.id())));
        // an empty batch is a no-op
        events(owner, org.id(), "").then().statusCode(200).body("accepted", equalTo(0)).body("duplicates", equalTo(0));
    }

    @Test
    void eventIdsArePerOrg() {
        TestOrgs.TestOrg other = orgs.create();
        UUID stranger = fixtures.member(other.id(), "stranger");
        events(owner, org.id(), event("same-id", alice, 10, NOW)).then().statusCode(200).body("accepted", equalTo(1));
        events(other.ownerJwt(), other.id(), event("same-id", stranger, 20, NOW)).then().statusCode(200).body("accepted", equalTo(1));
        assertEquals(10, spent(alice));
    }

    @Test
    void twentyConcurrentReplaysOfOneEventCountOnce() throws Exception {
        String body = "{\"events\":[" + event("replayed", alice, 500, NOW) + "]}";
        List<Concurrently.Answer> answers = Concurrently.post(base(org.id()) + "/usage/events", owner, Collections.nCopies(20, body));
        int accepted = 0;
        int duplicates = 0;
        for (Concurrently.Answer answer : answers) {
            assertEquals(200, answer.status(), answer.body());
            JsonNode json = JSON.readTree(answer.body());
            accepted += json.get("accepted").asInt();
            duplicates += json.get("duplicates").asInt();
        }
        assertEquals(1, accepted);
        assertEquals(19, duplicates);
        assertEquals(500, spent(alice));
        assertEquals(500, fixtures.count("SELECT spent_cents FROM org_monthly_spend WHERE org_id = :orgId",
                Map.of("orgId", org.id())));
    }

    @Test
    void fiftyConcurrentDistinctEventsAddExactlyFiftyTimesTheAmount() throws Exception {
        UUID bob = fixtures.member(org.id(), "bob");
        List<String> bodies = IntStream.range(0, 50)
                .mapToObj(i -> "{\"events\":[" + event("distinct-" + i, i % 2 == 0 ? alice : bob, 123, NOW) + "]}").toList();
        List<Concurrently.Answer> answers = Concurrently.post(base(org.id()) + "/usage/events", owner, bodies);
        answers.forEach(answer -> assertEquals(200, answer.status(), answer.body()));
        assertEquals(25 * 123, spent(alice));
        assertEquals(25 * 123, spent(bob));
        assertEquals(50 * 123, fixtures.count("SELECT spent_cents FROM org_monthly_spend WHERE org_id = :orgId",
                Map.of("orgId", org.id())));
    }

    @Test
    void overlappingConcurrentBatchesInAnyOrderNeitherDeadlockNorDoubleCount() throws Exception {
        List<UUID> members = IntStream.range(0, 5).mapToObj(i -> fixtures.member(org.id(), "m" + i)).toList();
        List<String> all = IntStream.range(0, 40).mapToObj(i -> event("overlap-" + i, members.get(i % 5), 10, NOW)).toList();
        Random random = new Random(7);
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            List<String> shuffled = new ArrayList<>(all);
            Collections.shuffle(shuffled, random);
            bodies.add("{\"events\":[" + String.join(",", shuffled.subList(0, 25)) + "]}");
        }
        List<Concurrently.Answer> answers = Concurrently.post(base(org.id()) + "/usage/events", owner, bodies);
        answers.forEach(answer -> assertEquals(200, answer.status(), answer.body()));
        long inserted = fixtures.count("SELECT count(*) FROM usage_events WHERE org_id = :orgId", Map.of("orgId", org.id()));
        int accepted = answers.stream().mapToInt(a -> {
            try {
                return JSON.readTree(a.body()).get("accepted").asInt();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).sum();
        assertEquals(inserted, accepted);
        assertEquals(inserted * 10, fixtures.count("SELECT sum(spent_cents) FROM member_monthly_spend WHERE org_id = :orgId",
                Map.of("orgId", org.id())));
        assertEquals(inserted * 10, fixtures.count("SELECT spent_cents FROM org_monthly_spend WHERE org_id = :orgId",
                Map.of("orgId", org.id())));
    }

    @Test
    void aBadEventRefusesTheWholeBatch() {
        TestOrgs.TestOrg other = orgs.create();
        UUID foreign = fixtures.member(other.id(), "foreign");
        String good = event("good-1", alice, 100, NOW);
        String[][] cases = {
                {event("x", UUID.randomUUID(), 1, NOW), "events[1].memberId"},
                {event("x", foreign, 1, NOW), "events[1].memberId"},
                {event("x", alice, -1, NOW), "events[1].amountCents"},
                {"{\"eventId\":\"x\",\"memberId\":\"" + alice + "\",\"amountCents\":1.5,\"occurredAt\":\"" + NOW + "\"}", "events[1].amountCents"},
                {"{\"eventId\":\"x\",\"memberId\":\"" + alice + "\",\"amountCents\":\"1\",\"occurredAt\":\"" + NOW + "\"}", "events[1].amountCents"},
                {"{\"eventId\":\"x\",\"memberId\":\"" + alice + "\",\"occurredAt\":\"" + NOW + "\"}", "events[1].amountCents"},
                {"{\"memberId\":\"" + alice + "\",\"amountCents\":1,\"occurredAt\":\"" + NOW + "\"}", "events[1].eventId"},
                {"{\"eventId\":\"\",\"memberId\":\"" + alice + "\",\"amountCents\":1,\"occurredAt\":\"" + NOW + "\"}", "events[1].eventId"},
                {"{\"eventId\":5,\"memberId\":\"" + alice + "\",\"amountCents\":1,\"occurredAt\":\"" + NOW + "\"}", "events[1].eventId"},
                {"{\"eventId\":\"x\",\"amountCents\":1,\"occurredAt\":\"" + NOW + "\"}", "events[1].memberId"},
                {"{\"eventId\":\"x\",\"memberId\":\"bob\",\"amountCents\":1,\"occurredAt\":\"" + NOW + "\"}", "events[1].memberId"},
                {"{\"eventId\":\"x\",\"memberId\":\"" + alice + "\",\"amountCents\":1}", "events[1].occurredAt"},
                {event("x", alice, 1, "yesterday"), "events[1].occurredAt"},
                {event("x", alice, 1, "2026-11-31T00:00:00Z"), "events[1].occurredAt"},
                {event("x", alice, 1, "2026-11-30T12:00:00"), "events[1].occurredAt"},
                {event("x", alice, 1, "1900-01-01T00:00:00Z"), "events[1].occurredAt"},
                {"{\"eventId\":\"x\",\"memberId\":\"" + alice + "\",\"amountCents\":1,\"occurredAt\":1732000000}", "events[1].occurredAt"},
                {"{\"eventId\":\"x\",\"memberId\":\"" + alice + "\",\"amountCents\":1,\"occurredAt\":\"" + NOW + "\",\"cost\":3}", "events[1].cost"},
                {"7", "events[1]"},
        };
        for (String[] bad : cases) {
            events(owner, org.id(), good + "," + bad[0]).then().statusCode(400).contentType("application/problem+json")
                    .body("code", equalTo("validation_failed")).body("field", equalTo(bad[1]));
        }
        as(owner).body("{\"events\":{}}").post(base(org.id()) + "/usage/events").then().statusCode(400).body("field", equalTo("events"));
        as(owner).body("{}").post(base(org.id()) + "/usage/events").then().statusCode(400).body("field", equalTo("events"));
        as(owner).body("{\"events\":[],\"extra\":1}").post(base(org.id()) + "/usage/events").then().statusCode(400).body("field", equalTo("extra"));
        as(owner).body("{\"events\":[").post(base(org.id()) + "/usage/events").then().statusCode(400).body("code", equalTo("malformed_request"));
        String tooMany = IntStream.range(0, UsageEventsRequest.MAX_EVENTS + 1).mapToObj(i -> event("many-" + i, alice, 1, NOW))
                .collect(Collectors.joining(","));
        events(owner, org.id(), tooMany).then().statusCode(400).body("code", equalTo("validation_failed")).body("field", equalTo("events"));
        assertEquals(0, spent(alice));
        assertEquals(0, fixtures.count("SELECT count(*) FROM usage_events WHERE org_id = :orgId",
                Map.of("orgId", org.id())));
        // the maximum batch is fine
        String max = IntStream.range(0, UsageEventsRequest.MAX_EVENTS).mapToObj(i -> event("max-" + i, alice, 1, NOW))
                .collect(Collectors.joining(","));
        events(owner, org.id(), max).then().statusCode(200).body("accepted", equalTo(UsageEventsRequest.MAX_EVENTS));
        assertEquals(UsageEventsRequest.MAX_EVENTS, spent(alice));
    }

    @Test
    void suspendedMembersUsageIsStillRecordedAndRemovedMembersIsRefused() {
        fixtures.suspend(org.id(), alice);
        events(owner, org.id(), event("late", alice, 40, NOW)).then().statusCode(200).body("accepted", equalTo(1));
        assertEquals(40, spent(alice));
        fixtures.deleteMember(org.id(), alice);
        events(owner, org.id(), event("after-removal", alice, 40, NOW)).then().statusCode(400)
                .body("code", equalTo("validation_failed")).body("field", equalTo("events[0].memberId"));
        // the removed member's history stays in the ledger
        assertEquals(1, fixtures.count("SELECT count(*) FROM usage_events WHERE org_id = :orgId AND member_id = :memberId",
                Map.of("orgId", org.id(), "memberId", alice)));
    }

    @Test
    void whoMayPostUsage() {
        String body = event("rights", alice, 5, NOW);
        TestOrgs.TestOrg operatorOrg = orgs.create();
        String platformAdmin = orgs.platformAdminJwt(operatorOrg.id(), operatorOrg.ownerId());
        for (OrgRole role : List.of(OrgRole.ADMIN, OrgRole.USER, OrgRole.CUSTOM_ROLES)) {
            events(fixtures.caller(org.id(), role).jwt(), org.id(), body).then().statusCode(403).body("code", equalTo("forbidden"));
        }
        events(fixtures.customRoleCaller(org.id(), "{\"billing\":\"view\",\"analytics\":\"manage\"}").jwt(), org.id(), body).then().statusCode(403);
        io.restassured.RestAssured.given().contentType("application/json").body("{\"events\":[" + body + "]}")
                .post(base(org.id()) + "/usage/events").then().statusCode(401);
        assertEquals(0, spent(alice));
        // the product's service account (a platform-admin JWT), owners and billing managers may
        events(platformAdmin, org.id(), body).then().statusCode(200).body("accepted", equalTo(1));
        events(platformAdmin, UUID.randomUUID(), body).then().statusCode(404);
        // operator power is a database row: removed, the same token is refused at its next request
        orgs.revokePlatformAdmin(operatorOrg.id(), operatorOrg.ownerId());
        events(platformAdmin, org.id(), event("rights-after-revoke", alice, 5, NOW)).then().statusCode(403);
        events(fixtures.caller(org.id(), OrgRole.OWNER).jwt(), org.id(), event("rights-2", alice, 5, NOW)).then().statusCode(200)
                .body("accepted", equalTo(1));
        events(fixtures.customRoleCaller(org.id(), "{\"billing\":\"manage\"}").jwt(), org.id(), event("rights-3", alice, 5, NOW))
                .then().statusCode(200).body("accepted", equalTo(1));
        assertEquals(15, spent(alice));
    }

    private long spent(UUID member) {
        String month = NOW.substring(0, 7); // the events' month, even if the clock has moved on since
        return as(owner).get(base(org.id()) + "/members/" + member + "/spend-limit?month=" + month).then().statusCode(200)
                .extract().jsonPath().getLong("spentCents");
    }
}
