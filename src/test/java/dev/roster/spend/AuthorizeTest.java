package dev.roster.spend;

import dev.roster.access.OrgRole;
import dev.roster.support.TestOrgs;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.roster.spend.SpendApi.UNLIMITED;
import static dev.roster.spend.SpendApi.amount;
import static dev.roster.spend.SpendApi.as;
import static dev.roster.spend.SpendApi.authorize;
import static dev.roster.spend.SpendApi.base;
import static dev.roster.spend.SpendApi.event;
import static dev.roster.spend.SpendApi.events;
import static dev.roster.spend.SpendApi.putGroupLimit;
import static dev.roster.spend.SpendApi.putMemberLimit;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** POST /spend/authorize in every state, the org spend cap, and month boundaries (UTC). */
@QuarkusTest
class AuthorizeTest {

    /** All of this class runs "on 15 November 2026 at noon UTC" unless a test moves the clock. */
    private static final Instant MID_NOVEMBER = Instant.parse("2026-11-15T12:00:00Z");

    @Inject
    TestOrgs orgs;
    @Inject
    SpendFixtures fixtures;

    TestOrgs.TestOrg org;
    String owner;
    UUID member;

    @BeforeEach
    void setUp() {
        pinClock(MID_NOVEMBER);
        org = orgs.create();
        owner = org.ownerJwt();
        member = fixtures.member(org.id(), "dora");
    }

    @Test
    void noLimit() {
        spend(member, 5000);
        authorize(owner, org.id(), member, 1_000_000).then().statusCode(200)
                .body("allowed", equalTo(true)).body("$", not(hasKey("reason")))
                .body("limit", nullValue()).body("source", equalTo("none"))
                .body("spentCents", equalTo(5000)).body("remainingCents", nullValue())
                .body("month", equalTo("2026-11")).body("$", not(hasKey("orgCap")));
    }

    @Test
    void underExactlyAtAndOverAGroupLimit() {
        UUID group = fixtures.manualGroup(org.id(), "capped", List.of(member));
        putGroupLimit(owner, org.id(), group, amount(1000)).then().statusCode(200);
        spend(member, 400);
        // under
        authorize(owner, org.id(), member, 500).then().statusCode(200)
                .body("allowed", equalTo(true)).body("limit.type", equalTo("amount")).body("limit.amountCents", equalTo(1000))
                .body("source", equalTo("group")).body("groupIds", containsInAnyOrder(group.toString()))
                .body("spentCents", equalTo(400)).body("remainingCents", equalTo(600));
        // spent + cost exactly at the limit is allowed; one cent more is not
        authorize(owner, org.id(), member, 600).then().body("allowed", equalTo(true));
        authorize(owner, org.id(), member, 601).then().body("allowed", equalTo(false)).body("reason", equalTo("limit_reached"))
                .body("remainingCents", equalTo(600));
        // spent exactly at the limit
        spend(member, 600);
        authorize(owner, org.id(), member, 1).then().body("allowed", equalTo(false)).body("reason", equalTo("limit_reached"))
                .body("spentCents", equalTo(1000)).body("remainingCents", equalTo(0));
        authorize(owner, org.id(), member, 0).then().body("allowed", equalTo(true));
        // over (usage is reported after the fact, so spend can pass the limit): remaining stays at 0
        spend(member, 250);
        authorize(owner, org.id(), member, 0).then().body("allowed", equalTo(false)).body("reason", equalTo("limit_reached"))
                .body("spentCents", equalTo(1250)).body("remainingCents", equalTo(0));
        // an individual unlimited limit lifts it; an individual amount replaces it
        putMemberLimit(owner, org.id(), member, UNLIMITED).then().statusCode(200);
        authorize(owner, org.id(), member, 1_000_000_000_000L).then().body("allowed", equalTo(true))
                .body("limit.type", equalTo("unlimited")).body("source", equalTo("individual")).body("remainingCents", nullValue());
        putMemberLimit(owner, org.id(), member, amount(2000)).then().statusCode(200);
        authorize(owner, org.id(), member, 750).then().body("allowed", equalTo(true)).body("remainingCents", equalTo(750));
        authorize(owner, org.id(), member, 751).then().body("allowed", equalTo(false));
    }

    @Test
    void inactiveMembersAreDenied() {
        putMemberLimit(owner, org.id(), member, UNLIMITED).then().statusCode(200);
        fixtures.suspend(org.id(), member);
        authorize(owner, org.id(), member, 1).then().statusCode(200)
                .body("allowed", equalTo(false)).body("reason", equalTo("inactive"))
                .body("limit.type", equalTo("unlimited")).body("source", equalTo("individual"));
        authorize(owner, org.id(), member, 0).then().body("allowed", equalTo(false)).body("reason", equalTo("inactive"));
    }

