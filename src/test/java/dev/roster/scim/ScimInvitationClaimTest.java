package dev.roster.scim;

import dev.roster.common.Sql;
import dev.roster.support.TestOrgs;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class ScimInvitationClaimTest {

    @Inject
    TestOrgs orgs;
    @Inject
    Sql sql;

    @Test
    void anIdpCreatingAnInvitedUserNameGivesTheInvitedRole() {
        TestOrgs.TestOrg org = orgs.create();
        String email = ScimTestClient.unique("invited");
        given().auth().oauth2(org.ownerJwt()).contentType("application/json")
                .body("{\"email\":\"" + email.toUpperCase() + "\",\"orgRole\":\"custom_roles\"}")
                .post("/api/v1/orgs/" + org.id() + "/invitations").then().statusCode(201);
        String id = new ScimTestClient(org.scimToken()).createUser(email);
        String role = QuarkusTransaction.requiringNew().call(() -> sql.queryOne(
                "SELECT org_role FROM members WHERE org_id = ? AND id = ?", row -> row.getString(1), org.id(), UUID.fromString(id)).orElseThrow());
        assertEquals("custom_roles", role);
        given().auth().oauth2(org.ownerJwt()).get("/api/v1/orgs/" + org.id() + "/invitations").then().statusCode(200)
                .body("items.size()", equalTo(0));
        // the audit log tells it in order: the invitation accepted, then the member created with its role
        given().auth().oauth2(org.ownerJwt()).get("/api/v1/orgs/" + org.id() + "/audit-events").then().statusCode(200)
                .body("items[0].action", equalTo("member.created")).body("items[0].target.id", equalTo(id))
                .body("items[0].actor.type", equalTo("scim_token"))
                .body("items[0].after.orgRole", equalTo("custom_roles")).body("items[0].after.userName", equalTo(email))
                .body("items[1].action", equalTo("invitation.accepted"))
                .body("items[1].before.orgRole", equalTo("custom_roles"));
        // a user nobody invited starts as user
        String other = new ScimTestClient(org.scimToken()).createUser(ScimTestClient.unique("uninvited"));
        assertEquals("user", QuarkusTransaction.requiringNew().call(() -> sql.queryOne(
                "SELECT org_role FROM members WHERE org_id = ? AND id = ?", row -> row.getString(1), org.id(), UUID.fromString(other)).orElseThrow()));
    }
}
