package dev.roster.scim;

import dev.roster.common.Actor;
import dev.roster.groups.GroupService;
import dev.roster.groups.GroupSource;
import dev.roster.support.TestOrgs;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class ScimGroupsTest {

    @Inject
    TestOrgs orgs;
    @Inject
    GroupService groups;

    TestOrgs.TestOrg org;
    ScimTestClient scim;

    @BeforeEach
    void setUp() {
        org = orgs.create();
        scim = new ScimTestClient(org.scimToken());
    }

    @Test
    void oktaGroupPush() {
        String alice = scim.createUser(ScimTestClient.unique("alice"));
        String bob = scim.createUser(ScimTestClient.unique("bob"));
        String id = scim.createGroup("Test SCIMv2");
        scim.req().get("/scim/v2/Groups/" + id).then().statusCode(200).body("displayName", equalTo("Test SCIMv2"))
                .body("$", not(hasKey("members"))).body("meta.resourceType", equalTo("Group"));
        scim.patch("Groups", id, "{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"" + alice + "\",\"display\":\"alice\"},{\"value\":\"" + bob + "\"}]}")
                .then().statusCode(204).body(emptyString());
        scim.patch("Groups", id, "{\"op\":\"remove\",\"path\":\"members[value eq \\\"" + alice + "\\\"]\"}").then().statusCode(204);
        scim.req().get("/scim/v2/Groups/" + id).then().body("members.value", containsInAnyOrder(bob));
        // rename: path-less replace with id and displayName
        scim.patch("Groups", id, "{\"op\":\"replace\",\"value\":{\"id\":\"" + id + "\",\"displayName\":\"Renamed\"}}").then().statusCode(204);
        scim.req().get("/scim/v2/Groups/" + id).then().body("displayName", equalTo("Renamed"));
        // full membership replace
        scim.patch("Groups", id, "{\"op\":\"replace\",\"path\":\"members\",\"value\":[{\"value\":\"" + alice + "\"}]}").then().statusCode(204);
        scim.req().get("/scim/v2/Groups/" + id).then().body("members.value", containsInAnyOrder(alice));
        // adding an existing member or removing an absent one is a no-op
        scim.patch("Groups", id, "{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"" + alice + "\"}]}").then().statusCode(204);
        scim.patch("Groups", id, "{\"op\":\"remove\",\"path\":\"members[value eq \\\"" + bob + "\\\"]\"}").then().statusCode(204);
        scim.req().get("/scim/v2/Groups/" + id).then().body("members.value", containsInAnyOrder(alice));
        // the user sees the group
        scim.req().get("/scim/v2/Users/" + alice).then().body("groups.value", hasItem(id)).body("groups.display", hasItem("Renamed"));
        scim.req().delete("/scim/v2/Groups/" + id).then().statusCode(204);
        scim.req().get("/scim/v2/Groups/" + id).then().statusCode(404);
        scim.req().get("/scim/v2/Users/" + alice).then().statusCode(200).body("$", not(hasKey("groups")));
    }

    @Test
    void entraGroupProvisioning() {
        String a = scim.createUser(ScimTestClient.unique("a"));
        String b = scim.createUser(ScimTestClient.unique("b"));
        String c = scim.createUser(ScimTestClient.unique("c"));
        String id = scim.req().body("""
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group","http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group"],
                 "externalId":"8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159","displayName":"Entra Group","meta":{"resourceType":"Group"}}""")
                .post("/scim/v2/Groups").then().statusCode(201).extract().path("id");
        scim.patch("Groups", id, "{\"op\":\"Add\",\"path\":\"members\",\"value\":[{\"$ref\":null,\"value\":\"" + a + "\"},{\"$ref\":null,\"value\":\"" + b + "\"},{\"$ref\":null,\"value\":\"" + c + "\"}]}")
                .then().statusCode(204);
        // remove by value list removes only those
        scim.patch("Groups", id, "{\"op\":\"Remove\",\"path\":\"members\",\"value\":[{\"$ref\":null,\"value\":\"" + a + "\"}]}")
                .then().statusCode(204);
        scim.req().get("/scim/v2/Groups/" + id).then().body("members.value", containsInAnyOrder(b, c));
        scim.req().queryParam("excludedAttributes", "members").get("/scim/v2/Groups/" + id).then().statusCode(200)
                .body("$", not(hasKey("members"))).body("displayName", equalTo("Entra Group"));
        scim.req().queryParam("excludedAttributes", "members").queryParam("filter", "displayName eq \"entra group\"")
                .get("/scim/v2/Groups").then().statusCode(200).body("totalResults", equalTo(1))
                .body("Resources[0]", not(hasKey("members")));
        scim.req().queryParam("filter", "externalId eq \"8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159\"").get("/scim/v2/Groups")
                .then().body("totalResults", equalTo(1));
        scim.req().queryParam("filter", "members[value eq \"" + b + "\"]").get("/scim/v2/Groups").then().body("totalResults", equalTo(1));
        scim.req().queryParam("filter", "members.value eq \"" + a + "\"").get("/scim/v2/Groups").then().body("totalResults", equalTo(0));
        // PATCH with attributes asked for answers the resource
        scim.req().queryParam("attributes", "displayName").body("{\"Operations\":[{\"op\":\"replace\",\"path\":\"displayName\",\"value\":\"Entra 2\"}]}")
                .patch("/scim/v2/Groups/" + id).then().statusCode(200).body("displayName", equalTo("Entra 2"));
        // an empty Operations list is refused (RFC 7644 §3.5.2: one or more operations)
        scim.patch("Groups", id, "").then().statusCode(400).body("scimType", equalTo("invalidValue"));
    }

    @Test
    void suspensionKeepsMembershipsAndDeleteRemovesThem() {
        String user = scim.createUser(ScimTestClient.unique("susp"));
        String id = scim.createGroup("Keepers " + user);
        scim.patch("Groups", id, "{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"" + user + "\"}]}").then().statusCode(204);
        scim.patch("Users", user, "{\"op\":\"replace\",\"path\":\"active\",\"value\":false}").then().statusCode(200);
        scim.req().get("/scim/v2/Groups/" + id).then().body("members.value", containsInAnyOrder(user));
        scim.patch("Users", user, "{\"op\":\"replace\",\"path\":\"active\",\"value\":true}").then().statusCode(200)
                .body("groups.value", hasItem(id));
        scim.req().delete("/scim/v2/Users/" + user).then().statusCode(204);
        scim.req().get("/scim/v2/Groups/" + id).then().body("$", not(hasKey("members")));
    }

    @Test
    void scimSeesOnlyScimGroupsAndNamesClashCaseInsensitively() {
        QuarkusTransaction.requiringNew().run(() ->
                groups.create(Actor.system(org.id()), "Finance", GroupSource.MANUAL, null, Set.of()));
        scim.req().get("/scim/v2/Groups").then().body("totalResults", equalTo(0));
        scim.req().body("{\"schemas\":[\"" + ScimTestClient.GROUP + "\"],\"displayName\":\"FINANCE\"}").post("/scim/v2/Groups")
                .then().statusCode(409).body("scimType", equalTo("uniqueness")).body("detail", containsString("manually created"));
        String id = scim.createGroup("Engineering");
        scim.req().body("{\"schemas\":[\"" + ScimTestClient.GROUP + "\"],\"displayName\":\"engineering\"}").post("/scim/v2/Groups")
                .then().statusCode(409).body("scimType", equalTo("uniqueness"));
        scim.patch("Groups", id, "{\"op\":\"replace\",\"path\":\"displayName\",\"value\":\"finance\"}").then().statusCode(409);
        scim.req().get("/scim/v2/Groups/" + id).then().body("displayName", equalTo("Engineering"));
    }

    @Test
    void badGroupInputIsRefusedAndChangesNothing() {
        String user = scim.createUser(ScimTestClient.unique("gbad"));
        String id = scim.createGroup("Strict");
        scim.patch("Groups", id, "{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"" + user + "\"},{\"value\":\"not-an-id\"}]}")
                .then().statusCode(400).body("scimType", equalTo("invalidValue"));
        scim.patch("Groups", id, "{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"" + user + "\"},{\"value\":\"" + UUID.randomUUID() + "\"}]}")
                .then().statusCode(400).body("scimType", equalTo("invalidValue"));
        scim.patch("Groups", id, "{\"op\":\"add\",\"path\":\"owners\",\"value\":[]}").then().statusCode(400).body("scimType", equalTo("invalidPath"));
        scim.patch("Groups", id, "{\"op\":\"remove\",\"path\":\"displayName\"}").then().statusCode(400);
        scim.req().get("/scim/v2/Groups/" + id).then().body("$", not(hasKey("members"))).body("displayName", equalTo("Strict"));
        scim.req().body("{\"schemas\":[\"" + ScimTestClient.GROUP + "\"]}").post("/scim/v2/Groups").then().statusCode(400);
        TestOrgs.TestOrg other = orgs.create();
        new ScimTestClient(other.scimToken()).req().get("/scim/v2/Groups/" + id).then().statusCode(404);
        new ScimTestClient(other.scimToken()).patch("Groups", id, "{\"op\":\"replace\",\"path\":\"displayName\",\"value\":\"x\"}")
                .then().statusCode(404);
    }

    @Test
    void concurrentPatchesToOneGroupAllTakeEffect() throws Exception {
        String id = scim.createGroup("Burst");
        List<String> users = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            users.add(scim.createUser(ScimTestClient.unique("burst" + i)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (String user : users) {
                results.add(pool.submit(() -> scim.patch("Groups", id,
                        "{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"" + user + "\"}]}").statusCode()));
            }
            for (Future<Integer> result : results) {
                assertEquals(204, result.get());
            }
        } finally {
            pool.shutdownNow();
        }
        scim.req().get("/scim/v2/Groups/" + id).then().body("members.size()", equalTo(20));
    }

    @Test
    void theGroupCapHoldsUnderConcurrencyWithAClearError() throws Exception {
        orgs.setMaxGroups(org.id(), 5);
        for (int i = 0; i < 4; i++) {
            scim.createGroup("Cap " + i);
        }
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                int n = i;
                results.add(pool.submit(() -> scim.req()
                        .body("{\"schemas\":[\"" + ScimTestClient.GROUP + "\"],\"displayName\":\"Racer " + n + "\"}")
                        .post("/scim/v2/Groups").statusCode()));
            }
            int created = 0;
            for (Future<Integer> result : results) {
                int status = result.get();
                created += status == 201 ? 1 : 0;
                if (status != 201) {
                    assertEquals(400, status);
                }
            }
            assertEquals(1, created);
        } finally {
            pool.shutdownNow();
        }
        scim.req().body("{\"schemas\":[\"" + ScimTestClient.GROUP + "\"],\"displayName\":\"One too many\"}").post("/scim/v2/Groups")
                .then().statusCode(400).body("scimType", equalTo("invalidValue")).body("detail", containsString("limit is 5"));
        scim.req().queryParam("count", 0).get("/scim/v2/Groups").then().body("totalResults", equalTo(5));
    }

    @Test
    void putReplacesNameAndMembers() {
        String a = scim.createUser(ScimTestClient.unique("pa"));
        String b = scim.createUser(ScimTestClient.unique("pb"));
        String id = scim.createGroup("Put me");
        scim.patch("Groups", id, "{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"" + a + "\"}]}").then().statusCode(204);
        scim.req().body("{\"schemas\":[\"" + ScimTestClient.GROUP + "\"],\"id\":\"" + id + "\",\"displayName\":\"Put done\",\"members\":[{\"value\":\"" + b + "\"}]}")
                .put("/scim/v2/Groups/" + id).then().statusCode(200).body("displayName", equalTo("Put done"))
                .body("members.value", containsInAnyOrder(b));
    }
}
