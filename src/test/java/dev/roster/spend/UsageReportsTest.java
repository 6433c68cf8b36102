package dev.roster.spend;

import dev.roster.access.OrgRole;
import dev.roster.support.TestOrgs;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static dev.roster.spend.SpendApi.UNLIMITED;
import static dev.roster.spend.SpendApi.amount;
import static dev.roster.spend.SpendApi.as;
import static dev.roster.spend.SpendApi.base;
import static dev.roster.spend.SpendApi.event;
import static dev.roster.spend.SpendApi.events;
import static dev.roster.spend.SpendApi.putGroupLimit;
import static dev.roster.spend.SpendApi.putMemberLimit;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/** GET /usage/by-group and /usage/by-member for a given month. */
@QuarkusTest
class UsageReportsTest {

    @Inject
    TestOrgs orgs;
    @Inject
    SpendFixtures fixtures;

    TestOrgs.TestOrg org;
    String owner;
    UUID ann;
    UUID ben;
    UUID cat;
    UUID engineering;
    UUID interns;
    UUID idle;

    @BeforeEach
    void setUp() {
        org = orgs.create();
        owner = org.ownerJwt();
        ann = fixtures.member(org.id(), "ann");
        ben = fixtures.member(org.id(), "ben");
        cat = fixtures.member(org.id(), "cat");
        engineering = fixtures.manualGroup(org.id(), "engineering", List.of(ann, ben, cat));
        interns = fixtures.scimGroup(org.id(), "interns", List.of(cat));
        idle = fixtures.manualGroup(org.id(), "idle", List.of());
        putGroupLimit(owner, org.id(), engineering, amount(1000)).then().statusCode(200);
        putGroupLimit(owner, org.id(), interns, amount(100)).then().statusCode(200);
        putMemberLimit(owner, org.id(), ben, UNLIMITED).then().statusCode(200);
        events(owner, org.id(), String.join(",",
                event("a1", ann, 1000, "2026-09-30T23:59:59Z"),   // September: ann exactly at 1000
                event("b1", ben, 5000, "2026-09-15T00:00:00Z"),   // September: ben unlimited
                event("c1", cat, 150, "2026-09-01T00:00:00Z"),    // September: cat over interns' 100
                event("a2", ann, 10, "2026-10-01T00:00:00Z"),     // October: ann under
                event("c2", cat, 99, "2026-10-31T23:59:59Z")))    // October: cat under
                .then().statusCode(200).body("accepted", equalTo(5));
    }

    @Test
    void byGroupPerMonth() {
        JsonPath september = as(owner).get(base(org.id()) + "/usage/by-group?month=2026-09").then().statusCode(200)
                .body("month", equalTo("2026-09")).extract().jsonPath();
        Map<String, Object> eng = group(september, engineering);
        assertEquals("amount", ((Map<?, ?>) eng.get("limit")).get("type"));
        assertEquals(1000, ((Map<?, ?>) eng.get("limit")).get("amountCents"));
        assertEquals(3, eng.get("memberCount"));
        assertEquals(6150, eng.get("spentCents"));
        assertEquals(2, eng.get("membersAtOrOverLimit")); // ann at 1000/1000, cat at 150/100 (interns), not ben (unlimited)
        Map<String, Object> scim = group(september, interns);
        assertEquals("scim", scim.get("source"));
        assertEquals(1, scim.get("memberCount"));
        assertEquals(150, scim.get("spentCents"));
        assertEquals(1, scim.get("membersAtOrOverLimit"));
        Map<String, Object> empty = group(september, idle);
        assertNull(empty.get("limit"));
        assertEquals(0, empty.get("memberCount"));
        assertEquals(0, empty.get("spentCents"));

        JsonPath october = as(owner).get(base(org.id()) + "/usage/by-group?month=2026-10").then().statusCode(200).extract().jsonPath();
        assertEquals(109, group(october, engineering).get("spentCents"));
        assertEquals(0, group(october, engineering).get("membersAtOrOverLimit"));
        assertEquals(99, group(october, interns).get("spentCents"));
        JsonPath november = as(owner).get(base(org.id()) + "/usage/by-group?month=2026-11").then().statusCode(200).extract().jsonPath();
        assertEquals(0, group(november, engineering).get("spentCents"));
        assertEquals(3, group(november, engineering).get("memberCount"));
    }

