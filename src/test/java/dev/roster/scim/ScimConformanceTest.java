package dev.roster.scim;

import dev.roster.support.TestOrgs;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What third-party SCIM clients and conformance suites found (issue 11, items 1–9), through the HTTP API. */
@QuarkusTest
class ScimConformanceTest {

    @Inject
    TestOrgs orgs;

    ScimTestClient scim;

    @BeforeEach
    void setUp() {
        scim = new ScimTestClient(orgs.create().scimToken());
    }

    @Test
    void removingActiveIsRefusedAndNeverReactivates() {
        String body = ScimTestClient.userBody(ScimTestClient.unique("inactive")).replace("\"active\":true", "\"active\":false");
        String id = scim.req().body(body).post("/scim/v2/Users").then().statusCode(201).body("active", equalTo(false))
                .extract().path("id");
        for (String operation : new String[]{
                "{\"op\":\"remove\",\"path\":\"active\"}",
                "{\"op\":\"Remove\",\"path\":\"ACTIVE\"}",
                "{\"op\":\"replace\",\"value\":{\"active\":null}}",
                "{\"op\":\"add\",\"value\":{\"active\":null}}"}) {
            scim.patch("Users", id, operation).then().statusCode(400).body("scimType", equalTo("mutability"));
            scim.req().get("/scim/v2/Users/" + id).then().statusCode(200).body("active", equalTo(false))
                    .body("meta.version", equalTo("W/\"1\""));
        }
    }

    @Test
    void everyAnswerCarriesOneWeakETagMatchingMetaVersion() {
        Response created = scim.req().body(ScimTestClient.userBody(ScimTestClient.unique("etag"))).post("/scim/v2/Users");
        String user = assertOneWeakETag(created, 201);
        assertOneWeakETag(scim.req().get("/scim/v2/Users/" + user), 200);
        assertOneWeakETag(scim.req().body(ScimTestClient.userBody(ScimTestClient.unique("etag-put"))).put("/scim/v2/Users/" + user), 200);
        assertOneWeakETag(scim.patch("Users", user, "{\"op\":\"replace\",\"path\":\"title\",\"value\":\"T\"}"), 200);

        Response group = scim.req().body("{\"schemas\":[\"" + ScimTestClient.GROUP + "\"],\"displayName\":\"ETags\"}").post("/scim/v2/Groups");
        String groupId = assertOneWeakETag(group, 201);
        assertOneWeakETag(scim.req().get("/scim/v2/Groups/" + groupId), 200);
        assertOneWeakETag(scim.req().body("{\"schemas\":[\"" + ScimTestClient.GROUP + "\"],\"displayName\":\"ETags 2\"}")
                .put("/scim/v2/Groups/" + groupId), 200);
        assertOneWeakETag(scim.req().queryParam("attributes", "displayName")
                .body("{\"Operations\":[{\"op\":\"replace\",\"path\":\"displayName\",\"value\":\"ETags 3\"}]}")
                .patch("/scim/v2/Groups/" + groupId), 200);
        Response noContent = scim.patch("Groups", groupId, "{\"op\":\"replace\",\"path\":\"displayName\",\"value\":\"ETags 4\"}");
        noContent.then().statusCode(204);
        assertEquals(List.of("W/\"4\""), noContent.getHeaders().getValues("ETag"));
    }

    /** The one ETag header, weak and equal to meta.version when the answer shows it; returns the resource's id. */
    private static String assertOneWeakETag(Response response, int status) {
        response.then().statusCode(status);
        List<String> tags = response.getHeaders().getValues("ETag");
        assertEquals(1, tags.size(), "ETag headers: " + tags);
        assertTrue(tags.get(0).matches("W/\"\\d+\""), tags.get(0));
        String version = response.path("meta.version");
        if (version != null) {
            assertEquals(tags.get(0), version);
        }
        return response.path("id");
    }

    @Test
    void aNewResourceWasLastModifiedWhenItWasCreated() {
        Response created = scim.req().body(ScimTestClient.userBody(ScimTestClient.unique("fresh"))).post("/scim/v2/Users");
        created.then().statusCode(201);
        String createdAt = created.path("meta.created");
        assertEquals(createdAt, created.path("meta.lastModified"));
        scim.req().get("/scim/v2/Users/" + created.path("id")).then()
                .body("meta.created", equalTo(createdAt)).body("meta.lastModified", equalTo(createdAt));
        Response group = scim.req().body("{\"schemas\":[\"" + ScimTestClient.GROUP + "\"],\"displayName\":\"Fresh\"}").post("/scim/v2/Groups");
        assertEquals((String) group.path("meta.created"), group.path("meta.lastModified"));
    }

    @Test
    void aPatchWithoutOperationsIsAnInvalidValue() {
        String user = scim.createUser(ScimTestClient.unique("noop"));
        String group = scim.createGroup("No operations");
        for (String resource : new String[]{"Users/" + user, "Groups/" + group}) {
            scim.req().body("{\"schemas\":[\"" + ScimTestClient.PATCH + "\"],\"Operations\":[]}").patch("/scim/v2/" + resource)
                    .then().statusCode(400).body("scimType", equalTo("invalidValue"));
            scim.req().get("/scim/v2/" + resource).then().statusCode(200).body("meta.version", equalTo("W/\"1\""));
        }
    }

