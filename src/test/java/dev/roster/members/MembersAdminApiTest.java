package dev.roster.members;

import dev.roster.access.OrgRole;
import dev.roster.roles.RolesFixtures;
import dev.roster.support.TestOrgs;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class MembersAdminApiTest {

    @Inject
    TestOrgs orgs;
    @Inject
    RolesFixtures fx;

    private static RequestSpecification as(String jwt) {
        return given().auth().oauth2(jwt).contentType(ContentType.JSON);
    }

    record Org(TestOrgs.TestOrg org, UUID alice, UUID bob, UUID carol, UUID dave, UUID group, UUID scimGroup) {
    }

    private Org seeded() {
        TestOrgs.TestOrg org = orgs.create();
        UUID alice = orgs.addMember(org.id(), "Alice@example.com", OrgRole.USER);
        UUID bob = orgs.addMember(org.id(), "bob@example.com", OrgRole.ADMIN);
        UUID carol = orgs.addMember(org.id(), "carol_x@example.com", OrgRole.CUSTOM_ROLES);
        UUID dave = orgs.addMember(org.id(), "dave@example.com", OrgRole.OWNER);
        UUID group = fx.manualGroup(org.id(), "Engineering", carol);
        UUID scimGroup = fx.scimGroup(org.id(), "Okta everyone", carol, alice);
        return new Org(org, alice, bob, carol, dave, group, scimGroup);
    }

    @Test
    void searchByTextRoleAndGroupWithPaging() {
        Org o = seeded();
        String path = "/api/v1/orgs/{org}/members";
        String jwt = o.org().ownerJwt();
        as(jwt).get(path, o.org().id()).then().statusCode(200)
                .body("items.userName", contains("Alice@example.com", "bob@example.com", "carol_x@example.com",
                        "dave@example.com", "owner-" + o.org().id() + "@example.com"))
                .body("nextCursor", nullValue());
        as(jwt).queryParam("q", "ALICE").get(path, o.org().id()).then().statusCode(200)
                .body("items.id", contains(o.alice().toString()));
        as(jwt).queryParam("q", "_x").get(path, o.org().id()).then().statusCode(200)
                .body("items.id", contains(o.carol().toString()));
        as(jwt).queryParam("q", "%").get(path, o.org().id()).then().statusCode(200).body("items", empty());
        as(jwt).queryParam("role", "admin").get(path, o.org().id()).then().statusCode(200)
                .body("items.id", contains(o.bob().toString()));
        as(jwt).queryParam("groupId", o.scimGroup().toString()).get(path, o.org().id()).then().statusCode(200)
                .body("items.id", contains(o.alice().toString(), o.carol().toString()));
        as(jwt).queryParam("groupId", o.scimGroup().toString()).queryParam("role", "user").queryParam("q", "example")
                .get(path, o.org().id()).then().statusCode(200).body("items.id", contains(o.alice().toString()));
        as(jwt).queryParam("groupId", UUID.randomUUID().toString()).get(path, o.org().id()).then().statusCode(200)
                .body("items", empty());

        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            var request = as(jwt).queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            var page = request.get(path, o.org().id()).then().statusCode(200).extract().jsonPath();
            seen.addAll(page.getList("items.id"));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        assertEquals(5, seen.size());
        assertEquals(5, Set.copyOf(seen).size());

        for (String[] bad : new String[][]{{"role", "king"}, {"groupId", "nope"}, {"limit", "501"}, {"limit", "x"},
                {"cursor", "!!"}, {"q", "x".repeat(201)}}) {
            as(jwt).queryParam(bad[0], bad[1]).get(path, o.org().id()).then().statusCode(400)
                    .body("code", equalTo("validation_failed")).body("field", equalTo(bad[0]));
        }
    }

    @Test
    void aMemberWithTheirGroups() {
        Org o = seeded();
        as(o.org().ownerJwt()).get("/api/v1/orgs/{org}/members/{id}", o.org().id(), o.carol()).then().statusCode(200)
                .body("id", equalTo(o.carol().toString()))
                .body("userName", equalTo("carol_x@example.com"))
                .body("displayName", equalTo("carol_x@example.com"))
                .body("emails", contains("carol_x@example.com"))
                .body("active", equalTo(true))
                .body("orgRole", equalTo("custom_roles"))
                .body("scimManaged", equalTo(false))
                .body("groupIds", containsInAnyOrder(o.group().toString(), o.scimGroup().toString()))
                .body("createdAt", notNullValue())
                .body("updatedAt", notNullValue());
        as(o.org().ownerJwt()).get("/api/v1/orgs/{org}/members/{id}", o.org().id(), o.bob()).then().statusCode(200)
                .body("groupIds", empty());
        as(o.org().ownerJwt()).get("/api/v1/orgs/{org}/members/{id}", o.org().id(), UUID.randomUUID())
                .then().statusCode(404).body("code", equalTo("not_found"));
        as(o.org().ownerJwt()).get("/api/v1/orgs/{org}/members/{id}", o.org().id(), "x").then().statusCode(404);
    }

    @Test
    void whoMayReadMembers() {
        Org o = seeded();
        UUID groupsAdmin = fx.customRolesMember(orgs, o.org(), "groups@example.com", "{\"identity_access\":\"view\"}");
        UUID billing = fx.customRolesMember(orgs, o.org(), "billing@example.com", "{\"billing\":\"manage\"}");
        UUID suspended = orgs.addMember(o.org().id(), "suspended@example.com", OrgRole.OWNER);
        String suspendedJwt = orgs.jwtFor(o.org().id(), suspended);
        fx.suspend(o.org().id(), suspended);
        String list = "/api/v1/orgs/{org}/members";
        String one = "/api/v1/orgs/{org}/members/{id}";

        String user = orgs.jwtFor(o.org().id(), o.alice());
        as(user).get(list, o.org().id()).then().statusCode(403).body("code", equalTo("forbidden"));
        as(user).get(one, o.org().id(), o.bob()).then().statusCode(403);
        as(user).get(one, o.org().id(), o.alice()).then().statusCode(200).body("id", equalTo(o.alice().toString()));
        as(orgs.jwtFor(o.org().id(), billing)).get(list, o.org().id()).then().statusCode(403);
        as(orgs.jwtFor(o.org().id(), o.bob())).get(list, o.org().id()).then().statusCode(200);
        as(orgs.jwtFor(o.org().id(), groupsAdmin)).get(list, o.org().id()).then().statusCode(200);
        as(orgs.jwtFor(o.org().id(), groupsAdmin)).get(one, o.org().id(), o.bob()).then().statusCode(200);
        as(suspendedJwt).get(list, o.org().id()).then().statusCode(403);
        as(suspendedJwt).get(one, o.org().id(), suspended).then().statusCode(403);
        TestOrgs.TestOrg other = orgs.create();
        as(other.ownerJwt()).get(list, o.org().id()).then().statusCode(403);
        as(other.ownerJwt()).get(one, other.id(), o.alice()).then().statusCode(404);
        as(other.ownerJwt()).get(list, other.id()).then().statusCode(200).body("items", hasSize(1));
    }

    @Test
    void removingMembers() {
        Org o = seeded();
        String path = "/api/v1/orgs/{org}/members/{id}";
        UUID another = orgs.addMember(o.org().id(), "another@example.com", OrgRole.USER);
        UUID managedCustom = orgs.addMember(o.org().id(), "managed@example.com", OrgRole.CUSTOM_ROLES);
        UUID umManager = fx.customRolesMember(orgs, o.org(), "um@example.com", "{\"user_management\":\"manage\"}");
        UUID umViewer = fx.customRolesMember(orgs, o.org(), "umv@example.com", "{\"user_management\":\"view\"}");
        String admin = orgs.jwtFor(o.org().id(), o.bob());
        String aliceJwt = orgs.jwtFor(o.org().id(), o.alice());
        String before = fx.snapshot(o.org().id());
        as(admin).delete(path, o.org().id(), o.dave()).then().statusCode(403).body("code", equalTo("owner_required"));
        as(admin).delete(path, o.org().id(), o.bob()).then().statusCode(403);
        as(admin).delete(path, o.org().id(), o.org().ownerId()).then().statusCode(403);
        as(orgs.jwtFor(o.org().id(), umManager)).delete(path, o.org().id(), o.bob()).then().statusCode(403);
        as(orgs.jwtFor(o.org().id(), umViewer)).delete(path, o.org().id(), another).then().statusCode(403);
        as(orgs.jwtFor(o.org().id(), o.alice())).delete(path, o.org().id(), another).then().statusCode(403);
        as(o.org().ownerJwt()).delete(path, o.org().id(), o.org().ownerId()).then().statusCode(400)
                .body("code", equalTo("primary_owner_protected"));
        TestOrgs.TestOrg other = orgs.create();
        as(other.ownerJwt()).delete(path, o.org().id(), another).then().statusCode(403);
        as(other.ownerJwt()).delete(path, other.id(), another).then().statusCode(404);
        assertEquals(before, fx.snapshot(o.org().id()));

        as(admin).delete(path, o.org().id(), o.alice()).then().statusCode(204);
        as(o.org().ownerJwt()).get(path, o.org().id(), o.alice()).then().statusCode(404);
        assertEquals(1, fx.count("SELECT member_count FROM groups WHERE org_id = ? AND id = ?", o.org().id(), o.scimGroup()));
        as(orgs.jwtFor(o.org().id(), umManager)).delete(path, o.org().id(), managedCustom).then().statusCode(204);
        as(o.org().ownerJwt()).delete(path, o.org().id(), o.dave()).then().statusCode(204);
        as(o.org().ownerJwt()).delete(path, o.org().id(), o.bob()).then().statusCode(204);
        assertEquals(4, fx.audits(o.org().id(), "member.deleted"));
        // a removed member's token no longer opens anything
        as(aliceJwt).get("/api/v1/orgs/{org}/members/{id}", o.org().id(), o.alice()).then().statusCode(403);
    }
}