    @Test
    void byMemberPerMonthPaged() {
        List<Map<String, Object>> rows = new ArrayList<>();
        String cursor = null;
        Set<String> cursors = new HashSet<>();
        do {
            JsonPath page = as(owner).get(base(org.id()) + "/usage/by-member?month=2026-09&limit=2" + (cursor == null ? "" : "&cursor=" + cursor))
                    .then().statusCode(200).body("month", equalTo("2026-09")).extract().jsonPath();
            List<Map<String, Object>> items = page.getList("items");
            rows.addAll(items);
            cursor = page.getString("nextCursor");
            if (cursor != null) {
                assertEquals(2, items.size());
                cursors.add(cursor);
            }
        } while (cursor != null);
        assertEquals(4, rows.size()); // the owner, ann, ben, cat
        assertEquals(4, rows.stream().map(r -> r.get("memberId")).distinct().count());
        Map<String, Object> annRow = member(rows, ann);
        assertEquals(1000, annRow.get("spentCents"));
        assertEquals("group", effective(annRow).get("source"));
        assertEquals(List.of(engineering.toString()), effective(annRow).get("groupIds"));
        assertEquals(0, annRow.get("remainingCents"));
        assertEquals(true, annRow.get("atOrOverLimit"));
        Map<String, Object> benRow = member(rows, ben);
        assertEquals(5000, benRow.get("spentCents"));
        assertEquals("individual", effective(benRow).get("source"));
        assertEquals("unlimited", ((Map<?, ?>) effective(benRow).get("limit")).get("type"));
        assertNull(benRow.get("remainingCents"));
        assertEquals(false, benRow.get("atOrOverLimit"));
        Map<String, Object> catRow = member(rows, cat);
        assertEquals(100, ((Map<?, ?>) effective(catRow).get("limit")).get("amountCents"));
        assertEquals(List.of(interns.toString()), effective(catRow).get("groupIds"));
        Map<String, Object> ownerRow = member(rows, org.ownerId());
        assertEquals(0, ownerRow.get("spentCents"));
        assertEquals("none", effective(ownerRow).get("source"));

        JsonPath october = as(owner).get(base(org.id()) + "/usage/by-member?month=2026-10").then().statusCode(200)
                .body("nextCursor", nullValue()).extract().jsonPath();
        List<Map<String, Object>> octoberRows = october.getList("items");
        assertEquals(10, member(octoberRows, ann).get("spentCents"));
        assertEquals(990, member(octoberRows, ann).get("remainingCents"));
        assertEquals(99, member(octoberRows, cat).get("spentCents"));
        assertEquals(0, member(octoberRows, ben).get("spentCents"));
    }

    @Test
    void badParameters() {
        for (String query : List.of("month=2026-00", "month=abc", "limit=0", "limit=501", "limit=x", "cursor=%%%", "cursor=bm9wZQ")) {
            as(owner).get(base(org.id()) + "/usage/by-member?" + query).then().statusCode(400).body("code", equalTo("validation_failed"));
        }
        as(owner).get(base(org.id()) + "/usage/by-group?month=26-10").then().statusCode(400).body("field", equalTo("month"));
        // the default month is the current one
        as(owner).get(base(org.id()) + "/usage/by-group").then().statusCode(200)
                .body("month", equalTo(java.time.YearMonth.now(java.time.ZoneOffset.UTC).toString()));
    }

    @Test
    void whoMayReadReports() {
        // analytics view (admins have it built in) or billing view
        for (String jwt : List.of(fixtures.caller(org.id(), OrgRole.ADMIN).jwt(), fixtures.caller(org.id(), OrgRole.OWNER).jwt(),
                fixtures.customRoleCaller(org.id(), "{\"analytics\":\"view\"}").jwt(),
                fixtures.customRoleCaller(org.id(), "{\"billing\":\"view\"}").jwt())) {
            as(jwt).get(base(org.id()) + "/usage/by-group").then().statusCode(200);
            as(jwt).get(base(org.id()) + "/usage/by-member").then().statusCode(200);
        }
        for (String jwt : List.of(fixtures.caller(org.id(), OrgRole.USER).jwt(),
                fixtures.customRoleCaller(org.id(), "{\"identity_access\":\"manage\"}").jwt(), orgs.create().ownerJwt())) {
            as(jwt).get(base(org.id()) + "/usage/by-group").then().statusCode(403).body("code", equalTo("forbidden"));
            as(jwt).get(base(org.id()) + "/usage/by-member").then().statusCode(403);
        }
    }

    private static Map<String, Object> group(JsonPath report, UUID groupId) {
        List<Map<String, Object>> items = report.getList("items");
        Map<String, Object> found = items.stream().filter(i -> groupId.toString().equals(i.get("groupId"))).findFirst().orElse(null);
        assertNotNull(found, "group " + groupId + " in " + items);
        return found;
    }

    private static Map<String, Object> member(List<Map<String, Object>> rows, UUID memberId) {
        return rows.stream().filter(r -> memberId.toString().equals(r.get("memberId"))).findFirst().orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> effective(Map<String, Object> row) {
        return (Map<String, Object>) row.get("effective");
    }
}