    @Test
    void theOrgCapLimitsEveryoneTogether() {
        UUID other = fixtures.member(org.id(), "eve");
        SpendApi.patchSpendCap(owner, org.id(), amount(1000)).then().statusCode(200)
                .body("id", equalTo(org.id().toString())).body("spendCap.type", equalTo("amount"))
                .body("spendCap.amountCents", equalTo(1000));
        as(owner).get(base(org.id())).then().statusCode(200).body("spendCap.amountCents", equalTo(1000));
        as(owner).get(base(org.id()) + "/spend-cap").then().statusCode(200)
                .body("spendCap.amountCents", equalTo(1000)).body("month", equalTo("2026-11"))
                .body("spentCents", equalTo(0)).body("remainingCents", equalTo(1000));
        spend(other, 900);
        // no member limit: the cap's remainder decides
        authorize(owner, org.id(), member, 100).then().body("allowed", equalTo(true))
                .body("orgCap.limit.amountCents", equalTo(1000)).body("orgCap.spentCents", equalTo(900))
                .body("orgCap.remainingCents", equalTo(100)).body("remainingCents", nullValue());
        authorize(owner, org.id(), member, 101).then().body("allowed", equalTo(false)).body("reason", equalTo("org_cap_reached"));
        // a member limit with more room does not lift the cap; one with less room decides first
        putMemberLimit(owner, org.id(), member, amount(5000)).then().statusCode(200);
        authorize(owner, org.id(), member, 101).then().body("allowed", equalTo(false)).body("reason", equalTo("org_cap_reached"))
                .body("remainingCents", equalTo(5000));
        putMemberLimit(owner, org.id(), member, amount(50)).then().statusCode(200);
        authorize(owner, org.id(), member, 60).then().body("allowed", equalTo(false)).body("reason", equalTo("limit_reached"));
        authorize(owner, org.id(), member, 50).then().body("allowed", equalTo(true));
        // an unlimited cap and no cap do not limit
        SpendApi.patchSpendCap(owner, org.id(), UNLIMITED).then().statusCode(200).body("spendCap.type", equalTo("unlimited"));
        as(owner).get(base(org.id()) + "/spend-cap").then().statusCode(200)
                .body("spendCap.type", equalTo("unlimited")).body("spentCents", equalTo(900)).body("remainingCents", nullValue());
        authorize(owner, org.id(), other, 1_000_000).then().body("allowed", equalTo(true))
                .body("orgCap.limit.type", equalTo("unlimited")).body("orgCap.remainingCents", nullValue());
        SpendApi.patchSpendCap(owner, org.id(), "null").then().statusCode(200).body("spendCap", nullValue())
                .body("$", hasKey("spendCap"));
        authorize(owner, org.id(), other, 1_000_000).then().body("allowed", equalTo(true)).body("$", not(hasKey("orgCap")));
        assertEquals(3, fixtures.count("SELECT count(*) FROM audit_events WHERE org_id = :orgId AND action = 'org.spend_cap_changed'",
                Map.of("orgId", org.id())));
        assertEquals(1, fixtures.count("""
                SELECT count(*) FROM audit_events WHERE org_id = :orgId AND action = 'org.spend_cap_changed'
                AND before = '{"type":"unlimited"}'::jsonb AND after IS NULL AND target_type = 'org'""",
                        Map.of("orgId", org.id())));
    }

