package dev.roster.members;

import dev.roster.access.OrgRole;
import dev.roster.roles.RolesFixtures;
import dev.roster.support.TestOrgs;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class MemberRolesApiTest {

    @Inject
    TestOrgs orgs;
    @Inject
    RolesFixtures fx;

    private static RequestSpecification as(String jwt) {
        return given().auth().oauth2(jwt).contentType(ContentType.JSON);
    }

    private static void patch(String jwt, UUID orgId, UUID member, String role, int status) {
        as(jwt).body("{\"orgRole\":\"" + role + "\"}").patch("/api/v1/orgs/{org}/members/{id}", orgId, member)
                .then().statusCode(status);
    }

    @Test
    void ownersChangeAnyRoleButThePrimaryOwners() {
        TestOrgs.TestOrg org = orgs.create();
        UUID member = orgs.addMember(org.id(), "m@example.com", OrgRole.USER);
        UUID owner = orgs.addMember(org.id(), "o@example.com", OrgRole.OWNER);
        String ownerJwt = orgs.jwtFor(org.id(), owner);
        as(ownerJwt).body("{\"orgRole\":\"admin\"}").patch("/api/v1/orgs/{org}/members/{id}", org.id(), member)
                .then().statusCode(200).body("orgRole", equalTo("admin")).body("id", equalTo(member.toString()));
        patch(ownerJwt, org.id(), member, "owner", 200);
        patch(org.ownerJwt(), org.id(), member, "custom_roles", 200);
        patch(org.ownerJwt(), org.id(), member, "user", 200);
        patch(ownerJwt, org.id(), member, "user", 200);
        assertEquals(4, fx.audits(org.id(), "member.role_changed"));
        assertEquals(1, fx.count("SELECT count(*) FROM audit_events WHERE org_id = ? AND action = 'member.role_changed'"
                + " AND target_id = ? AND before->>'orgRole' = 'admin' AND after->>'orgRole' = 'owner' AND actor_id = ?",
                org.id(), member.toString(), owner.toString()));
        // an owner may step down another owner, and themself
        patch(org.ownerJwt(), org.id(), owner, "admin", 200);
        assertEquals("admin", fx.role(org.id(), owner));

        String before = fx.snapshot(org.id());
        as(org.ownerJwt()).body("{\"orgRole\":\"primary_owner\"}").patch("/api/v1/orgs/{org}/members/{id}", org.id(), member)
                .then().statusCode(400).body("code", equalTo("validation_failed")).body("field", equalTo("orgRole"));
        as(org.ownerJwt()).body("{\"orgRole\":\"user\"}").patch("/api/v1/orgs/{org}/members/{id}", org.id(), org.ownerId())
                .then().statusCode(400).body("code", equalTo("primary_owner_protected"));
        assertEquals(before, fx.snapshot(org.id()));
    }

    @Test
    void aRoleChangeTakesEffectAtOnce() {
        TestOrgs.TestOrg org = orgs.create();
        UUID member = orgs.addMember(org.id(), "m@example.com", OrgRole.USER);
        String jwt = orgs.jwtFor(org.id(), member);
        as(jwt).get("/api/v1/orgs/{org}/members", org.id()).then().statusCode(403);
        patch(org.ownerJwt(), org.id(), member, "admin", 200);
        as(jwt).get("/api/v1/orgs/{org}/members", org.id()).then().statusCode(200);
        patch(org.ownerJwt(), org.id(), member, "owner", 200);
        as(jwt).get("/api/v1/orgs/{org}/custom-roles", org.id()).then().statusCode(200);
        patch(org.ownerJwt(), org.id(), member, "custom_roles", 200);
        as(jwt).get("/api/v1/orgs/{org}/custom-roles", org.id()).then().statusCode(403);
    }

    @Test
    void adminsNeverChangeRoles() {
        TestOrgs.TestOrg org = orgs.create();
        UUID admin = orgs.addMember(org.id(), "admin@example.com", OrgRole.ADMIN);
        UUID user = orgs.addMember(org.id(), "user@example.com", OrgRole.USER);
        UUID custom = orgs.addMember(org.id(), "custom@example.com", OrgRole.CUSTOM_ROLES);
        String jwt = orgs.jwtFor(org.id(), admin);
        String before = fx.snapshot(org.id());
        for (String role : new String[]{"user", "custom_roles", "admin", "owner"}) {
            as(jwt).body("{\"orgRole\":\"" + role + "\"}").patch("/api/v1/orgs/{org}/members/{id}", org.id(), user)
                    .then().statusCode(403).body("code", equalTo("forbidden"));
            patch(jwt, org.id(), custom, role, 403);
            patch(jwt, org.id(), admin, role, 403);
        }
        assertEquals(before, fx.snapshot(org.id()));
    }

    @Test
    void customRolesWithUserManagementManageChangeOnlyUsersAndCustomRoles() {
        TestOrgs.TestOrg org = orgs.create();
        UUID manager = fx.customRolesMember(orgs, org, "um@example.com", "{\"user_management\":\"manage\"}");
        UUID viewer = fx.customRolesMember(orgs, org, "umv@example.com", "{\"user_management\":\"view\",\"identity_access\":\"manage\"}");
        UUID user = orgs.addMember(org.id(), "user@example.com", OrgRole.USER);
        UUID admin = orgs.addMember(org.id(), "admin@example.com", OrgRole.ADMIN);
        UUID owner = orgs.addMember(org.id(), "owner@example.com", OrgRole.OWNER);
        String jwt = orgs.jwtFor(org.id(), manager);
        String before = fx.snapshot(org.id());
        patch(jwt, org.id(), user, "admin", 403);
        patch(jwt, org.id(), user, "owner", 403);
        patch(jwt, org.id(), admin, "user", 403);
        patch(jwt, org.id(), owner, "user", 403);
        patch(jwt, org.id(), org.ownerId(), "user", 403);
        patch(orgs.jwtFor(org.id(), viewer), org.id(), user, "custom_roles", 403);
        patch(orgs.jwtFor(org.id(), user), org.id(), user, "custom_roles", 403);
        assertEquals(before, fx.snapshot(org.id()));
        patch(jwt, org.id(), user, "custom_roles", 200);
        patch(jwt, org.id(), user, "user", 200);
        assertEquals("user", fx.role(org.id(), user));
    }

    @Test
    void suspendedAndForeignCallersChangeNothing() {
        TestOrgs.TestOrg org = orgs.create();
        UUID user = orgs.addMember(org.id(), "user@example.com", OrgRole.USER);
        UUID suspended = orgs.addMember(org.id(), "s@example.com", OrgRole.OWNER);
        String suspendedJwt = orgs.jwtFor(org.id(), suspended);
        fx.suspend(org.id(), suspended);
        TestOrgs.TestOrg other = orgs.create();
        String before = fx.snapshot(org.id());
        patch(suspendedJwt, org.id(), user, "admin", 403);
        patch(other.ownerJwt(), org.id(), user, "admin", 403);
        patch(other.ownerJwt(), other.id(), user, "admin", 404);
        patch(org.ownerJwt(), org.id(), UUID.randomUUID(), "admin", 404);
        given().contentType(ContentType.JSON).body("{\"orgRole\":\"admin\"}")
                .patch("/api/v1/orgs/{org}/members/{id}", org.id(), user).then().statusCode(401);
        assertEquals(before, fx.snapshot(org.id()));
    }

    @Test
    void badBodiesAreRefusedNamingTheField() {
        TestOrgs.TestOrg org = orgs.create();
        UUID user = orgs.addMember(org.id(), "user@example.com", OrgRole.USER);
        String before = fx.snapshot(org.id());
        String[][] cases = {{"{}", "orgRole"}, {"{\"orgRole\":\"king\"}", "orgRole"}, {"{\"orgRole\":5}", "orgRole"},
                {"{\"orgRole\":null}", "orgRole"}, {"{\"orgRole\":\"admin\",\"active\":false}", "active"}, {"\"admin\"", "body"}};
        for (String[] c : cases) {
            as(org.ownerJwt()).body(c[0]).patch("/api/v1/orgs/{org}/members/{id}", org.id(), user).then().statusCode(400)
                    .body("code", equalTo("validation_failed")).body("field", equalTo(c[1]));
        }
        as(org.ownerJwt()).body("{\"orgRole\":").patch("/api/v1/orgs/{org}/members/{id}", org.id(), user).then().statusCode(400)
                .body("code", equalTo("malformed_request"));
        assertEquals(before, fx.snapshot(org.id()));
        // the same role again is a no-op, not an audited change
        patch(org.ownerJwt(), org.id(), user, "user", 200);
        assertEquals(before, fx.snapshot(org.id()));
    }

    @Test
    void customRolesNeedAnEnterpriseOrg() {
        TestOrgs.TestOrg team = orgs.create(dev.roster.orgs.Plan.TEAM);
        UUID user = orgs.addMember(team.id(), "user@example.com", OrgRole.USER);
        as(team.ownerJwt()).body("{\"orgRole\":\"custom_roles\"}").patch("/api/v1/orgs/{org}/members/{id}", team.id(), user)
                .then().statusCode(403).body("code", equalTo("plan_required"));
        patch(team.ownerJwt(), team.id(), user, "admin", 200);
        assertEquals("admin", fx.role(team.id(), user));
    }

    @Test
    void onlyThePrimaryOwnerTransfersPrimaryOwnership() {
        TestOrgs.TestOrg org = orgs.create();
        UUID owner = orgs.addMember(org.id(), "owner@example.com", OrgRole.OWNER);
        UUID admin = orgs.addMember(org.id(), "admin@example.com", OrgRole.ADMIN);
        UUID user = orgs.addMember(org.id(), "user@example.com", OrgRole.USER);
        UUID suspended = orgs.addMember(org.id(), "s@example.com", OrgRole.USER);
        fx.suspend(org.id(), suspended);
        TestOrgs.TestOrg other = orgs.create();
        String path = "/api/v1/orgs/{org}/primary-owner-transfer";
        String before = fx.snapshot(org.id());
        for (UUID caller : new UUID[]{owner, admin, user}) {
            as(orgs.jwtFor(org.id(), caller)).body("{\"memberId\":\"" + user + "\"}").post(path, org.id())
                    .then().statusCode(403).body("code", equalTo("forbidden"));
        }
        as(other.ownerJwt()).body("{\"memberId\":\"" + user + "\"}").post(path, org.id()).then().statusCode(403);
        String[][] bad = {{"{}", "memberId"}, {"{\"memberId\":\"" + org.ownerId() + "\"}", "memberId"},
                {"{\"memberId\":\"" + UUID.randomUUID() + "\"}", "memberId"}, {"{\"memberId\":\"" + other.ownerId() + "\"}", "memberId"},
                {"{\"memberId\":\"" + suspended + "\"}", "memberId"}, {"{\"memberId\":7}", "memberId"},
                {"{\"memberId\":\"" + user + "\",\"x\":1}", "x"}};
        for (String[] c : bad) {
            as(org.ownerJwt()).body(c[0]).post(path, org.id()).then().statusCode(400)
                    .body("code", equalTo("validation_failed")).body("field", equalTo(c[1]));
        }
        as(org.ownerJwt()).body("{").post(path, org.id()).then().statusCode(400).body("code", equalTo("malformed_request"));
        assertEquals(before, fx.snapshot(org.id()));

        as(org.ownerJwt()).body("{\"memberId\":\"" + user + "\"}").post(path, org.id()).then().statusCode(200)
                .body("primaryOwner.id", equalTo(user.toString()))
                .body("primaryOwner.orgRole", equalTo("primary_owner"))
                .body("previousPrimaryOwner.id", equalTo(org.ownerId().toString()))
                .body("previousPrimaryOwner.orgRole", equalTo("owner"));
        assertEquals("owner", fx.role(org.id(), org.ownerId()));
        assertEquals(1, fx.count("SELECT count(*) FROM members WHERE org_id = ? AND org_role = 'primary_owner'", org.id()));
        assertEquals(1, fx.audits(org.id(), "org.primary_owner_transferred"));
        assertEquals(2, fx.audits(org.id(), "member.role_changed"));
        // the former primary owner is an ordinary owner now
        as(org.ownerJwt()).body("{\"memberId\":\"" + owner + "\"}").post(path, org.id()).then().statusCode(403);
        patch(org.ownerJwt(), org.id(), user, "admin", 400);
        String newPrimary = orgs.jwtFor(org.id(), user);
        patch(newPrimary, org.id(), org.ownerId(), "user", 200);
        as(newPrimary).body("{\"memberId\":\"" + admin + "\"}").post(path, org.id()).then().statusCode(200);
        assertEquals("primary_owner", fx.role(org.id(), admin));
        assertEquals("owner", fx.role(org.id(), user));
    }
}
