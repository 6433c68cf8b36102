package dev.roster.groups;

import dev.roster.common.Actor;
import dev.roster.access.OrgRole;
import dev.roster.orgs.Plan;
import dev.roster.support.AdminFixtures;
import dev.roster.support.TestOrgs;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The groups admin API over real HTTP: shapes, every rule of SPEC §2, rights, bad input, the cap under concurrency. */
@QuarkusTest
class GroupsAdminResourceTest {

    @Inject
    TestOrgs orgs;
    @Inject
    AdminFixtures fixtures;
    @Inject
    GroupService groupService;

    private static RequestSpecification as(String jwt) {
        return given().auth().oauth2(jwt).contentType(ContentType.JSON);
    }

    private static String groups(UUID orgId) {
        return "/api/v1/orgs/" + orgId + "/groups";
    }

    private long groupCount(UUID orgId) {
        return fixtures.count("SELECT count(*) FROM groups WHERE org_id = ?", orgId);
    }

    @Test
    void createsAGroupWithRolesAndMembersAndShowsIt() {
        TestOrgs.TestOrg org = orgs.create();
        UUID alice = orgs.addMember(org.id(), "alice@example.com", OrgRole.CUSTOM_ROLES);
        UUID bob = orgs.addMember(org.id(), "bob@example.com", OrgRole.USER);
        UUID role = fixtures.customRole(org.id(), "Engineers", "{}");

        Response created = as(org.ownerJwt())
                .body(Map.of("name", " Engineering ", "customRoleIds", List.of(role), "memberIds", List.of(alice, bob)))
                .post(groups(org.id()));
        created.then().statusCode(201)
                .header("Location", startsWith("http"))
                .body("name", equalTo("Engineering"))
                .body("source", equalTo("manual"))
                .body("externalId", nullValue())
                .body("memberCount", equalTo(2))
                .body("customRoleIds", contains(role.toString()))
                .body("createdAt", notNullValue())
                .body("updatedAt", notNullValue());
        String id = created.path("id");

        as(org.ownerJwt()).get(groups(org.id()) + "/" + id).then().statusCode(200)
                .body("id", equalTo(id)).body("memberCount", equalTo(2)).body("customRoleIds", contains(role.toString()))
                .body("createdAt", equalTo(created.path("createdAt")));
        as(org.ownerJwt()).get(groups(org.id())).then().statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].memberCount", equalTo(2))
                .body("items[0].customRoleIds", contains(role.toString()))
                .body("nextCursor", nullValue());
        as(org.ownerJwt()).get(groups(org.id()) + "/" + id + "/members").then().statusCode(200)
                .body("items.userName", containsInAnyOrder("alice@example.com", "bob@example.com"))
                .body("nextCursor", nullValue());
        assertEquals(1, fixtures.count("SELECT count(*) FROM audit_events WHERE org_id = ? AND action = 'group.created' AND target_id = ?",
                org.id(), id));
    }

    @Test
    void listsGroupsByNamePageByPageWithoutTouchingMembers() {
        TestOrgs.TestOrg org = orgs.create();
        for (String name : List.of("delta", "Alpha", "charlie", "Bravo", "echo")) {
            as(org.ownerJwt()).body(Map.of("name", name)).post(groups(org.id())).then().statusCode(201);
        }
        // a big group: member_count is the maintained column, the list reads only that
        UUID big = UUID.fromString(as(org.ownerJwt()).get(groups(org.id())).path("items.find { it.name == 'echo' }.id"));
        List<UUID> many = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            many.add(orgs.addMember(org.id(), "m" + i + "-" + UUID.randomUUID() + "@example.com", OrgRole.USER));
        }
        as(org.ownerJwt()).body(Map.of("memberIds", many)).post(groups(org.id()) + "/" + big + "/members")
                .then().statusCode(200).body("memberCount", equalTo(30));

        Response first = as(org.ownerJwt()).queryParam("limit", 2).get(groups(org.id()));
        first.then().statusCode(200).body("items.name", contains("Alpha", "Bravo")).body("nextCursor", notNullValue());
        Response second = as(org.ownerJwt()).queryParam("limit", 2).queryParam("cursor", first.<String>path("nextCursor"))
                .get(groups(org.id()));
        second.then().statusCode(200).body("items.name", contains("charlie", "delta")).body("nextCursor", notNullValue());
        as(org.ownerJwt()).queryParam("limit", 2).queryParam("cursor", second.<String>path("nextCursor")).get(groups(org.id()))
                .then().statusCode(200).body("items.name", contains("echo")).body("items[0].memberCount", equalTo(30))
                .body("nextCursor", nullValue());

        // members of a group, paged by id
        Response members = as(org.ownerJwt()).queryParam("limit", 20).get(groups(org.id()) + "/" + big + "/members");
        members.then().statusCode(200).body("items", hasSize(20)).body("nextCursor", notNullValue());
        as(org.ownerJwt()).queryParam("limit", 20).queryParam("cursor", members.<String>path("nextCursor"))
                .get(groups(org.id()) + "/" + big + "/members")
                .then().statusCode(200).body("items", hasSize(10)).body("nextCursor", nullValue());

        for (String limit : List.of("0", "501", "abc", "-1")) {
            as(org.ownerJwt()).queryParam("limit", limit).get(groups(org.id())).then().statusCode(400)
                    .body("code", equalTo("validation_failed")).body("field", equalTo("limit"));
        }
        as(org.ownerJwt()).queryParam("cursor", "%%%not-base64").get(groups(org.id())).then().statusCode(400)
                .body("code", equalTo("validation_failed")).body("field", equalTo("cursor"));
        as(org.ownerJwt()).queryParam("cursor", "bm90LWEtdXVpZA").get(groups(org.id()) + "/" + big + "/members")
                .then().statusCode(400).body("field", equalTo("cursor"));
    }

    @Test
    void namesAreUniqueCaseInsensitively() {
        TestOrgs.TestOrg org = orgs.create();
        as(org.ownerJwt()).body(Map.of("name", "Sales")).post(groups(org.id())).then().statusCode(201);
        as(org.ownerJwt()).body(Map.of("name", "SALES")).post(groups(org.id())).then().statusCode(409)
                .contentType(startsWith("application/problem+json"))
                .body("code", equalTo("name_taken")).body("field", equalTo("name"));
        fixtures.scimGroup(org.id(), "Okta Sales", List.of());
        as(org.ownerJwt()).body(Map.of("name", "okta sales")).post(groups(org.id())).then().statusCode(409)
                .body("code", equalTo("name_taken"));
        String other = as(org.ownerJwt()).body(Map.of("name", "Marketing")).post(groups(org.id())).path("id");
        as(org.ownerJwt()).body(Map.of("name", "sales")).patch(groups(org.id()) + "/" + other).then().statusCode(409)
                .body("code", equalTo("name_taken"));
        // renaming a group to a different case of its own name is fine
        as(org.ownerJwt()).body(Map.of("name", "MARKETING")).patch(groups(org.id()) + "/" + other).then().statusCode(200)
                .body("name", equalTo("MARKETING"));
        assertEquals(3, groupCount(org.id()));
    }

    @Test
    void badBodiesAreRefusedNamingTheFieldAndChangeNothing() {
        TestOrgs.TestOrg org = orgs.create();
        TestOrgs.TestOrg otherOrg = orgs.create();
        UUID foreignMember = orgs.addMember(otherOrg.id(), "x@example.com", OrgRole.USER);
        UUID foreignRole = fixtures.customRole(otherOrg.id(), "Foreign", "{}");
        UUID member = orgs.addMember(org.id(), "y@example.com", OrgRole.USER);

        record Case(Object body, String field) {
        }
        List<Case> cases = List.of(
                new Case(Map.of(), "name"),
                new Case(Map.of("name", "  "), "name"),
                new Case(Map.of("name", 12), "name"),
                new Case(Map.of("name", "x".repeat(256)), "name"),
                new Case(Map.of("name", "ok", "memberIds", "not-a-list"), "memberIds"),
                new Case(Map.of("name", "ok", "memberIds", List.of("nope")), "memberIds[0]"),
                new Case(Map.of("name", "ok", "memberIds", List.of(member, foreignMember)), "memberIds"),
                new Case(Map.of("name", "ok", "memberIds", List.of(UUID.randomUUID())), "memberIds"),
                new Case(Map.of("name", "ok", "customRoleIds", List.of(foreignRole)), "customRoleIds"),
                new Case(Map.of("name", "ok", "customRoleIds", List.of(UUID.randomUUID())), "customRoleIds"),
                new Case(Map.of("name", "ok", "displayName", "typo"), "displayName"),
                new Case(List.of("an array"), "body"));
        for (Case c : cases) {
            as(org.ownerJwt()).body(c.body()).post(groups(org.id())).then().statusCode(400)
                    .contentType(startsWith("application/problem+json"))
                    .body("code", equalTo("validation_failed")).body("field", equalTo(c.field()));
        }
        as(org.ownerJwt()).body("{\"name\": ").post(groups(org.id())).then().statusCode(400)
                .contentType(startsWith("application/problem+json")).body("code", equalTo("malformed_request"));
        as(org.ownerJwt()).body("").post(groups(org.id())).then().statusCode(400);
        assertEquals(0, groupCount(org.id()));
        assertEquals(0, fixtures.count("SELECT count(*) FROM audit_events WHERE org_id = ? AND action LIKE 'group.%'", org.id()));

        String id = as(org.ownerJwt()).body(Map.of("name", "Keep")).post(groups(org.id())).path("id");
        for (Case c : List.of(new Case(Map.of("name", ""), "name"), new Case(Map.of("customRoleIds", "x"), "customRoleIds"),
                new Case(Map.of("customRoleIds", List.of(foreignRole)), "customRoleIds"),
                new Case(Map.of("memberIds", List.of(member)), "memberIds"))) {
            as(org.ownerJwt()).body(c.body()).patch(groups(org.id()) + "/" + id).then().statusCode(400)
                    .body("code", equalTo("validation_failed")).body("field", equalTo(c.field()));
        }
        java.util.HashMap<String, Object> nullName = new java.util.HashMap<>();
        nullName.put("name", null);
        as(org.ownerJwt()).body(nullName).patch(groups(org.id()) + "/" + id).then().statusCode(400).body("field", equalTo("name"));
        as(org.ownerJwt()).body("{not json").patch(groups(org.id()) + "/" + id).then().statusCode(400)
                .body("code", equalTo("malformed_request"));
        as(org.ownerJwt()).body(Map.of()).post(groups(org.id()) + "/" + id + "/members").then().statusCode(400)
                .body("field", equalTo("memberIds"));
        as(org.ownerJwt()).body(Map.of("memberIds", List.of(foreignMember))).post(groups(org.id()) + "/" + id + "/members")
                .then().statusCode(400).body("field", equalTo("memberIds"));
        as(org.ownerJwt()).get(groups(org.id()) + "/" + id).then().statusCode(200)
                .body("name", equalTo("Keep")).body("memberCount", equalTo(0)).body("customRoleIds", empty());
    }

    @Test
    void patchRenamesAndReplacesCustomRoles() {
        TestOrgs.TestOrg org = orgs.create();
        UUID r1 = fixtures.customRole(org.id(), "R1", "{}");
        UUID r2 = fixtures.customRole(org.id(), "R2", "{}");
        UUID r3 = fixtures.customRole(org.id(), "R3", "{}");
        String id = as(org.ownerJwt()).body(Map.of("name", "Team", "customRoleIds", List.of(r1, r2))).post(groups(org.id())).path("id");
        as(org.ownerJwt()).body(Map.of("name", "Team 2")).patch(groups(org.id()) + "/" + id).then().statusCode(200)
                .body("name", equalTo("Team 2")).body("customRoleIds", containsInAnyOrder(r1.toString(), r2.toString()));
        as(org.ownerJwt()).body(Map.of("customRoleIds", List.of(r2, r3))).patch(groups(org.id()) + "/" + id).then().statusCode(200)
                .body("name", equalTo("Team 2")).body("customRoleIds", containsInAnyOrder(r2.toString(), r3.toString()));
        as(org.ownerJwt()).body(Map.of("customRoleIds", List.of())).patch(groups(org.id()) + "/" + id).then().statusCode(200)
                .body("customRoleIds", empty());
        // the assignment at creation, then two changes
        assertEquals(3, fixtures.count("SELECT count(*) FROM audit_events WHERE org_id = ? AND action = 'group.custom_roles_changed'", org.id()));
        assertEquals(1, fixtures.count("SELECT count(*) FROM audit_events WHERE org_id = ? AND action = 'group.renamed'", org.id()));
    }

    @Test
    void deletingAGroupKeepsItsMembersAndCustomRoles() {
        TestOrgs.TestOrg org = orgs.create();
        UUID member = orgs.addMember(org.id(), "m@example.com", OrgRole.USER);
        UUID role = fixtures.customRole(org.id(), "R", "{}");
        String id = as(org.ownerJwt()).body(Map.of("name", "Gone", "customRoleIds", List.of(role), "memberIds", List.of(member)))
                .post(groups(org.id())).path("id");
        as(org.ownerJwt()).delete(groups(org.id()) + "/" + id).then().statusCode(204);
        as(org.ownerJwt()).get(groups(org.id()) + "/" + id).then().statusCode(404).body("code", equalTo("not_found"));
        as(org.ownerJwt()).delete(groups(org.id()) + "/" + id).then().statusCode(404);
        assertEquals(1, fixtures.count("SELECT count(*) FROM members WHERE org_id = ? AND id = ?", org.id(), member));
        assertEquals(1, fixtures.count("SELECT count(*) FROM custom_roles WHERE org_id = ? AND id = ?", org.id(), role));
        assertEquals(0, fixtures.count("SELECT count(*) FROM group_custom_roles WHERE org_id = ?", org.id()));
        assertEquals(0, fixtures.count("SELECT count(*) FROM group_members WHERE org_id = ?", org.id()));
    }

    @Test
    void addsAndRemovesMembers() {
        TestOrgs.TestOrg org = orgs.create();
        TestOrgs.TestOrg other = orgs.create();
        UUID a = orgs.addMember(org.id(), "a@example.com", OrgRole.USER);
        UUID b = orgs.addMember(org.id(), "b@example.com", OrgRole.USER);
        UUID foreign = orgs.addMember(other.id(), "f@example.com", OrgRole.USER);
        String id = as(org.ownerJwt()).body(Map.of("name", "G", "memberIds", List.of(a))).post(groups(org.id())).path("id");
        as(org.ownerJwt()).body(Map.of("memberIds", List.of(a, b))).post(groups(org.id()) + "/" + id + "/members")
                .then().statusCode(200).body("memberCount", equalTo(2));
        as(org.ownerJwt()).body(Map.of("memberIds", List.of(a, b))).post(groups(org.id()) + "/" + id + "/members")
                .then().statusCode(200).body("memberCount", equalTo(2));
        as(org.ownerJwt()).delete(groups(org.id()) + "/" + id + "/members/" + a).then().statusCode(204);
        as(org.ownerJwt()).delete(groups(org.id()) + "/" + id + "/members/" + a).then().statusCode(204);
        as(org.ownerJwt()).delete(groups(org.id()) + "/" + id + "/members/" + foreign).then().statusCode(404);
        as(org.ownerJwt()).delete(groups(org.id()) + "/" + id + "/members/not-an-id").then().statusCode(404);
        as(org.ownerJwt()).get(groups(org.id()) + "/" + id).then().body("memberCount", equalTo(1));
        as(org.ownerJwt()).get(groups(org.id()) + "/" + id + "/members").then().body("items.id", contains(b.toString()));
    }

    @Test
    void scimGroupsAreReadOnlyButTheirCustomRolesAreEditable() {
        TestOrgs.TestOrg org = orgs.create();
        UUID m1 = orgs.addMember(org.id(), "m1@example.com", OrgRole.USER);
        UUID m2 = orgs.addMember(org.id(), "m2@example.com", OrgRole.USER);
        UUID role = fixtures.customRole(org.id(), "From IdP", "{}");
        UUID scim = fixtures.scimGroup(org.id(), "Okta Engineering", List.of(m1));
        String path = groups(org.id()) + "/" + scim;

        as(org.ownerJwt()).get(path).then().statusCode(200).body("source", equalTo("scim"))
                .body("externalId", equalTo("ext-Okta Engineering")).body("memberCount", equalTo(1));
        as(org.ownerJwt()).body(Map.of("name", "Renamed")).patch(path).then().statusCode(409)
                .contentType(startsWith("application/problem+json")).body("code", equalTo("group_managed_by_scim"));
        as(org.ownerJwt()).body(Map.of("name", "Renamed", "customRoleIds", List.of(role))).patch(path).then().statusCode(409)
                .body("code", equalTo("group_managed_by_scim"));
        as(org.ownerJwt()).body(Map.of("memberIds", List.of(m2))).post(path + "/members").then().statusCode(409)
                .body("code", equalTo("group_managed_by_scim"));
        as(org.ownerJwt()).delete(path + "/members/" + m1).then().statusCode(409).body("code", equalTo("group_managed_by_scim"));
        as(org.ownerJwt()).delete(path).then().statusCode(409).body("code", equalTo("group_managed_by_scim"));
        // nothing changed
        as(org.ownerJwt()).get(path).then().statusCode(200).body("name", equalTo("Okta Engineering"))
                .body("memberCount", equalTo(1)).body("customRoleIds", empty());

        // custom roles are the organization's to set, on SCIM groups too (also when the form sends the name back)
        as(org.ownerJwt()).body(Map.of("customRoleIds", List.of(role))).patch(path).then().statusCode(200)
                .body("customRoleIds", contains(role.toString())).body("source", equalTo("scim"));
        as(org.ownerJwt()).body(Map.of("name", "Okta Engineering", "customRoleIds", List.of())).patch(path).then().statusCode(200)
                .body("customRoleIds", empty());
        as(org.ownerJwt()).get(path + "/members").then().statusCode(200).body("items.id", contains(m1.toString()));
    }

    @Test
    void concurrentCreatesAtNinetyNineGroupsYieldExactlyOneSuccess() throws Exception {
        TestOrgs.TestOrg org = orgs.create();
        fixtures.bulkGroups(org.id(), 99); // the configured default cap is 100
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            String name = "racer " + i;
            results.add(pool.submit(() -> {
                start.await();
                return as(org.ownerJwt()).body(Map.of("name", name)).post(groups(org.id())).statusCode();
            }));
        }
        start.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> result : results) {
            statuses.add(result.get());
        }
        pool.shutdown();
        assertEquals(1, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
        assertEquals(threads - 1, statuses.stream().filter(s -> s == 409).count(), statuses.toString());
        assertEquals(100, groupCount(org.id()));
        as(org.ownerJwt()).body(Map.of("name", "one more")).post(groups(org.id())).then().statusCode(409)
                .body("code", equalTo("group_limit_reached"))
                .body("detail", containsString("100"));
    }

    @Test
    void theCapIsSharedWithScimUnderConcurrency() throws Exception {
        TestOrgs.TestOrg org = orgs.create();
        orgs.setMaxGroups(org.id(), 10);
        fixtures.bulkGroups(org.id(), 9);
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            String name = "racer " + i;
            Callable<Boolean> call = i % 2 == 0
                    ? () -> {
                        start.await();
                        return as(org.ownerJwt()).body(Map.of("name", name)).post(groups(org.id())).statusCode() == 201;
                    }
                    : () -> {
                        start.await();
                        try {
                            QuarkusTransaction.requiringNew().run(() -> groupService.create(
                                    Actor.scimToken(org.id(), UUID.randomUUID(), "okta"), name, GroupSource.SCIM, null, List.of()));
                            return true;
                        } catch (dev.roster.common.DomainException e) {
                            assertEquals(dev.roster.common.ErrorCode.GROUP_LIMIT_REACHED, e.code());
                            return false;
                        }
                    };
            results.add(pool.submit(call));
        }
        start.countDown();
        int successes = 0;
        for (Future<Boolean> result : results) {
            successes += result.get() ? 1 : 0;
        }
        pool.shutdown();
        assertEquals(1, successes);
        assertEquals(10, groupCount(org.id()));
    }

    @Test
    void rightsFollowTheIdentityAccessArea() {
        TestOrgs.TestOrg org = orgs.create();
        String existing = as(org.ownerJwt()).body(Map.of("name", "Existing")).post(groups(org.id())).path("id");
        String viewer = fixtures.customRoleAdmin(org.id(), "{\"identity_access\":\"view\"}");
        String manager = fixtures.customRoleAdmin(org.id(), "{\"identity_access\":\"manage\"}");
        String billingOnly = fixtures.customRoleAdmin(org.id(), "{\"billing\":\"manage\"}");
        String admin = fixtures.memberJwt(org.id(), OrgRole.ADMIN);
        String user = fixtures.memberJwt(org.id(), OrgRole.USER);
        String owner = fixtures.memberJwt(org.id(), OrgRole.OWNER);
        long before = groupCount(org.id());

        for (String reader : List.of(viewer, manager, owner)) {
            as(reader).get(groups(org.id())).then().statusCode(200);
            as(reader).get(groups(org.id()) + "/" + existing).then().statusCode(200);
            as(reader).get(groups(org.id()) + "/" + existing + "/members").then().statusCode(200);
        }
        for (String refused : List.of(admin, user, billingOnly)) {
            as(refused).get(groups(org.id())).then().statusCode(403).body("code", equalTo("forbidden"));
            as(refused).get(groups(org.id()) + "/" + existing).then().statusCode(403);
        }
        for (String refused : List.of(viewer, admin, user, billingOnly)) {
            as(refused).body(Map.of("name", "nope")).post(groups(org.id())).then().statusCode(403)
                    .contentType(startsWith("application/problem+json")).body("code", equalTo("forbidden"));
            as(refused).body(Map.of("name", "nope")).patch(groups(org.id()) + "/" + existing).then().statusCode(403);
            as(refused).delete(groups(org.id()) + "/" + existing).then().statusCode(403);
            as(refused).body(Map.of("memberIds", List.of())).post(groups(org.id()) + "/" + existing + "/members").then().statusCode(403);
        }
        assertEquals(before, groupCount(org.id()));
        as(manager).body(Map.of("name", "By a custom role")).post(groups(org.id())).then().statusCode(201);
        as(owner).body(Map.of("name", "By an owner")).post(groups(org.id())).then().statusCode(201);
    }

    @Test
    void suspendedForeignAndNonEnterpriseCallersAreRefused() {
        TestOrgs.TestOrg org = orgs.create();
        TestOrgs.TestOrg other = orgs.create();
        String existing = as(org.ownerJwt()).body(Map.of("name", "Existing")).post(groups(org.id())).path("id");
        String foreignGroup = as(other.ownerJwt()).body(Map.of("name", "Theirs")).post(groups(other.id())).path("id");

        // a member of another org calling this org's path: 403; this org's path with another org's id: 404
        as(other.ownerJwt()).get(groups(org.id())).then().statusCode(403).body("code", equalTo("forbidden"));
        as(other.ownerJwt()).body(Map.of("name", "x")).post(groups(org.id())).then().statusCode(403);
        as(org.ownerJwt()).get(groups(org.id()) + "/" + foreignGroup).then().statusCode(404);
        as(org.ownerJwt()).delete(groups(org.id()) + "/" + foreignGroup).then().statusCode(404);
        as(org.ownerJwt()).body(Map.of("name", "hijack")).patch(groups(org.id()) + "/" + foreignGroup).then().statusCode(404);
        as(other.ownerJwt()).get(groups(other.id()) + "/" + foreignGroup).then().statusCode(200).body("name", equalTo("Theirs"));

        UUID ownerId = orgs.addMember(org.id(), "suspended-owner@example.com", OrgRole.OWNER);
        String suspendedJwt = orgs.jwtFor(org.id(), ownerId);
        as(suspendedJwt).get(groups(org.id())).then().statusCode(200);
        fixtures.suspend(org.id(), ownerId);
        as(suspendedJwt).get(groups(org.id())).then().statusCode(403).body("code", equalTo("forbidden"));
        as(suspendedJwt).delete(groups(org.id()) + "/" + existing).then().statusCode(403);
        as(org.ownerJwt()).get(groups(org.id()) + "/" + existing).then().statusCode(200);

        TestOrgs.TestOrg team = orgs.create(Plan.TEAM);
        as(team.ownerJwt()).get(groups(team.id())).then().statusCode(403).body("code", equalTo("plan_required"));
        as(team.ownerJwt()).body(Map.of("name", "x")).post(groups(team.id())).then().statusCode(403).body("code", equalTo("plan_required"));
        assertEquals(0, groupCount(team.id()));

        given().contentType(ContentType.JSON).body(Map.of("name", "anon")).post(groups(org.id())).then().statusCode(401)
                .body("code", equalTo("unauthorized"));
    }
}
