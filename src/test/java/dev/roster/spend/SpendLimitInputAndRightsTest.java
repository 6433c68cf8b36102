package dev.roster.spend;

import dev.roster.access.OrgRole;
import dev.roster.orgs.Plan;
import dev.roster.support.TestOrgs;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.roster.spend.SpendApi.UNLIMITED;
import static dev.roster.spend.SpendApi.amount;
import static dev.roster.spend.SpendApi.as;
import static dev.roster.spend.SpendApi.base;
import static dev.roster.spend.SpendApi.getMemberLimit;
import static dev.roster.spend.SpendApi.putGroupLimit;
import static dev.roster.spend.SpendApi.putMemberLimit;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Bad limits change nothing; who may read and write limits; group limits are enterprise-only. */
@QuarkusTest
class SpendLimitInputAndRightsTest {

    @Inject
    TestOrgs orgs;
    @Inject
    SpendFixtures fixtures;

    TestOrgs.TestOrg org;
    UUID member;
    UUID group;

    @BeforeEach
    void setUp() {
        org = orgs.create();
        member = fixtures.member(org.id(), "bob");
        group = fixtures.manualGroup(org.id(), "team", List.of(member));
        putMemberLimit(org.ownerJwt(), org.id(), member, amount(777)).then().statusCode(200);
        putGroupLimit(org.ownerJwt(), org.id(), group, amount(888)).then().statusCode(200);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"type\":\"amount\",\"amountCents\":-1}|amountCents",
            "{\"type\":\"amount\",\"amountCents\":5.5}|amountCents",
            "{\"type\":\"amount\",\"amountCents\":5.0}|amountCents",
            "{\"type\":\"amount\",\"amountCents\":1e3}|amountCents",
            "{\"type\":\"amount\",\"amountCents\":\"500\"}|amountCents",
            "{\"type\":\"amount\",\"amountCents\":\"lots\"}|amountCents",
            "{\"type\":\"amount\",\"amountCents\":true}|amountCents",
            "{\"type\":\"amount\",\"amountCents\":1000000000001}|amountCents",
            "{\"type\":\"amount\",\"amountCents\":99999999999999999999999}|amountCents",
            "{\"type\":\"amount\",\"amountCents\":-99999999999999999999999}|amountCents",
            "{\"type\":\"amount\"}|amountCents",
            "{\"type\":\"amount\",\"amountCents\":null}|amountCents",
            "{\"type\":\"unlimited\",\"amountCents\":5}|amountCents",
            "{\"type\":\"capped\",\"amountCents\":5}|type",
            "{\"type\":\"Unlimited\"}|type",
            "{\"type\":7}|type",
            "{\"amountCents\":5}|type",
            "{\"type\":\"amount\",\"amount_cents\":5}|amount_cents",
            "[]|body",
            "\"unlimited\"|body",
            "null|body",
    })
    void badLimitsAreRefusedNamingTheFieldAndChangeNothing(String body, String field) {
        as(org.ownerJwt()).body(body).put(base(org.id()) + "/members/" + member + "/spend-limit").then()
                .statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("validation_failed")).body("field", equalTo(field));
        as(org.ownerJwt()).body(body).put(base(org.id()) + "/groups/" + group + "/spend-limit").then()
                .statusCode(400).body("code", equalTo("validation_failed")).body("field", equalTo(field));
        if (!"null".equals(body)) { // {"spendCap": null} is valid: it removes the cap
            SpendApi.patchSpendCap(org.ownerJwt(), org.id(), body).then().statusCode(400).body("code", equalTo("validation_failed"))
                    .body("field", equalTo("body".equals(field) ? "spendCap" : "spendCap." + field));
        }
        unchanged();
    }

    @Test
    void aBadSpendCapInPatchOrgChangesNothingElseEither() {
        String before = as(org.ownerJwt()).get(base(org.id())).then().statusCode(200).extract().path("name");
        as(org.ownerJwt()).body("{\"name\":\"New name\",\"spendCap\":{\"type\":\"amount\",\"amountCents\":-5}}").patch(base(org.id()))
                .then().statusCode(400).body("field", equalTo("spendCap.amountCents"));
        as(org.ownerJwt()).get(base(org.id())).then().body("name", equalTo(before)).body("spendCap", equalTo(null));
        // and a good one with a rename does both
        as(org.ownerJwt()).body("{\"name\":\"New name\",\"spendCap\":{\"type\":\"unlimited\"}}").patch(base(org.id()))
                .then().statusCode(200).body("name", equalTo("New name")).body("spendCap.type", equalTo("unlimited"));
    }

    @Test
    void malformedJsonAndEmptyBodies() {
        as(org.ownerJwt()).body("{\"type\":").put(base(org.id()) + "/members/" + member + "/spend-limit").then()
                .statusCode(400).body("code", equalTo("malformed_request"));
        as(org.ownerJwt()).put(base(org.id()) + "/members/" + member + "/spend-limit").then()
                .statusCode(400).body("code", equalTo("validation_failed")).body("field", equalTo("body"));
        unchanged();
    }

    @Test
    void theLargestAmountIsAccepted() {
        putMemberLimit(org.ownerJwt(), org.id(), member, amount(1_000_000_000_000L)).then().statusCode(200)
                .body("individual.amountCents", equalTo(1_000_000_000_000L));
        putMemberLimit(org.ownerJwt(), org.id(), member, amount(0)).then().statusCode(200)
                .body("individual.amountCents", equalTo(0)).body("remainingCents", equalTo(0));
    }

    @Test
    void unknownAndForeignIdsAre404() {
        TestOrgs.TestOrg other = orgs.create();
        UUID stranger = fixtures.member(other.id(), "stranger");
        UUID foreignGroup = fixtures.manualGroup(other.id(), "theirs", List.of(stranger));
        for (String path : List.of("/members/" + stranger, "/members/" + UUID.randomUUID(), "/members/not-a-uuid",
                "/groups/" + foreignGroup, "/groups/" + UUID.randomUUID(), "/groups/nope")) {
            as(org.ownerJwt()).get(base(org.id()) + path + "/spend-limit").then().statusCode(404).body("code", equalTo("not_found"));
            as(org.ownerJwt()).body(UNLIMITED).put(base(org.id()) + path + "/spend-limit").then().statusCode(404);
            as(org.ownerJwt()).delete(base(org.id()) + path + "/spend-limit").then().statusCode(404);
        }
        // and another org's owner cannot reach this org at all
        getMemberLimit(other.ownerJwt(), org.id(), member).then().statusCode(403).body("code", equalTo("forbidden"));
        putMemberLimit(other.ownerJwt(), org.id(), member, UNLIMITED).then().statusCode(403);
        unchanged();
        assertEquals(0, fixtures.count("SELECT count(*) FROM member_spend_limits WHERE org_id = :orgId",
                Map.of("orgId", other.id())));
    }

    @Test
    void whoMayReadAndWrite() {
        String admin = fixtures.caller(org.id(), OrgRole.ADMIN).jwt();
        SpendFixtures.Caller user = fixtures.caller(org.id(), OrgRole.USER);
        String owner = fixtures.caller(org.id(), OrgRole.OWNER).jwt();
        SpendFixtures.Caller viewer = fixtures.customRoleCaller(org.id(), "{\"billing\":\"view\"}");
        SpendFixtures.Caller manager = fixtures.customRoleCaller(org.id(), "{\"billing\":\"manage\"}");
        SpendFixtures.Caller analyst = fixtures.customRoleCaller(org.id(), "{\"analytics\":\"manage\"}");
        SpendFixtures.Caller suspended = fixtures.caller(org.id(), OrgRole.OWNER);
        fixtures.suspend(org.id(), suspended.memberId());

        // writes: billing manage only
        for (String jwt : List.of(admin, user.jwt(), viewer.jwt(), analyst.jwt(), suspended.jwt())) {
            putMemberLimit(jwt, org.id(), member, UNLIMITED).then().statusCode(403).body("code", equalTo("forbidden"));
            SpendApi.deleteMemberLimit(jwt, org.id(), member).then().statusCode(403);
            putGroupLimit(jwt, org.id(), group, UNLIMITED).then().statusCode(403);
            SpendApi.deleteGroupLimit(jwt, org.id(), group).then().statusCode(403);
            SpendApi.patchSpendCap(jwt, org.id(), UNLIMITED).then().statusCode(403);
        }
        unchanged();
        // a user may not even write their own limit
        putMemberLimit(user.jwt(), org.id(), user.memberId(), UNLIMITED).then().statusCode(403);
        // no token at all
        given().contentType("application/json").body(UNLIMITED).put(base(org.id()) + "/members/" + member + "/spend-limit")
                .then().statusCode(401);

        // reads: billing view, or the member themself
        for (String jwt : List.of(admin, user.jwt(), analyst.jwt(), suspended.jwt())) {
            getMemberLimit(jwt, org.id(), member).then().statusCode(403);
            as(jwt).get(base(org.id()) + "/groups/" + group + "/spend-limit").then().statusCode(403);
        }
        getMemberLimit(user.jwt(), org.id(), user.memberId()).then().statusCode(200).body("memberId", equalTo(user.memberId().toString()));
        getMemberLimit(viewer.jwt(), org.id(), member).then().statusCode(200).body("individual.amountCents", equalTo(777));
        as(viewer.jwt()).get(base(org.id()) + "/groups/" + group + "/spend-limit").then().statusCode(200).body("limit.amountCents", equalTo(888));
        as(viewer.jwt()).get(base(org.id()) + "/spend-cap").then().statusCode(200);

        // owners and billing managers write
        putMemberLimit(owner, org.id(), member, amount(1)).then().statusCode(200);
        putMemberLimit(manager.jwt(), org.id(), member, amount(2)).then().statusCode(200).body("individual.amountCents", equalTo(2));
        putGroupLimit(manager.jwt(), org.id(), group, UNLIMITED).then().statusCode(200);
        // the org cap through PATCH org: billing managers may set it, but nothing else of the org
        SpendApi.patchSpendCap(manager.jwt(), org.id(), amount(123)).then().statusCode(200).body("spendCap.amountCents", equalTo(123));
        as(manager.jwt()).body("{\"spendCap\":null,\"name\":\"Renamed\"}").patch(base(org.id())).then().statusCode(403);
        as(viewer.jwt()).get(base(org.id()) + "/spend-cap").then().statusCode(200).body("spendCap.amountCents", equalTo(123));
        SpendApi.patchSpendCap(manager.jwt(), org.id(), "null").then().statusCode(200).body("spendCap", equalTo(null));
        assertEquals(2, fixtures.count("SELECT count(*) FROM audit_events WHERE org_id = :orgId AND action = 'org.spend_cap_changed' AND actor_id = :actorId",
                Map.of("orgId", org.id(), "actorId", manager.memberId().toString())));
        assertEquals(1, fixtures.count("SELECT count(*) FROM audit_events WHERE org_id = :orgId AND action = 'group.spend_limit_changed' AND actor_id = :actorId",
                Map.of("orgId", org.id(), "actorId", manager.memberId().toString())));
    }

    @Test
    void groupLimitsNeedTheEnterprisePlanIndividualLimitsDoNot() {
        TestOrgs.TestOrg team = orgs.create(Plan.TEAM);
        UUID teamMember = fixtures.member(team.id(), "carol");
        UUID anyGroup = UUID.randomUUID();
        putGroupLimit(team.ownerJwt(), team.id(), anyGroup, UNLIMITED).then().statusCode(403).body("code", equalTo("plan_required"));
        as(team.ownerJwt()).get(base(team.id()) + "/groups/" + anyGroup + "/spend-limit").then().statusCode(403)
                .body("code", equalTo("plan_required"));
        SpendApi.deleteGroupLimit(team.ownerJwt(), team.id(), anyGroup).then().statusCode(403).body("code", equalTo("plan_required"));
        as(team.ownerJwt()).get(base(team.id()) + "/usage/by-group").then().statusCode(403).body("code", equalTo("plan_required"));
        putMemberLimit(team.ownerJwt(), team.id(), teamMember, amount(50)).then().statusCode(200)
                .body("effective.source", equalTo("individual"));
    }

    private void unchanged() {
        getMemberLimit(org.ownerJwt(), org.id(), member).then().statusCode(200).body("individual.amountCents", equalTo(777));
        as(org.ownerJwt()).get(base(org.id()) + "/groups/" + group + "/spend-limit").then().statusCode(200)
                .body("limit.amountCents", equalTo(888));
        as(org.ownerJwt()).get(base(org.id()) + "/spend-cap").then().statusCode(200).body("spendCap", equalTo(null));
    }
}