    @Test
    void monthBoundariesAreUtcCalendarMonths() {
        putMemberLimit(owner, org.id(), member, amount(107)).then().statusCode(200);
        events(owner, org.id(), String.join(",",
                event("last-second-of-october", member, 100, "2026-10-31T23:59:59Z"),
                event("first-second-of-november", member, 7, "2026-11-01T00:00:00Z"),
                // 00:30 in Paris on 1 November is still 31 October in UTC
                event("paris-half-past-midnight", member, 1000, "2026-11-01T00:30:00+01:00"),
                event("new-year", member, 5, "2027-01-01T00:00:00.000Z"))).then().statusCode(200).body("accepted", equalTo(4));

        // 15 November: only the November event counts
        authorize(owner, org.id(), member, 100).then().body("allowed", equalTo(true)).body("month", equalTo("2026-11"))
                .body("spentCents", equalTo(7)).body("remainingCents", equalTo(100));
        authorize(owner, org.id(), member, 101).then().body("allowed", equalTo(false));
        // the last millisecond of October: the October events count
        pinClock(Instant.parse("2026-10-31T23:59:59.999Z"));
        authorize(owner, org.id(), member, 0).then().body("month", equalTo("2026-10")).body("spentCents", equalTo(1100))
                .body("allowed", equalTo(false)).body("reason", equalTo("limit_reached"));
        SpendApi.getMemberLimit(owner, org.id(), member).then().body("month", equalTo("2026-10")).body("spentCents", equalTo(1100));
        // December starts from zero
        pinClock(Instant.parse("2026-12-01T00:00:00Z"));
        authorize(owner, org.id(), member, 107).then().body("allowed", equalTo(true)).body("spentCents", equalTo(0));
        // any month can be read with ?month=
        as(owner).get(base(org.id()) + "/members/" + member + "/spend-limit?month=2026-10").then().body("spentCents", equalTo(1100));
        as(owner).get(base(org.id()) + "/members/" + member + "/spend-limit?month=2026-11").then().body("spentCents", equalTo(7))
                .body("remainingCents", equalTo(100));
        as(owner).get(base(org.id()) + "/members/" + member + "/spend-limit?month=2027-01").then().body("spentCents", equalTo(5));
        as(owner).get(base(org.id()) + "/spend-cap?month=2026-10").then().body("spentCents", equalTo(1100));
        for (String bad : List.of("2026-13", "2026-1", "November", "2026-11-01")) {
            as(owner).get(base(org.id()) + "/members/" + member + "/spend-limit?month=" + bad).then().statusCode(400)
                    .body("code", equalTo("validation_failed")).body("field", equalTo("month"));
        }
    }

    @Test
    void badRequests() {
        String path = base(org.id()) + "/spend/authorize";
        String[][] cases = {
                {"{\"memberId\":\"" + member + "\",\"amountCents\":-1}", "amountCents"},
                {"{\"memberId\":\"" + member + "\",\"amountCents\":0.5}", "amountCents"},
                {"{\"memberId\":\"" + member + "\",\"amountCents\":\"5\"}", "amountCents"},
                {"{\"memberId\":\"" + member + "\"}", "amountCents"},
                {"{\"amountCents\":5}", "memberId"},
                {"{\"memberId\":42,\"amountCents\":5}", "memberId"},
                {"{\"memberId\":\"" + member + "\",\"amountCents\":5,\"model\":\"x\"}", "model"},
                {"[]", "body"},
        };
        for (String[] bad : cases) {
            as(owner).body(bad[0]).post(path).then().statusCode(400).body("code", equalTo("validation_failed")).body("field", equalTo(bad[1]));
        }
        as(owner).body("{").post(path).then().statusCode(400).body("code", equalTo("malformed_request"));
        authorize(owner, org.id(), UUID.randomUUID(), 1).then().statusCode(404).body("code", equalTo("not_found"));
        TestOrgs.TestOrg other = orgs.create();
        authorize(owner, org.id(), fixtures.member(other.id(), "foreign"), 1).then().statusCode(404);
    }

    @Test
    void whoMayAsk() {
        SpendFixtures.Caller self = fixtures.caller(org.id(), OrgRole.USER);
        authorize(self.jwt(), org.id(), self.memberId(), 1).then().statusCode(200).body("allowed", equalTo(true));
        authorize(self.jwt(), org.id(), member, 1).then().statusCode(403).body("code", equalTo("forbidden"));
        authorize(fixtures.caller(org.id(), OrgRole.ADMIN).jwt(), org.id(), member, 1).then().statusCode(403);
        authorize(fixtures.customRoleCaller(org.id(), "{\"billing\":\"view\"}").jwt(), org.id(), member, 1).then().statusCode(200);
        TestOrgs.TestOrg operators = orgs.create();
        authorize(orgs.platformAdminJwt(operators.id(), operators.ownerId()), org.id(), member, 1).then().statusCode(200);
        // operator power is a database row: removed, the same token is refused at its next request
        orgs.revokePlatformAdmin(operators.id(), operators.ownerId());
        authorize(operators.ownerJwt(), org.id(), member, 1).then().statusCode(403);
        io.restassured.RestAssured.given().contentType("application/json").body("{}").post(base(org.id()) + "/spend/authorize")
                .then().statusCode(401);
    }

    private void spend(UUID memberId, long cents) {
        events(owner, org.id(), event(UUID.randomUUID().toString(), memberId, cents, "2026-11-10T10:00:00Z"))
                .then().statusCode(200).body("accepted", equalTo(1));
    }

    private static void pinClock(Instant at) {
        QuarkusMock.installMockForType(new SpendClock(Clock.fixed(at, ZoneOffset.UTC)), SpendClock.class);
    }
}
