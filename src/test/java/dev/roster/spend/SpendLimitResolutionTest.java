package dev.roster.spend;

import dev.roster.access.explain.AccessSection;
import dev.roster.common.Limit;
import dev.roster.support.TestOrgs;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.roster.spend.SpendApi.UNLIMITED;
import static dev.roster.spend.SpendApi.amount;
import static dev.roster.spend.SpendApi.deleteGroupLimit;
import static dev.roster.spend.SpendApi.deleteMemberLimit;
import static dev.roster.spend.SpendApi.getMemberLimit;
import static dev.roster.spend.SpendApi.putGroupLimit;
import static dev.roster.spend.SpendApi.putMemberLimit;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The whole resolution table of SPEC §4, through {@code GET /members/{id}/spend-limit}. */
@QuarkusTest
class SpendLimitResolutionTest {

    @Inject
    TestOrgs orgs;
    @Inject
    SpendFixtures fixtures;
    @Inject
    @Any
    Instance<AccessSection> sections;

    TestOrgs.TestOrg org;
    String owner;
    UUID member;

    @BeforeEach
    void setUp() {
        org = orgs.create();
        owner = org.ownerJwt();
        member = fixtures.member(org.id(), "alice");
    }

    @Test
    void noLimitAnywhere() {
        fixtures.manualGroup(org.id(), "no limit", List.of(member));
        getMemberLimit(owner, org.id(), member).then().statusCode(200)
                .body("memberId", equalTo(member.toString()))
                .body("individual", nullValue())
                .body("effective.limit", nullValue())
                .body("effective.source", equalTo("none"))
                .body("effective.groupIds", empty())
                .body("spentCents", equalTo(0))
                .body("remainingCents", nullValue())
                .body("month", equalTo(java.time.YearMonth.now(java.time.ZoneOffset.UTC).toString()));
    }

    @Test
    void oneGroup() {
        UUID group = fixtures.manualGroup(org.id(), "engineering", List.of(member));
        putGroupLimit(owner, org.id(), group, amount(5000)).then().statusCode(200)
                .body("groupId", equalTo(group.toString())).body("limit.type", equalTo("amount")).body("limit.amountCents", equalTo(5000));
        getMemberLimit(owner, org.id(), member).then().statusCode(200)
                .body("individual", nullValue())
                .body("effective.limit.type", equalTo("amount"))
                .body("effective.limit.amountCents", equalTo(5000))
                .body("effective.source", equalTo("group"))
                .body("effective.groupIds", containsInAnyOrder(group.toString()))
                .body("remainingCents", equalTo(5000));
    }

    @Test
    void twoGroupsTheLowestAmountWinsAndTiesAreAllNamed() {
        UUID broad = fixtures.manualGroup(org.id(), "everyone", List.of(member));
        UUID team = fixtures.manualGroup(org.id(), "interns", List.of(member));
        putGroupLimit(owner, org.id(), broad, amount(10000)).then().statusCode(200);
        putGroupLimit(owner, org.id(), team, amount(2500)).then().statusCode(200);
        getMemberLimit(owner, org.id(), member).then()
                .body("effective.limit.amountCents", equalTo(2500))
                .body("effective.source", equalTo("group"))
                .body("effective.groupIds", containsInAnyOrder(team.toString()));
        // a tie at the lowest amount names both groups
        putGroupLimit(owner, org.id(), broad, amount(2500)).then().statusCode(200);
        getMemberLimit(owner, org.id(), member).then()
                .body("effective.limit.amountCents", equalTo(2500))
                .body("effective.groupIds", containsInAnyOrder(team.toString(), broad.toString()));
        // a group without a limit changes nothing
        fixtures.manualGroup(org.id(), "no limit", List.of(member));
        getMemberLimit(owner, org.id(), member).then().body("effective.limit.amountCents", equalTo(2500));
    }

    @Test
    void unlimitedPlusAmountGivesTheAmount() {
        UUID open = fixtures.manualGroup(org.id(), "leads", List.of(member));
        UUID capped = fixtures.manualGroup(org.id(), "contractors", List.of(member));
        putGroupLimit(owner, org.id(), open, UNLIMITED).then().statusCode(200).body("limit.type", equalTo("unlimited"))
                .body("limit.amountCents", nullValue());
        putGroupLimit(owner, org.id(), capped, amount(700)).then().statusCode(200);
        getMemberLimit(owner, org.id(), member).then()
                .body("effective.limit.type", equalTo("amount"))
                .body("effective.limit.amountCents", equalTo(700))
                .body("effective.groupIds", containsInAnyOrder(capped.toString()));
    }

