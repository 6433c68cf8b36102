package dev.roster.members;

import dev.roster.access.OrgRole;
import dev.roster.support.AdminFixtures;
import dev.roster.support.TestOrgs;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Invitations over real HTTP: who may invite as what, email checks, duplicates, cancelling, claiming. */
@QuarkusTest
class InvitationsResourceTest {

    @Inject
    TestOrgs orgs;
    @Inject
    AdminFixtures fixtures;
    @Inject
    InvitationService invitationService;

    private static RequestSpecification as(String jwt) {
        return given().auth().oauth2(jwt).contentType(ContentType.JSON);
    }

    private static String invitations(UUID orgId) {
        return "/api/v1/orgs/" + orgId + "/invitations";
    }

    private long pending(UUID orgId) {
        return fixtures.count("SELECT count(*) FROM invitations WHERE org_id = ?", orgId);
    }

    @Test
    void ownersInviteWithAnyRoleButPrimaryOwner() {
        TestOrgs.TestOrg org = orgs.create();
        for (String role : List.of("owner", "admin", "user", "custom_roles")) {
            as(org.ownerJwt()).body(Map.of("email", role + "@example.com", "orgRole", role)).post(invitations(org.id()))
                    .then().statusCode(201)
                    .body("id", notNullValue())
                    .body("email", equalTo(role + "@example.com"))
                    .body("orgRole", equalTo(role))
                    .body("invitedBy", equalTo(org.ownerId().toString()))
                    .body("createdAt", notNullValue());
        }
        as(org.ownerJwt()).body(Map.of("email", "po@example.com", "orgRole", "primary_owner")).post(invitations(org.id()))
                .then().statusCode(400).body("code", equalTo("validation_failed")).body("field", equalTo("orgRole"));
        String owner = fixtures.memberJwt(org.id(), OrgRole.OWNER);
        as(owner).body(Map.of("email", "by-owner@example.com", "orgRole", "admin")).post(invitations(org.id())).then().statusCode(201);
        assertEquals(5, pending(org.id()));
        assertEquals(5, fixtures.count("SELECT count(*) FROM audit_events WHERE org_id = ? AND action = 'invitation.created'", org.id()));
    }

    @Test
    void adminsInviteOnlyUsersAndCustomRoleAdminsNeverOwnersOrAdmins() {
        TestOrgs.TestOrg org = orgs.create();
        String admin = fixtures.memberJwt(org.id(), OrgRole.ADMIN);
        as(admin).body(Map.of("email", "u@example.com", "orgRole", "user")).post(invitations(org.id())).then().statusCode(201);
        as(admin).body(Map.of("email", "x-custom@example.com", "orgRole", "custom_roles")).post(invitations(org.id()))
                .then().statusCode(403).body("code", equalTo("forbidden"));
        for (String role : List.of("admin", "owner")) {
            as(admin).body(Map.of("email", "x-" + role + "@example.com", "orgRole", role)).post(invitations(org.id()))
                    .then().statusCode(403).body("code", equalTo("owner_required"));
        }
        String userManager = fixtures.customRoleAdmin(org.id(), "{\"user_management\":\"manage\"}");
        as(userManager).body(Map.of("email", "c@example.com", "orgRole", "custom_roles")).post(invitations(org.id())).then().statusCode(201);
        as(userManager).body(Map.of("email", "c2@example.com", "orgRole", "user")).post(invitations(org.id())).then().statusCode(201);
        as(userManager).body(Map.of("email", "a@example.com", "orgRole", "admin")).post(invitations(org.id())).then().statusCode(403);
        assertEquals(3, pending(org.id()));
    }

    @Test
    void readingAndWritingFollowTheUserManagementArea() {
        TestOrgs.TestOrg org = orgs.create();
        as(org.ownerJwt()).body(Map.of("email", "p@example.com", "orgRole", "user")).post(invitations(org.id())).then().statusCode(201);
        String viewer = fixtures.customRoleAdmin(org.id(), "{\"user_management\":\"view\"}");
        String identityOnly = fixtures.customRoleAdmin(org.id(), "{\"identity_access\":\"manage\"}");
        String user = fixtures.memberJwt(org.id(), OrgRole.USER);
        as(viewer).get(invitations(org.id())).then().statusCode(200).body("items.email", contains("p@example.com"));
        as(viewer).body(Map.of("email", "v@example.com", "orgRole", "user")).post(invitations(org.id())).then().statusCode(403);
        for (String refused : List.of(identityOnly, user)) {
            as(refused).get(invitations(org.id())).then().statusCode(403).body("code", equalTo("forbidden"));
            as(refused).body(Map.of("email", "v@example.com", "orgRole", "user")).post(invitations(org.id())).then().statusCode(403);
        }
        TestOrgs.TestOrg other = orgs.create();
        as(other.ownerJwt()).get(invitations(org.id())).then().statusCode(403);
        as(other.ownerJwt()).body(Map.of("email", "v@example.com", "orgRole", "user")).post(invitations(org.id())).then().statusCode(403);
        UUID suspended = orgs.addMember(org.id(), "s@example.com", OrgRole.OWNER);
        String suspendedJwt = orgs.jwtFor(org.id(), suspended);
        fixtures.suspend(org.id(), suspended);
        as(suspendedJwt).body(Map.of("email", "v@example.com", "orgRole", "user")).post(invitations(org.id())).then().statusCode(403);
        assertEquals(1, pending(org.id()));
    }

