package dev.roster.roles;

import dev.roster.access.OrgRole;
import dev.roster.orgs.Plan;
import dev.roster.support.TestOrgs;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class GroupMappingsApiTest {

    @Inject
    TestOrgs orgs;
    @Inject
    RolesFixtures fx;

    private static RequestSpecification as(String jwt) {
        return given().auth().oauth2(jwt).contentType(ContentType.JSON);
    }

    private static String map(TestOrgs.TestOrg org, UUID group, String role) {
        return as(org.ownerJwt()).body("{\"scimGroupId\":\"" + group + "\",\"orgRole\":\"" + role + "\"}")
                .post("/api/v1/orgs/{org}/group-mappings", org.id())
                .then().statusCode(201).body("scimGroupId", equalTo(group.toString())).body("orgRole", equalTo(role))
                .extract().path("id");
    }

    @Test
    void creatingAMappingAppliesItToTheGroupsMembersAtOnce() {
        TestOrgs.TestOrg org = orgs.create();
        UUID a = orgs.addMember(org.id(), "a@example.com", OrgRole.USER);
        UUID b = orgs.addMember(org.id(), "b@example.com", OrgRole.CUSTOM_ROLES);
        UUID owner = orgs.addMember(org.id(), "o@example.com", OrgRole.OWNER);
        UUID admins = fx.scimGroup(org.id(), "Okta admins", a, b, owner, org.ownerId());
        String id = map(org, admins, "admin");
        assertEquals("admin", fx.role(org.id(), a));
        assertEquals("admin", fx.role(org.id(), b));
        assertEquals("owner", fx.role(org.id(), owner));
        assertEquals("primary_owner", fx.role(org.id(), org.ownerId()));
        assertEquals(2, fx.count("SELECT count(*) FROM audit_events WHERE org_id = ? AND action = 'member.role_changed'"
                + " AND actor_type = 'member' AND after->>'via' = 'group_mapping'", org.id()));
        assertEquals(1, fx.audits(org.id(), "group_mapping.created"));

        as(org.ownerJwt()).get("/api/v1/orgs/{org}/group-mappings", org.id()).then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].id", equalTo(id))
                .body("items[0].groupName", equalTo("Okta admins")).body("items[0].orgRole", equalTo("admin"));
        as(org.ownerJwt()).delete("/api/v1/orgs/{org}/group-mappings/{id}", org.id(), id).then().statusCode(204);
        as(org.ownerJwt()).get("/api/v1/orgs/{org}/group-mappings", org.id()).then().statusCode(200).body("items", empty());
        as(org.ownerJwt()).delete("/api/v1/orgs/{org}/group-mappings/{id}", org.id(), id).then().statusCode(404);
        // deleting a mapping leaves the roles it gave
        assertEquals("admin", fx.role(org.id(), a));
        assertEquals(1, fx.audits(org.id(), "group_mapping.deleted"));
        // and the member's role is manual again
        as(org.ownerJwt()).body("{\"orgRole\":\"user\"}").patch("/api/v1/orgs/{org}/members/{id}", org.id(), a)
                .then().statusCode(200);
    }

    @Test
    void scimMembershipChangesApplyTheHighestMappedRole() {
        TestOrgs.TestOrg org = orgs.create();
        UUID m = orgs.addMember(org.id(), "m@example.com", OrgRole.USER);
        UUID users = fx.scimGroup(org.id(), "users");
        UUID custom = fx.scimGroup(org.id(), "custom");
        UUID admins = fx.scimGroup(org.id(), "admins");
        UUID owners = fx.scimGroup(org.id(), "owners");
        UUID unmapped = fx.scimGroup(org.id(), "unmapped");
        map(org, users, "user");
        map(org, custom, "custom_roles");
        map(org, admins, "admin");
        map(org, owners, "owner");

        fx.scimAdd(org.id(), unmapped, m);
        assertEquals("user", fx.role(org.id(), m));
        fx.scimAdd(org.id(), custom, m);
        assertEquals("custom_roles", fx.role(org.id(), m));
        fx.scimAdd(org.id(), users, m);
        assertEquals("custom_roles", fx.role(org.id(), m), "custom_roles outranks user");
        fx.scimAdd(org.id(), admins, m);
        assertEquals("admin", fx.role(org.id(), m));
        fx.scimRemove(org.id(), admins, m);
        assertEquals("custom_roles", fx.role(org.id(), m), "the highest remaining mapping applies");
        fx.scimRemove(org.id(), custom, m);
        assertEquals("user", fx.role(org.id(), m));
        fx.scimAdd(org.id(), admins, m);
        fx.scimRemove(org.id(), users, m);
        fx.scimRemove(org.id(), admins, m);
        assertEquals("admin", fx.role(org.id(), m), "out of every mapped group, the member keeps their role");

        assertEquals(5, fx.count("SELECT count(*) FROM audit_events WHERE org_id = ? AND action = 'member.role_changed'"
                + " AND target_id = ? AND actor_type = 'scim_token' AND actor_name = 'okta'", org.id(), m.toString()));

        fx.scimAdd(org.id(), owners, m);
        assertEquals("owner", fx.role(org.id(), m));
        fx.scimAdd(org.id(), users, m);
        fx.scimRemove(org.id(), owners, m);
        assertEquals("owner", fx.role(org.id(), m), "an owner is never downgraded by a mapping");
    }

    @Test
    void throughTheScimApiAnIdpMembershipChangeAppliesTheMappingAndIsAudited() {
        TestOrgs.TestOrg org = orgs.create();
        String patchOp = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
        RequestSpecification scim = given().auth().oauth2(org.scimToken()).contentType("application/scim+json");
        String userId = scim.body("{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"jane@idp.test\","
                        + "\"active\":true}").post("/scim/v2/Users").then().statusCode(201).extract().path("id");
        String groupId = given().auth().oauth2(org.scimToken()).contentType("application/scim+json")
                .body("{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],\"displayName\":\"Okta Admins\",\"members\":[]}")
                .post("/scim/v2/Groups").then().statusCode(201).extract().path("id");
        as(org.ownerJwt()).get("/api/v1/orgs/{org}/members/{id}", org.id(), userId).then().statusCode(200)
                .body("orgRole", equalTo("user")).body("scimManaged", equalTo(true));
        map(org, UUID.fromString(groupId), "admin");

        given().auth().oauth2(org.scimToken()).contentType("application/scim+json")
                .body("{\"schemas\":[\"" + patchOp + "\"],\"Operations\":[{\"op\":\"add\",\"path\":\"members\","
                        + "\"value\":[{\"value\":\"" + userId + "\"}]}]}")
                .patch("/scim/v2/Groups/{id}", groupId).then().statusCode(204);
        as(org.ownerJwt()).get("/api/v1/orgs/{org}/members/{id}", org.id(), userId).then().statusCode(200)
                .body("orgRole", equalTo("admin")).body("groupIds", contains(groupId));
        as(org.ownerJwt()).get("/api/v1/orgs/{org}/members/{id}/access", org.id(), userId).then().statusCode(200)
                .body("adminAreas.user_management", equalTo("manage"));
        assertEquals(1, fx.count("SELECT count(*) FROM audit_events WHERE org_id = ? AND action = 'member.role_changed'"
                + " AND target_id = ? AND actor_type = 'scim_token' AND before->>'orgRole' = 'user'"
                + " AND after->>'orgRole' = 'admin'", org.id(), userId));
        as(org.ownerJwt()).body("{\"orgRole\":\"user\"}").patch("/api/v1/orgs/{org}/members/{id}", org.id(), userId)
                .then().statusCode(409).body("code", equalTo("role_managed_by_group_mapping"));

        // Entra ID's removal of this member: the role stays as it is
        given().auth().oauth2(org.scimToken()).contentType("application/scim+json")
                .body("{\"schemas\":[\"" + patchOp + "\"],\"Operations\":[{\"op\":\"Remove\",\"path\":\"members\","
                        + "\"value\":[{\"value\":\"" + userId + "\"}]}]}")
                .patch("/scim/v2/Groups/{id}", groupId).then().statusCode(204);
        as(org.ownerJwt()).get("/api/v1/orgs/{org}/members/{id}", org.id(), userId).then().statusCode(200)
                .body("orgRole", equalTo("admin")).body("groupIds", empty());
    }

    @Test
    void ownersAreNeverDowngradedAndThePrimaryOwnerNeverChanges() {
        TestOrgs.TestOrg org = orgs.create();
        UUID owner = orgs.addMember(org.id(), "owner@example.com", OrgRole.OWNER);
        UUID users = fx.scimGroup(org.id(), "users");
        UUID owners = fx.scimGroup(org.id(), "owners");
        map(org, users, "user");
        map(org, owners, "owner");
        fx.scimAdd(org.id(), users, owner, org.ownerId());
        assertEquals("owner", fx.role(org.id(), owner));
        assertEquals("primary_owner", fx.role(org.id(), org.ownerId()));
        fx.scimAdd(org.id(), owners, org.ownerId());
        assertEquals("primary_owner", fx.role(org.id(), org.ownerId()));
        assertEquals(0, fx.audits(org.id(), "member.role_changed"));
    }

    @Test
    void deletingAMappedScimGroupRecomputesFromTheRemainingGroups() {
        TestOrgs.TestOrg org = orgs.create();
        UUID m = orgs.addMember(org.id(), "m@example.com", OrgRole.USER);
        UUID admins = fx.scimGroup(org.id(), "admins");
        UUID custom = fx.scimGroup(org.id(), "custom");
        map(org, admins, "admin");
        map(org, custom, "custom_roles");
        fx.scimAdd(org.id(), admins, m);
        fx.scimAdd(org.id(), custom, m);
        assertEquals("admin", fx.role(org.id(), m));
        fx.scimDeleteGroup(org.id(), admins);
        assertEquals("custom_roles", fx.role(org.id(), m));
        assertEquals(1, fx.count("SELECT count(*) FROM group_mappings WHERE org_id = ?", org.id()));
    }

    @Test
    void aManualChangeOfAMappedMembersRoleIsRefused() {
        TestOrgs.TestOrg org = orgs.create();
        UUID m = orgs.addMember(org.id(), "m@example.com", OrgRole.USER);
        UUID free = orgs.addMember(org.id(), "free@example.com", OrgRole.USER);
        UUID group = fx.scimGroup(org.id(), "mapped", m);
        UUID unmapped = fx.scimGroup(org.id(), "unmapped", free);
        map(org, group, "custom_roles");
        String before = fx.snapshot(org.id());
        as(org.ownerJwt()).body("{\"orgRole\":\"admin\"}").patch("/api/v1/orgs/{org}/members/{id}", org.id(), m)
                .then().statusCode(409).contentType("application/problem+json")
                .body("code", equalTo("role_managed_by_group_mapping"));
        assertEquals(before, fx.snapshot(org.id()));
        as(org.ownerJwt()).body("{\"orgRole\":\"admin\"}").patch("/api/v1/orgs/{org}/members/{id}", org.id(), free)
                .then().statusCode(200);
        fx.scimRemove(org.id(), group, m);
        as(org.ownerJwt()).body("{\"orgRole\":\"admin\"}").patch("/api/v1/orgs/{org}/members/{id}", org.id(), m)
                .then().statusCode(200).body("orgRole", equalTo("admin"));
        fx.scimAdd(org.id(), unmapped, m);
        assertEquals("admin", fx.role(org.id(), m));
    }

    @Test
    void badMappingsAreRefusedAndChangeNothing() {
        TestOrgs.TestOrg org = orgs.create();
        UUID member = orgs.addMember(org.id(), "m@example.com", OrgRole.USER);
        UUID scim = fx.scimGroup(org.id(), "scim", member);
        UUID manual = fx.manualGroup(org.id(), "manual", member);
        TestOrgs.TestOrg other = orgs.create();
        UUID foreign = fx.scimGroup(other.id(), "foreign");
        map(org, scim, "user");
        String before = fx.snapshot(org.id());
        String[][] cases = {
                {"{\"scimGroupId\":\"" + manual + "\",\"orgRole\":\"admin\"}", "scimGroupId"},
                {"{\"scimGroupId\":\"" + foreign + "\",\"orgRole\":\"admin\"}", "scimGroupId"},
                {"{\"scimGroupId\":\"" + UUID.randomUUID() + "\",\"orgRole\":\"admin\"}", "scimGroupId"},
                {"{\"scimGroupId\":\"nope\",\"orgRole\":\"admin\"}", "scimGroupId"},
                {"{\"scimGroupId\":\"" + scim + "\",\"orgRole\":\"admin\"}", "scimGroupId"},
                {"{\"orgRole\":\"admin\"}", "scimGroupId"},
                {"{\"scimGroupId\":\"" + scim + "\",\"orgRole\":\"primary_owner\"}", "orgRole"},
                {"{\"scimGroupId\":\"" + scim + "\",\"orgRole\":\"emperor\"}", "orgRole"},
                {"{\"scimGroupId\":\"" + scim + "\"}", "orgRole"},
                {"{\"scimGroupId\":\"" + scim + "\",\"orgRole\":\"admin\",\"x\":1}", "x"},
        };
        for (String[] c : cases) {
            as(org.ownerJwt()).body(c[0]).post("/api/v1/orgs/{org}/group-mappings", org.id()).then().statusCode(400)
                    .body("code", equalTo("validation_failed")).body("field", equalTo(c[1]));
        }
        as(org.ownerJwt()).body("{\"scimGroupId\":").post("/api/v1/orgs/{org}/group-mappings", org.id())
                .then().statusCode(400).body("code", equalTo("malformed_request"));
        as(org.ownerJwt()).delete("/api/v1/orgs/{org}/group-mappings/{id}", org.id(), "nope").then().statusCode(404);
        assertEquals(before, fx.snapshot(org.id()));

        TestOrgs.TestOrg team = orgs.create(Plan.TEAM);
        as(team.ownerJwt()).get("/api/v1/orgs/{org}/group-mappings", team.id()).then().statusCode(403)
                .body("code", equalTo("plan_required"));
    }

    @Test
    void mappingsAreReadWithIdentityAccessAndChangedByOwners() {
        TestOrgs.TestOrg org = orgs.create();
        UUID group = fx.scimGroup(org.id(), "scim");
        String existing = map(org, fx.scimGroup(org.id(), "mapped"), "user");
        UUID admin = orgs.addMember(org.id(), "admin@example.com", OrgRole.ADMIN);
        UUID user = orgs.addMember(org.id(), "user@example.com", OrgRole.USER);
        UUID viewer = fx.customRolesMember(orgs, org, "viewer@example.com", "{\"identity_access\":\"view\"}");
        UUID manager = fx.customRolesMember(orgs, org, "manager@example.com", "{\"identity_access\":\"manage\"}");
        UUID um = fx.customRolesMember(orgs, org, "um@example.com", "{\"user_management\":\"manage\"}");
        UUID suspended = orgs.addMember(org.id(), "s@example.com", OrgRole.OWNER);
        String suspendedJwt = orgs.jwtFor(org.id(), suspended);
        fx.suspend(org.id(), suspended);
        TestOrgs.TestOrg other = orgs.create();
        String body = "{\"scimGroupId\":\"" + group + "\",\"orgRole\":\"owner\"}";
        String path = "/api/v1/orgs/{org}/group-mappings";
        String before = fx.snapshot(org.id());
        for (String jwt : List.of(orgs.jwtFor(org.id(), admin), orgs.jwtFor(org.id(), user), orgs.jwtFor(org.id(), um),
                suspendedJwt, other.ownerJwt())) {
            as(jwt).get(path, org.id()).then().statusCode(403);
            as(jwt).body(body).post(path, org.id()).then().statusCode(403);
            as(jwt).delete(path + "/{id}", org.id(), existing).then().statusCode(403);
        }
        String viewerJwt = orgs.jwtFor(org.id(), viewer);
        as(viewerJwt).get(path, org.id()).then().statusCode(200).body("items.id", contains(existing));
        as(viewerJwt).body(body).post(path, org.id()).then().statusCode(403);
        as(viewerJwt).delete(path + "/{id}", org.id(), existing).then().statusCode(403);
        as(other.ownerJwt()).delete(path + "/{id}", other.id(), existing).then().statusCode(404);
        assertEquals(before, fx.snapshot(org.id()));
        // a mapping hands role decisions to the identity provider: identity_access manage is not enough
        as(orgs.jwtFor(org.id(), manager)).body(body).post(path, org.id()).then().statusCode(403)
                .body("code", equalTo("owner_required"));
        as(orgs.jwtFor(org.id(), manager)).delete(path + "/{id}", org.id(), existing).then().statusCode(403)
                .body("code", equalTo("owner_required"));
        assertEquals(before, fx.snapshot(org.id()));
        as(org.ownerJwt()).body(body).post(path, org.id()).then().statusCode(201);
        as(org.ownerJwt()).delete(path + "/{id}", org.id(), existing).then().statusCode(204);
    }

    @Test
    void concurrentScimChangesStillGiveTheHighestRole() throws Exception {
        TestOrgs.TestOrg org = orgs.create();
        UUID users = fx.scimGroup(org.id(), "users");
        UUID admins = fx.scimGroup(org.id(), "admins");
        map(org, users, "user");
        map(org, admins, "admin");
        List<UUID> members = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            members.add(orgs.addMember(org.id(), "c" + i + "@example.com", OrgRole.CUSTOM_ROLES));
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (UUID member : members) {
                CyclicBarrier start = new CyclicBarrier(2);
                CompletableFuture<Void> one = CompletableFuture.runAsync(() -> {
                    await(start);
                    fx.scimAdd(org.id(), users, member);
                }, pool);
                CompletableFuture<Void> two = CompletableFuture.runAsync(() -> {
                    await(start);
                    fx.scimAdd(org.id(), admins, member);
                }, pool);
                CompletableFuture.allOf(one, two).get();
                assertEquals("admin", fx.role(org.id(), member));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