    @Test
    void ifNoneMatchWithTheCurrentVersionAnswers304() {
        String user = scim.createUser(ScimTestClient.unique("cached"));
        String group = scim.createGroup("Cached");
        for (String resource : new String[]{"Users/" + user, "Groups/" + group}) {
            for (String current : new String[]{"W/\"1\"", "\"1\"", "W/\"9\", W/\"1\"", "*"}) {
                Response notModified = scim.req().header("If-None-Match", current).get("/scim/v2/" + resource);
                notModified.then().statusCode(304).body(emptyString());
                assertEquals(List.of("W/\"1\""), notModified.getHeaders().getValues("ETag"), resource + " " + current);
            }
            scim.req().header("If-None-Match", "W/\"2\"").get("/scim/v2/" + resource).then().statusCode(200)
                    .header("ETag", "W/\"1\"").body("id", equalTo(resource.substring(resource.indexOf('/') + 1)));
        }
    }

    @Test
    void aPatchAtTheEnterpriseExtensionUrnSetsItsAttributes() {
        String id = scim.createUser(ScimTestClient.unique("ext"));
        String enterprise = "'" + ScimTestClient.ENTERPRISE + "'";
        scim.patch("Users", id, "{\"op\":\"add\",\"path\":\"" + ScimTestClient.ENTERPRISE + "\","
                        + "\"value\":{\"department\":\"R&D\",\"manager\":{\"value\":\"boss-id\"},\"employeeNumber\":\"42\"}}")
                .then().statusCode(200).body("schemas", hasItem(ScimTestClient.ENTERPRISE))
                .body(enterprise + ".department", equalTo("R&D")).body(enterprise + ".manager.value", equalTo("boss-id"));
        scim.patch("Users", id, "{\"op\":\"replace\",\"path\":\"" + ScimTestClient.ENTERPRISE + "\",\"value\":{\"Department\":\"Ops\"}}")
                .then().statusCode(200)
                .body(enterprise + ".department", equalTo("Ops")).body(enterprise + ".employeeNumber", equalTo("42"));
        scim.patch("Users", id, "{\"op\":\"replace\",\"path\":\"" + ScimTestClient.ENTERPRISE + "\",\"value\":\"Ops\"}")
                .then().statusCode(400).body("scimType", equalTo("invalidValue"));
        scim.patch("Users", id, "{\"op\":\"remove\",\"path\":\"" + ScimTestClient.ENTERPRISE + "\"}").then().statusCode(200)
                .body("$", not(hasKey(ScimTestClient.ENTERPRISE))).body("schemas", not(hasItem(ScimTestClient.ENTERPRISE)));
    }

    @Test
    void aMultiValuedAttributeWithNoValuesIsOmitted() {
        String user = scim.createUser(ScimTestClient.unique("alone"));
        scim.req().get("/scim/v2/Users/" + user).then().statusCode(200).body("$", not(hasKey("groups")));
        String group = scim.createGroup("Emptied");
        scim.req().get("/scim/v2/Groups/" + group).then().statusCode(200).body("$", not(hasKey("members")));
        scim.patch("Groups", group, "{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"" + user + "\"}]}").then().statusCode(204);
        scim.req().get("/scim/v2/Users/" + user).then().body("groups.value", hasItem(group));
        scim.patch("Groups", group, "{\"op\":\"remove\",\"path\":\"members\"}").then().statusCode(204);
        scim.req().get("/scim/v2/Groups/" + group).then().statusCode(200).body("$", not(hasKey("members")));
        scim.req().queryParam("attributes", "members").get("/scim/v2/Groups/" + group).then().statusCode(200)
                .body("$", not(hasKey("members")));
        scim.req().queryParam("filter", "displayName eq \"Emptied\"").get("/scim/v2/Groups").then().statusCode(200)
                .body("Resources[0]", not(hasKey("members")));
        scim.req().queryParam("attributes", "emails.display").get("/scim/v2/Users/" + user).then().statusCode(200)
                .body("$", not(hasKey("emails")));
    }

    @Test
    void filterErrorsSayWhatIsWrongInTheClientsTerms() {
        String[][] cases = {
                {"userName eq", "'userName eq' has no value to compare with"},
                {"userName eq \"x", "the quoted value \"x has no closing double quote"},
                {"userName xx \"a\"", "'xx' in 'userName xx' is not an operator"},
                {"userName", "'userName' is not followed by an operator"},
                {"((userName eq \"a\"", "is never closed with ')'"},
                {"userName eq \"a\")", "')' after 'userName eq \"a\"' closes no '('"},
                {"userName eq \"a\" and", "'and' at the end is not followed by a comparison"},
                {"userName eq \"a\" foo", "unexpected 'foo' after 'userName eq \"a\"'"},
                {"not userName eq \"a\"", "'not' must be followed by a filter in parentheses"},
                {"emails[]", "'emails[]' has no filter inside [ ]"},
                {"emails[type eq \"work\"]]", "']' after 'emails[type eq \"work\"]' closes no '['"},
        };
        for (String[] filterAndProblem : cases) {
            String detail = scim.req().queryParam("filter", filterAndProblem[0]).get("/scim/v2/Users").then().statusCode(400)
                    .body("scimType", equalTo("invalidFilter")).extract().path("detail");
            assertTrue(detail.startsWith("Invalid filter '" + filterAndProblem[0] + "': "), detail);
            assertTrue(detail.contains(filterAndProblem[1]), detail);
            for (String internal : new String[]{"position", "Exception", "StreamReadFeature", "token", "marker"}) {
                assertFalse(detail.contains(internal), detail);
            }
        }
    }
}
