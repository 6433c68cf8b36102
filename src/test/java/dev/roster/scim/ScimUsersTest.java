package dev.roster.scim;

import dev.roster.support.TestOrgs;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class ScimUsersTest {

    @Inject
    TestOrgs orgs;

    ScimTestClient scim;
    TestOrgs.TestOrg org;

    @BeforeEach
    void setUp() {
        org = orgs.create();
        scim = new ScimTestClient(org.scimToken());
    }

    @Test
    void oktaAssignmentSequence() {
        String userName = ScimTestClient.unique("okta");
        // 1. filter before create: nothing there
        scim.req().queryParam("filter", "userName eq \"" + userName + "\"").queryParam("startIndex", 1).queryParam("count", 100)
                .get("/scim/v2/Users").then().statusCode(200)
                .contentType(startsWith("application/scim+json"))
                .body("schemas", hasItem("urn:ietf:params:scim:api:messages:2.0:ListResponse"))
                .body("totalResults", equalTo(0)).body("startIndex", equalTo(1)).body("itemsPerPage", equalTo(0));
        // 2. create
        String id = scim.req().body(ScimTestClient.userBody(userName)).post("/scim/v2/Users").then().statusCode(201)
                .header("Location", containsString("/scim/v2/Users/"))
                .header("ETag", startsWith("W/\""))
                .body("id", notNullValue()).body("userName", equalTo(userName)).body("active", equalTo(true))
                .body("name.givenName", equalTo("Given")).body("schemas", hasItem(ScimTestClient.USER))
                .body("$", not(hasKey("password")))
                .body("meta.resourceType", equalTo("User")).body("meta.location", containsString(":"))
                .extract().path("id");
        // 3. duplicate → 409 uniqueness, also in another case
        scim.req().body(ScimTestClient.userBody(userName.toUpperCase())).post("/scim/v2/Users").then().statusCode(409)
                .body("scimType", equalTo("uniqueness")).body("status", equalTo("409"))
                .body("schemas", hasItem("urn:ietf:params:scim:api:messages:2.0:Error"));
        // 4. case-insensitive filter finds it
        scim.req().queryParam("filter", "userName eq \"" + userName.toUpperCase() + "\"").get("/scim/v2/Users")
                .then().statusCode(200).body("totalResults", equalTo(1)).body("Resources[0].id", equalTo(id));
        // 5. PUT update with id and meta in the body (ignored)
        scim.req().body("""
                {"schemas":["%s"],"id":"ignored","meta":{"resourceType":"User"},"userName":"%s",
                 "name":{"givenName":"Renamed","familyName":"Family"},"emails":[{"value":"%s","type":"work","primary":true}],
                 "active":true}""".formatted(ScimTestClient.USER, userName, userName))
                .put("/scim/v2/Users/" + id).then().statusCode(200).body("name.givenName", equalTo("Renamed"))
                .body("id", equalTo(id)).body("$", not(hasKey("displayName")));
        // 6. path-less deactivate
        scim.patch("Users", id, "{\"op\":\"replace\",\"value\":{\"active\":false}}").then().statusCode(200)
                .body("active", equalTo(false));
        // 7. GET after deactivate → 200 active:false
        scim.req().get("/scim/v2/Users/" + id).then().statusCode(200).body("active", equalTo(false));
        // reactivate
        scim.patch("Users", id, "{\"op\":\"replace\",\"value\":{\"active\":true}}").then().statusCode(200)
                .body("active", equalTo(true));
    }

    @Test
    void entraDialect() {
        String userName = ScimTestClient.unique("entra");
        String id = scim.createUser(userName);
        scim.patch("Users", id, """
                {"op":"Replace","path":"emails[type eq \\"work\\"].value","value":"new-%s"},
                {"op":"Replace","path":"name.familyName","value":"Smith"},
                {"op":"Replace","path":"active","value":"False"},
                {"op":"Add","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager","value":"boss-id"},
                {"op":"replace","value":{"name.givenName":"Ann","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department":"R&D"}}
                """.formatted(userName)).then().statusCode(200)
                .body("emails[0].value", equalTo("new-" + userName))
                .body("name.familyName", equalTo("Smith")).body("name.givenName", equalTo("Ann"))
                .body("active", equalTo(false))
                .body("'" + ScimTestClient.ENTERPRISE + "'.manager.value", equalTo("boss-id"))
                .body("'" + ScimTestClient.ENTERPRISE + "'.department", equalTo("R&D"))
                .body("schemas", hasItem(ScimTestClient.ENTERPRISE));
        // Entra's externalId and complex-value filters
        scim.patch("Users", id, "{\"op\":\"add\",\"path\":\"externalId\",\"value\":\"ext-" + id + "\"}").then().statusCode(200);
        scim.req().queryParam("filter", "externalId eq ext-" + id).get("/scim/v2/Users").then().statusCode(200)
                .body("totalResults", equalTo(1));
        scim.req().queryParam("filter", "emails[type eq \"work\"].value eq \"NEW-" + userName + "\"").get("/scim/v2/Users")
                .then().statusCode(200).body("totalResults", equalTo(1)).body("Resources[0].id", equalTo(id));
        // a replace on a filtered path that matches nothing adds the element
        scim.patch("Users", id, "{\"op\":\"replace\",\"path\":\"phoneNumbers[type eq \\\"mobile\\\"].value\",\"value\":\"+1 555\"}")
                .then().statusCode(200).body("phoneNumbers[0].type", equalTo("mobile")).body("phoneNumbers[0].value", equalTo("+1 555"));
    }

    @Test
    void filtersCoverTheGrammar() {
        String a = scim.createUser("alpha-" + ScimTestClient.unique("f"));
        String b = scim.createUser("beta-" + ScimTestClient.unique("f"));
        scim.patch("Users", b, "{\"op\":\"replace\",\"path\":\"title\",\"value\":\"Engineer\"}").then().statusCode(200);
        assertCount("userName sw \"alpha-\"", 1);
        assertCount("USERNAME SW \"ALPHA-\"", 1);
        assertCount("userName co \"-f-\"", 2);
        assertCount("userName ew \"@SCIM.TEST\"", 2);
        assertCount("title pr", 1);
        assertCount("not (title eq \"engineer\") and userName ew \"scim.test\"", 1);
        assertCount("not (not (title eq \"engineer\")) and userName ew \"scim.test\"", 1);
                assertCount("title eq \"engineer\" and userName sw \"beta\"", 1);
        assertCount("userName sw \"alpha\" or userName sw \"beta\"", 2);
        assertCount("userName co \"%\" or userName co \"a_pha\"", 0); // LIKE wildcards in values are literal
        assertCount("(userName sw \"alpha\" or title pr) and active eq true", 2);
        assertCount("not (title pr) and userName ew \"scim.test\"", 1);
        assertCount("emails[type eq \"work\" and value co \"alpha\"]", 1);
        assertCount("emails.value co \"beta\"", 1);
        assertCount("id eq \"" + a + "\"", 1);
        assertCount("id eq \"not-a-uuid\"", 0);
        assertCount("meta.created gt \"2000-01-01T00:00:00Z\" and userName ew \"scim.test\"", 2);
        assertCount("meta.lastModified lt \"2000-01-01T00:00:00Z\"", 0);
        assertCount("userName gt \"alpha\" and userName lt \"b\"", 1);
        assertCount("active ne false and not (userName ew \"scim.test\")", 1);
        assertCount("name.givenName eq \"given\"", 2);
        for (String bad : new String[]{"userName eq", "foo eq \"x\"", "active gt true", "((userName eq \"a\"", "userName zz \"a\""}) {
            scim.req().queryParam("filter", bad).get("/scim/v2/Users").then().statusCode(400)
                    .body("scimType", equalTo("invalidFilter")).body("detail", notNullValue());
        }
    }

    @Test
    void pagingIsStableAndCountZeroGivesOnlyTheTotal() {
        for (int i = 0; i < 5; i++) {
            scim.createUser(ScimTestClient.unique("page" + i));
        }
        Set<String> seen = new HashSet<>();
        for (int start = 1; start <= 5; start += 2) {
            List<String> ids = scim.req().queryParam("startIndex", start).queryParam("count", 2).get("/scim/v2/Users")
                    .then().statusCode(200).body("totalResults", equalTo(6)).extract().path("Resources.id");
            seen.addAll(ids);
        }
        assertEquals(6, seen.size());
        scim.req().queryParam("count", 0).get("/scim/v2/Users").then().statusCode(200)
                .body("totalResults", equalTo(6)).body("Resources.size()", equalTo(0));
        scim.req().queryParam("startIndex", 100).get("/scim/v2/Users").then().statusCode(200)
                .body("totalResults", equalTo(6)).body("Resources.size()", equalTo(0));
        scim.req().queryParam("sortBy", "userName").queryParam("sortOrder", "descending").queryParam("count", 1)
                .get("/scim/v2/Users").then().statusCode(200).body("Resources[0].userName", startsWith("page4"));
        scim.req().queryParam("count", "many").get("/scim/v2/Users").then().statusCode(400).body("scimType", equalTo("invalidValue"));
        // filtered pages: the total is the whole match, whether the page is full, short, later or past the end
        String pages = "userName sw \"page\"";
        for (int[] startCountRows : new int[][]{{1, 2, 2}, {1, 5, 5}, {1, 10, 5}, {4, 2, 2}, {5, 10, 1}, {9, 2, 0}}) {
            scim.req().queryParam("filter", pages).queryParam("startIndex", startCountRows[0]).queryParam("count", startCountRows[1])
                    .get("/scim/v2/Users").then().statusCode(200)
                    .body("totalResults", equalTo(5)).body("itemsPerPage", equalTo(startCountRows[2]))
                    .body("Resources.size()", equalTo(startCountRows[2]));
        }
        scim.req().queryParam("filter", pages).queryParam("count", 0).get("/scim/v2/Users").then().statusCode(200)
                .body("totalResults", equalTo(5));
        scim.req().body("{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:SearchRequest\"],\"filter\":\"userName sw \\\"page1\\\"\",\"attributes\":[\"userName\"]}")
                .post("/scim/v2/Users/.search").then().statusCode(200).body("totalResults", equalTo(1))
                .body("Resources[0]", not(hasKey("emails"))).body("Resources[0].userName", startsWith("page1"));
    }

    @Test
    void attributesAndExcludedAttributes() {
        String id = scim.createUser(ScimTestClient.unique("attrs"));
        scim.req().queryParam("attributes", "userName,name.familyName").get("/scim/v2/Users/" + id).then().statusCode(200)
                .body("id", equalTo(id)).body("userName", notNullValue()).body("name.familyName", equalTo("Family"))
                .body("name", not(hasKey("givenName"))).body("$", not(hasKey("emails"))).body("$", not(hasKey("meta")));
        scim.req().queryParam("excludedAttributes", "emails,NAME").get("/scim/v2/Users/" + id).then().statusCode(200)
                .body("$", not(hasKey("emails"))).body("$", not(hasKey("name"))).body("userName", notNullValue());
    }

    @Test
    void etagsGuardWrites() {
        String id = scim.createUser(ScimTestClient.unique("etag"));
        String etag = scim.req().get("/scim/v2/Users/" + id).then().statusCode(200).extract().header("ETag");
        scim.req().header("If-Match", etag).body("{\"schemas\":[\"" + ScimTestClient.PATCH + "\"],\"Operations\":[{\"op\":\"replace\",\"path\":\"title\",\"value\":\"A\"}]}")
                .patch("/scim/v2/Users/" + id).then().statusCode(200);
        scim.req().header("If-Match", etag).body("{\"schemas\":[\"" + ScimTestClient.PATCH + "\"],\"Operations\":[{\"op\":\"replace\",\"path\":\"title\",\"value\":\"B\"}]}")
                .patch("/scim/v2/Users/" + id).then().statusCode(412);
        scim.req().get("/scim/v2/Users/" + id).then().body("title", equalTo("A"));
    }

    @Test
    void badInputIsA4xxAndChangesNothing() {
        String id = scim.createUser(ScimTestClient.unique("bad"));
        scim.req().body("{not json").post("/scim/v2/Users").then().statusCode(400).body("scimType", equalTo("invalidSyntax"));
        scim.req().body("{\"schemas\":[\"" + ScimTestClient.GROUP + "\"],\"userName\":\"x@example.com\"}").post("/scim/v2/Users")
                .then().statusCode(400);
        scim.req().body("{\"schemas\":[\"" + ScimTestClient.USER + "\"],\"userName\":\"y@example.com\",\"shoeSize\":42}")
                .post("/scim/v2/Users").then().statusCode(400).body("detail", containsString("shoeSize"));
        scim.req().body("{\"schemas\":[\"" + ScimTestClient.USER + "\"],\"userName\":\"z@example.com\",\"active\":\"maybe\"}")
                .post("/scim/v2/Users").then().statusCode(400).body("scimType", equalTo("invalidValue"));
        scim.req().body("{\"schemas\":[\"" + ScimTestClient.USER + "\"],\"displayName\":\"no user name\"}")
                .post("/scim/v2/Users").then().statusCode(400);
        scim.req().body("[]").post("/scim/v2/Users").then().statusCode(400);
        scim.patch("Users", id, "{\"op\":\"replace\",\"path\":\"nope\",\"value\":1}").then().statusCode(400)
                .body("scimType", equalTo("invalidPath"));
        scim.patch("Users", id, "{\"op\":\"jump\",\"path\":\"title\",\"value\":1}").then().statusCode(400);
        scim.patch("Users", id, "{\"op\":\"replace\",\"path\":\"emails[type eq\",\"value\":1}").then().statusCode(400);
        scim.patch("Users", id, "{\"op\":\"replace\",\"path\":\"id\",\"value\":\"x\"}").then().statusCode(400)
                .body("scimType", equalTo("mutability"));
        scim.req().get("/scim/v2/Users/" + id).then().statusCode(200).body("$", not(hasKey("title")));
        scim.req().get("/scim/v2/Users/00919288221112222").then().statusCode(404).body("status", equalTo("404"))
                .body("detail", notNullValue());
        scim.req().body("{\"filter\":\"userName eq \\\"" + "x".repeat(5000) + "\\\"\"}").post("/scim/v2/Users/.search")
                .then().statusCode(400).body("scimType", equalTo("invalidFilter"));
        // password accepted but never stored or returned
        scim.req().get("/scim/v2/Users/" + id).then().body("$", not(hasKey("password")));
    }

    @Test
    void tokensAndTenantsAreEnforced() {
        String id = scim.createUser(ScimTestClient.unique("tenant"));
        given().get("/scim/v2/Users").then().statusCode(401).body("status", equalTo("401")).body("detail", notNullValue());
        given().header("Authorization", "non-token").get("/scim/v2/Users").then().statusCode(401);
        given().auth().oauth2("scim_wrong").get("/scim/v2/Users").then().statusCode(401);
        TestOrgs.TestOrg other = orgs.create();
        ScimTestClient otherScim = new ScimTestClient(other.scimToken());
        otherScim.req().get("/scim/v2/Users/" + id).then().statusCode(404);
        otherScim.patch("Users", id, "{\"op\":\"replace\",\"path\":\"title\",\"value\":\"pwned\"}").then().statusCode(404);
        otherScim.req().delete("/scim/v2/Users/" + id).then().statusCode(404);
        otherScim.req().queryParam("filter", "id eq \"" + id + "\"").get("/scim/v2/Users").then().body("totalResults", equalTo(0));
        scim.req().get("/scim/v2/Users/" + id).then().statusCode(200).body("$", not(hasKey("title")));
    }

    @Test
    void primaryOwnerCannotBeSuspendedRenamedOrDeletedBySCIM() {
        String owner = org.ownerId().toString();
        scim.patch("Users", owner, "{\"op\":\"replace\",\"value\":{\"active\":false}}").then().statusCode(400)
                .body("detail", containsString("primary owner"));
        scim.patch("Users", owner, "{\"op\":\"replace\",\"path\":\"userName\",\"value\":\"someone-else@example.com\"}")
                .then().statusCode(400);
        scim.req().delete("/scim/v2/Users/" + owner).then().statusCode(400);
        scim.req().get("/scim/v2/Users/" + owner).then().statusCode(200).body("active", equalTo(true));
        // other attributes may change
        scim.patch("Users", owner, "{\"op\":\"replace\",\"path\":\"title\",\"value\":\"CEO\"}").then().statusCode(200);
    }

    @Test
    void deleteRemovesTheUser() {
        String id = scim.createUser(ScimTestClient.unique("gone"));
        scim.req().delete("/scim/v2/Users/" + id).then().statusCode(204);
        scim.req().get("/scim/v2/Users/" + id).then().statusCode(404);
        scim.req().delete("/scim/v2/Users/" + id).then().statusCode(404);
    }

    @Test
    void concurrentCreatesOfOneUserNameYieldOne201() throws Exception {
        String userName = ScimTestClient.unique("race");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(pool.submit(() -> scim.req().body(ScimTestClient.userBody(userName)).post("/scim/v2/Users").statusCode()));
            }
            int created = 0;
            int conflicts = 0;
            for (var result : results) {
                int status = result.get();
                created += status == 201 ? 1 : 0;
                conflicts += status == 409 ? 1 : 0;
            }
            assertEquals(1, created);
            assertEquals(7, conflicts);
        } finally {
            pool.shutdownNow();
        }
    }

    private void assertCount(String filter, int expected) {
        scim.req().queryParam("filter", filter).get("/scim/v2/Users").then().statusCode(200)
                .body("totalResults", equalTo(expected));
    }
}