    @Test
    void onlyUnlimitedGroupsGiveUnlimitedNamingThemAll() {
        UUID a = fixtures.manualGroup(org.id(), "research", List.of(member));
        UUID b = fixtures.scimGroup(org.id(), "okta research", List.of(member));
        putGroupLimit(owner, org.id(), a, UNLIMITED).then().statusCode(200);
        putGroupLimit(owner, org.id(), b, UNLIMITED).then().statusCode(200); // SCIM groups take limits too
        getMemberLimit(owner, org.id(), member).then()
                .body("effective.limit.type", equalTo("unlimited"))
                .body("effective.source", equalTo("group"))
                .body("effective.groupIds", containsInAnyOrder(a.toString(), b.toString()))
                .body("remainingCents", nullValue());
    }

    @Test
    void individualAmountBeatsGroups() {
        UUID group = fixtures.manualGroup(org.id(), "sales", List.of(member));
        putGroupLimit(owner, org.id(), group, amount(100)).then().statusCode(200);
        putMemberLimit(owner, org.id(), member, amount(90000)).then().statusCode(200)
                .body("individual.type", equalTo("amount"))
                .body("individual.amountCents", equalTo(90000))
                .body("effective.limit.amountCents", equalTo(90000))
                .body("effective.source", equalTo("individual"))
                .body("effective.groupIds", empty());
    }

    @Test
    void individualUnlimitedBeatsGroups() {
        UUID group = fixtures.manualGroup(org.id(), "sales", List.of(member));
        putGroupLimit(owner, org.id(), group, amount(100)).then().statusCode(200);
        putMemberLimit(owner, org.id(), member, UNLIMITED).then().statusCode(200)
                .body("individual.type", equalTo("unlimited"))
                .body("effective.limit.type", equalTo("unlimited"))
                .body("effective.source", equalTo("individual"))
                .body("remainingCents", nullValue());
    }

    @Test
    void clearingEachFallsBackToTheNextRule() {
        UUID broad = fixtures.manualGroup(org.id(), "everyone", List.of(member));
        UUID team = fixtures.manualGroup(org.id(), "interns", List.of(member));
        putGroupLimit(owner, org.id(), broad, UNLIMITED).then().statusCode(200);
        putGroupLimit(owner, org.id(), team, amount(300)).then().statusCode(200);
        putMemberLimit(owner, org.id(), member, amount(5)).then().statusCode(200);

        // clear the individual limit: the lowest group amount applies
        deleteMemberLimit(owner, org.id(), member).then().statusCode(200)
                .body("individual", nullValue())
                .body("effective.limit.amountCents", equalTo(300))
                .body("effective.groupIds", containsInAnyOrder(team.toString()));
        // clear the amount group: only the unlimited group remains
        deleteGroupLimit(owner, org.id(), team).then().statusCode(200)
                .body("groupId", equalTo(team.toString())).body("limit", nullValue());
        getMemberLimit(owner, org.id(), member).then()
                .body("effective.limit.type", equalTo("unlimited"))
                .body("effective.groupIds", containsInAnyOrder(broad.toString()));
        // clear the last group limit: no limit
        deleteGroupLimit(owner, org.id(), broad).then().statusCode(200);
        getMemberLimit(owner, org.id(), member).then()
                .body("effective.limit", nullValue()).body("effective.source", equalTo("none"));
        // clearing what is not set is a no-op
        deleteMemberLimit(owner, org.id(), member).then().statusCode(200).body("individual", nullValue());
        // GET of a group limit shows it; deleting the group drops its limit
        putGroupLimit(owner, org.id(), team, amount(42)).then().statusCode(200);
        SpendApi.as(owner).get(SpendApi.base(org.id()) + "/groups/" + team + "/spend-limit").then().statusCode(200)
                .body("limit.amountCents", equalTo(42));
        fixtures.deleteGroup(org.id(), team);
        getMemberLimit(owner, org.id(), member).then().body("effective.source", equalTo("none"));
        assertEquals(0, fixtures.count("SELECT count(*) FROM group_spend_limits WHERE org_id = :orgId",
                Map.of("orgId", org.id())));
    }

    @Test
    void leavingAGroupDropsItsLimitAndSuspendedMembersKeepTheirs() {
        UUID group = fixtures.manualGroup(org.id(), "temp", List.of(member));
        putGroupLimit(owner, org.id(), group, amount(10)).then().statusCode(200);
        fixtures.suspend(org.id(), member);
        getMemberLimit(owner, org.id(), member).then().statusCode(200).body("effective.limit.amountCents", equalTo(10));
    }

