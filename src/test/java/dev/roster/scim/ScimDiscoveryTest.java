package dev.roster.scim;

import dev.roster.support.TestOrgs;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
class ScimDiscoveryTest {

    @Inject
    TestOrgs orgs;

    @Test
    void discoveryServesTheSchemaFiles() {
        ScimTestClient scim = new ScimTestClient(orgs.create().scimToken());
        scim.req().get("/scim/v2/ServiceProviderConfig").then().statusCode(200)
                .contentType(startsWith("application/scim+json"))
                .body("patch.supported", equalTo(true)).body("filter.maxResults", equalTo(500))
                .body("etag.supported", equalTo(true)).body("sort.supported", equalTo(true))
                .body("meta.location", startsWith("http"));
        scim.req().get("/scim/v2/ResourceTypes").then().statusCode(200).body("totalResults", equalTo(2))
                .body("Resources.id", hasItems("User", "Group"));
        scim.req().get("/scim/v2/ResourceTypes/User").then().statusCode(200).body("endpoint", equalTo("/Users"));
        scim.req().get("/scim/v2/Schemas").then().statusCode(200).body("totalResults", equalTo(3))
                .body("Resources.id", hasItems(ScimTestClient.USER, ScimTestClient.GROUP, ScimTestClient.ENTERPRISE));
        scim.req().get("/scim/v2/Schemas/" + ScimTestClient.USER).then().statusCode(200)
                .body("attributes.find { it.name == 'userName' }.uniqueness", equalTo("server"));
        scim.req().get("/scim/v2/Schemas/urn:nope").then().statusCode(404).body("status", equalTo("404"));
        given().get("/scim/v2/Schemas").then().statusCode(401);
    }
}