    @Test
    void badInputIsRefusedAndChangesNothing() {
        TestOrgs.TestOrg org = orgs.create();
        for (String email : List.of("", "  ", "no-at-sign", "a@b", "two@@example.com", "sp ace@example.com",
                "x".repeat(320) + "@example.com")) {
            as(org.ownerJwt()).body(Map.of("email", email, "orgRole", "user")).post(invitations(org.id())).then().statusCode(400)
                    .body("code", equalTo("validation_failed")).body("field", equalTo("email"));
        }
        as(org.ownerJwt()).body(Map.of("email", "ok@example.com")).post(invitations(org.id())).then().statusCode(400)
                .body("field", equalTo("orgRole"));
        as(org.ownerJwt()).body(Map.of("email", "ok@example.com", "orgRole", "superuser")).post(invitations(org.id()))
                .then().statusCode(400).body("field", equalTo("orgRole"));
        as(org.ownerJwt()).body(Map.of("orgRole", "user")).post(invitations(org.id())).then().statusCode(400)
                .body("field", equalTo("email"));
        as(org.ownerJwt()).body(Map.of("email", 5, "orgRole", "user")).post(invitations(org.id())).then().statusCode(400)
                .body("field", equalTo("email"));
        as(org.ownerJwt()).body("{\"email\":").post(invitations(org.id())).then().statusCode(400)
                .contentType(startsWith("application/problem+json")).body("code", equalTo("malformed_request"));
        assertEquals(0, pending(org.id()));
    }

    @Test
    void duplicatesAndExistingMembersAreNameTaken() {
        TestOrgs.TestOrg org = orgs.create();
        orgs.addMember(org.id(), "Member@Example.com", OrgRole.USER);
        as(org.ownerJwt()).body(Map.of("email", "new@example.com", "orgRole", "user")).post(invitations(org.id())).then().statusCode(201);
        as(org.ownerJwt()).body(Map.of("email", "NEW@example.com", "orgRole", "admin")).post(invitations(org.id())).then().statusCode(409)
                .body("code", equalTo("name_taken")).body("field", equalTo("email"));
        as(org.ownerJwt()).body(Map.of("email", "member@example.com", "orgRole", "user")).post(invitations(org.id())).then().statusCode(409)
                .body("code", equalTo("name_taken"));
        // the same email may be pending in another organization
        TestOrgs.TestOrg other = orgs.create();
        as(other.ownerJwt()).body(Map.of("email", "new@example.com", "orgRole", "user")).post(invitations(other.id())).then().statusCode(201);
        assertEquals(1, pending(org.id()));
    }

    @Test
    void listsNewestFirstPageByPage() {
        TestOrgs.TestOrg org = orgs.create();
        for (int i = 1; i <= 5; i++) {
            as(org.ownerJwt()).body(Map.of("email", "p" + i + "@example.com", "orgRole", "user")).post(invitations(org.id()))
                    .then().statusCode(201);
        }
        Response first = as(org.ownerJwt()).queryParam("limit", 3).get(invitations(org.id()));
        first.then().statusCode(200).body("items.email", contains("p5@example.com", "p4@example.com", "p3@example.com"))
                .body("nextCursor", notNullValue());
        as(org.ownerJwt()).queryParam("limit", 3).queryParam("cursor", first.<String>path("nextCursor")).get(invitations(org.id()))
                .then().statusCode(200).body("items.email", contains("p2@example.com", "p1@example.com"))
                .body("nextCursor", nullValue());
    }

    @Test
    void cancellingFollowsTheSameRoleRules() {
        TestOrgs.TestOrg org = orgs.create();
        String ownerInvite = as(org.ownerJwt()).body(Map.of("email", "o@example.com", "orgRole", "owner")).post(invitations(org.id())).path("id");
        String userInvite = as(org.ownerJwt()).body(Map.of("email", "u@example.com", "orgRole", "user")).post(invitations(org.id())).path("id");
        String admin = fixtures.memberJwt(org.id(), OrgRole.ADMIN);
        as(admin).delete(invitations(org.id()) + "/" + ownerInvite).then().statusCode(403);
        as(admin).delete(invitations(org.id()) + "/" + userInvite).then().statusCode(204);
        as(admin).delete(invitations(org.id()) + "/" + userInvite).then().statusCode(404).body("code", equalTo("not_found"));
        TestOrgs.TestOrg other = orgs.create();
        as(other.ownerJwt()).delete(invitations(other.id()) + "/" + ownerInvite).then().statusCode(404);
        as(org.ownerJwt()).delete(invitations(org.id()) + "/not-an-id").then().statusCode(404);
        as(org.ownerJwt()).delete(invitations(org.id()) + "/" + ownerInvite).then().statusCode(204);
        assertEquals(0, pending(org.id()));
        assertEquals(2, fixtures.count("SELECT count(*) FROM audit_events WHERE org_id = ? AND action = 'invitation.cancelled'", org.id()));
    }

    @Test
    void claimingTurnsTheInvitationIntoTheRoleOnce() {
        TestOrgs.TestOrg org = orgs.create();
        as(org.ownerJwt()).body(Map.of("email", "Joiner@Example.com", "orgRole", "custom_roles")).post(invitations(org.id()))
                .then().statusCode(201);
        Optional<OrgRole> claimed = QuarkusTransaction.requiringNew().call(() -> invitationService.claim(org.id(), "joiner@example.com"));
        assertEquals(Optional.of(OrgRole.CUSTOM_ROLES), claimed);
        assertEquals(Optional.empty(), QuarkusTransaction.requiringNew().call(() -> invitationService.claim(org.id(), "joiner@example.com")));
        assertEquals(0, pending(org.id()));
        assertEquals(1, fixtures.count("SELECT count(*) FROM audit_events WHERE org_id = ? AND action = 'invitation.accepted'", org.id()));
    }
}