    @Test
    void everyChangeIsAudited() {
        UUID group = fixtures.manualGroup(org.id(), "audited", List.of(member));
        putMemberLimit(owner, org.id(), member, amount(100)).then().statusCode(200);
        putMemberLimit(owner, org.id(), member, UNLIMITED).then().statusCode(200);
        putMemberLimit(owner, org.id(), member, UNLIMITED).then().statusCode(200); // no change, no entry
        deleteMemberLimit(owner, org.id(), member).then().statusCode(200);
        putGroupLimit(owner, org.id(), group, amount(7)).then().statusCode(200);
        deleteGroupLimit(owner, org.id(), group).then().statusCode(200);
        assertEquals(3, fixtures.count("SELECT count(*) FROM audit_events WHERE org_id = :orgId AND action = 'member.spend_limit_changed' AND target_id = :targetId",
                Map.of("orgId", org.id(), "targetId", member.toString())));
        assertEquals(1, fixtures.count("""
                SELECT count(*) FROM audit_events WHERE org_id = :orgId AND action = 'member.spend_limit_changed'
                AND before = '{"type":"amount","amountCents":100}'::jsonb AND after = '{"type":"unlimited"}'::jsonb
                AND actor_type = 'member' AND actor_id = :actorId""",
                        Map.of("orgId", org.id(), "actorId", org.ownerId().toString())));
        assertEquals(1, fixtures.count("""
                SELECT count(*) FROM audit_events WHERE org_id = :orgId AND action = 'member.spend_limit_changed'
                AND before = '{"type":"unlimited"}'::jsonb AND after IS NULL""", Map.of("orgId", org.id())));
        assertEquals(2, fixtures.count("SELECT count(*) FROM audit_events WHERE org_id = :orgId AND action = 'group.spend_limit_changed' AND target_id = :targetId",
                Map.of("orgId", org.id(), "targetId", group.toString())));
    }

    @Test
    void theGroupDocumentShowsItsOwnLimit() {
        UUID capped = fixtures.manualGroup(org.id(), "capped", List.of(member));
        UUID open = fixtures.scimGroup(org.id(), "open", List.of(member));
        UUID none = fixtures.manualGroup(org.id(), "none", List.of());
        putGroupLimit(owner, org.id(), capped, amount(5000)).then().statusCode(200);
        putGroupLimit(owner, org.id(), open, UNLIMITED).then().statusCode(200);
        String groups = SpendApi.base(org.id()) + "/groups";
        SpendApi.as(owner).get(groups + "/" + capped).then().statusCode(200)
                .body("spendLimit.type", equalTo("amount")).body("spendLimit.amountCents", equalTo(5000));
        SpendApi.as(owner).get(groups + "/" + none).then().statusCode(200).body("spendLimit", nullValue());
        SpendApi.as(owner).get(groups + "?limit=500").then().statusCode(200)
                .body("items.find { it.id == '" + capped + "' }.spendLimit.amountCents", equalTo(5000))
                .body("items.find { it.id == '" + open + "' }.spendLimit.type", equalTo("unlimited"))
                .body("items.find { it.id == '" + none + "' }.spendLimit", nullValue());
    }

    @Test
    void theAccessSectionShowsTheSameView() {
        UUID group = fixtures.manualGroup(org.id(), "access", List.of(member));
        putGroupLimit(owner, org.id(), group, amount(1234)).then().statusCode(200);
        SpendApi.as(owner).get(SpendApi.base(org.id()) + "/members/" + member + "/access").then().statusCode(200)
                .body("spendLimit.memberId", equalTo(member.toString()))
                .body("spendLimit.individual", nullValue())
                .body("spendLimit.effective.limit.amountCents", equalTo(1234))
                .body("spendLimit.effective.source", equalTo("group"))
                .body("spendLimit.effective.groupIds", containsInAnyOrder(group.toString()))
                .body("spendLimit.remainingCents", equalTo(1234));
        AccessSection section = sections.stream().filter(s -> s.name().equals("spendLimit")).findFirst().orElseThrow();
        SpendLimitView view = (SpendLimitView) section.describe(org.id(), member);
        assertNull(view.individual());
        assertEquals(Limit.amount(1234), view.effective().limit());
        assertEquals(LimitSource.GROUP, view.effective().source());
        assertEquals(List.of(group), view.effective().groupIds());
        assertEquals(1234L, view.remainingCents());
    }
}
