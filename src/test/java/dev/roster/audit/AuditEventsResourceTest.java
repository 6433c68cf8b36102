package dev.roster.audit;

import dev.roster.access.OrgRole;
import dev.roster.support.AdminFixtures;
import dev.roster.support.TestOrgs;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/** The audit log over real HTTP: newest first, actors of every channel, filters, paging, rights. */
@QuarkusTest
class AuditEventsResourceTest {

    @Inject
    TestOrgs orgs;
    @Inject
    AdminFixtures fixtures;

    private static RequestSpecification as(String jwt) {
        return given().auth().oauth2(jwt).contentType(ContentType.JSON);
    }

    private static String events(UUID orgId) {
        return "/api/v1/orgs/" + orgId + "/audit-events";
    }

    @Test
    void recordsAdminChangesNewestFirstWithBeforeAndAfter() {
        TestOrgs.TestOrg org = orgs.create();
        String groups = "/api/v1/orgs/" + org.id() + "/groups";
        String id = as(org.ownerJwt()).body(Map.of("name", "Design")).post(groups).path("id");
        as(org.ownerJwt()).body(Map.of("name", "Design Team")).patch(groups + "/" + id).then().statusCode(200);
        as(org.ownerJwt()).delete(groups + "/" + id).then().statusCode(204);

        as(org.ownerJwt()).queryParam("targetId", id).get(events(org.id())).then().statusCode(200)
                .body("items.action", contains("group.deleted", "group.renamed", "group.created"))
                .body("items[0].id", notNullValue())
                .body("items[0].at", notNullValue())
                .body("items[0].actor.type", equalTo("member"))
                .body("items[0].actor.id", equalTo(org.ownerId().toString()))
                .body("items[0].actor.name", equalTo("owner-" + org.id() + "@example.com"))
                .body("items[0].target.type", equalTo("group"))
                .body("items[0].target.id", equalTo(id))
                .body("items[0].before.displayName", equalTo("Design Team"))
                .body("items[0].after", nullValue())
                .body("items[1].before.displayName", equalTo("Design"))
                .body("items[1].after.displayName", equalTo("Design Team"))
                .body("items[2].before", nullValue())
                .body("nextCursor", nullValue());
    }

    @Test
    void recordsScimChangesWithTheTokenAsActor() {
        TestOrgs.TestOrg org = orgs.create();
        UUID member = orgs.addMember(org.id(), "idp-user@example.com", OrgRole.USER);
        UUID group = fixtures.scimGroup(org.id(), "Okta Group", List.of(member));
        as(org.ownerJwt()).queryParam("targetId", group.toString()).get(events(org.id())).then().statusCode(200)
                .body("items.action", contains("group.members_added", "group.created"))
                .body("items.actor.type", everyItem(equalTo("scim_token")))
                .body("items.actor.name", everyItem(equalTo("okta")))
                .body("items[0].after.memberIds", contains(member.toString()));
    }

    @Test
    void filtersAndPages() {
        TestOrgs.TestOrg org = orgs.create();
        String groups = "/api/v1/orgs/" + org.id() + "/groups";
        for (int i = 0; i < 5; i++) {
            as(org.ownerJwt()).body(Map.of("name", "g" + i)).post(groups).then().statusCode(201);
        }
        as(org.ownerJwt()).body(Map.of("name", "t")).post("/api/v1/orgs/" + org.id() + "/scim-tokens").then().statusCode(201);

        as(org.ownerJwt()).queryParam("action", "scim_token.created").get(events(org.id())).then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].target.type", equalTo("scim_token"));
        as(org.ownerJwt()).queryParam("action", "group.*").get(events(org.id())).then().statusCode(200)
                .body("items", hasSize(5)).body("items.action", everyItem(equalTo("group.created")));

        Response first = as(org.ownerJwt()).queryParam("action", "group.created").queryParam("limit", 3).get(events(org.id()));
        first.then().statusCode(200).body("items", hasSize(3)).body("items[0].after.displayName", equalTo("g4"))
                .body("nextCursor", notNullValue());
        as(org.ownerJwt()).queryParam("action", "group.created").queryParam("limit", 3)
                .queryParam("cursor", first.<String>path("nextCursor")).get(events(org.id())).then().statusCode(200)
                .body("items.after.displayName", contains("g1", "g0")).body("nextCursor", nullValue());

        as(org.ownerJwt()).queryParam("action", "DROP TABLE").get(events(org.id())).then().statusCode(400)
                .body("code", equalTo("validation_failed")).body("field", equalTo("action"));
        as(org.ownerJwt()).queryParam("cursor", "eHl6").get(events(org.id())).then().statusCode(400).body("field", equalTo("cursor"));
        as(org.ownerJwt()).queryParam("limit", "1000").get(events(org.id())).then().statusCode(400).body("field", equalTo("limit"));
    }

    @Test
    void readingNeedsThePrivacyArea() {
        TestOrgs.TestOrg org = orgs.create();
        TestOrgs.TestOrg other = orgs.create();
        as(other.ownerJwt()).body(Map.of("name", "secret group")).post("/api/v1/orgs/" + other.id() + "/groups").then().statusCode(201);
        String privacyViewer = fixtures.customRoleAdmin(org.id(), "{\"privacy\":\"view\"}");
        String identityManager = fixtures.customRoleAdmin(org.id(), "{\"identity_access\":\"manage\"}");
        String admin = fixtures.memberJwt(org.id(), OrgRole.ADMIN);
        String user = fixtures.memberJwt(org.id(), OrgRole.USER);
        String owner = fixtures.memberJwt(org.id(), OrgRole.OWNER);

        as(privacyViewer).get(events(org.id())).then().statusCode(200);
        as(owner).get(events(org.id())).then().statusCode(200)
                .body("items.after.displayName", everyItem(not(equalTo("secret group"))));
        for (String refused : List.of(identityManager, admin, user, other.ownerJwt())) {
            as(refused).get(events(org.id())).then().statusCode(403).body("code", equalTo("forbidden"));
        }
        given().get(events(org.id())).then().statusCode(401);
    }
}
