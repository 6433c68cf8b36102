package dev.roster.scim;

import dev.roster.support.TestOrgs;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code POST /scim/v2/.search} (RFC 7644 §3.4.3): one search across Users and Groups. */
@QuarkusTest
class ScimRootSearchTest {

    private static final String SEARCH_REQUEST = "urn:ietf:params:scim:api:messages:2.0:SearchRequest";

    @Inject
    TestOrgs orgs;

    ScimTestClient scim;
    List<String> users = new ArrayList<>();
    List<String> groups = new ArrayList<>();

    @BeforeEach
    void setUp() {
        TestOrgs.TestOrg org = orgs.create();
        scim = new ScimTestClient(org.scimToken());
        users.add(org.ownerId().toString());
        users.add(scim.createUser(ScimTestClient.unique("search")));
        users.add(scim.createUser(ScimTestClient.unique("search")));
        groups.add(scim.createGroup("Search A"));
        groups.add(scim.createGroup("Search B"));
    }

    private ValidatableResponse search(String fields) {
        return scim.req().body("{\"schemas\":[\"" + SEARCH_REQUEST + "\"]" + (fields.isEmpty() ? "" : "," + fields) + "}")
                .post("/scim/v2/.search").then();
    }

    @Test
    void usersThenGroupsPagedAsOneList() {
        List<String> all = new ArrayList<>(users);
        all.addAll(groups);
        search("").statusCode(200).body("schemas", hasItem("urn:ietf:params:scim:api:messages:2.0:ListResponse"))
                .body("totalResults", equalTo(5)).body("itemsPerPage", equalTo(5)).body("startIndex", equalTo(1))
                .body("Resources.id", equalTo(all))
                .body("Resources.meta.resourceType", equalTo(List.of("User", "User", "User", "Group", "Group")))
                .body("Resources[3].displayName", equalTo("Search A"));
        List<String> paged = new ArrayList<>();
        for (int start = 1; start <= 5; start += 2) {
            paged.addAll(search("\"startIndex\":" + start + ",\"count\":2").statusCode(200)
                    .body("totalResults", equalTo(5)).body("startIndex", equalTo(start))
                    .extract().<List<String>>path("Resources.id"));
        }
        assertEquals(all, paged);
        search("\"startIndex\":3,\"count\":2").body("Resources.id", equalTo(List.of(users.get(2), groups.get(0))));
        search("\"startIndex\":5,\"count\":10").body("itemsPerPage", equalTo(1)).body("Resources.id", equalTo(List.of(groups.get(1))));
        search("\"startIndex\":9").body("totalResults", equalTo(5)).body("Resources.size()", equalTo(0));
        search("\"count\":0").body("totalResults", equalTo(5)).body("Resources.size()", equalTo(0));
    }

    @Test
    void anAttributeOneTypeLacksHasNoValueThere() {
        search("\"filter\":\"meta.resourceType eq \\\"Group\\\"\"").statusCode(200)
                .body("totalResults", equalTo(2)).body("Resources.id", equalTo(groups));
        search("\"filter\":\"userName sw \\\"search-\\\"\"").statusCode(200)
                .body("totalResults", equalTo(2)).body("Resources.id", equalTo(users.subList(1, 3)));
        search("\"filter\":\"not (userName pr)\"").statusCode(200).body("Resources.id", equalTo(groups));
        search("\"filter\":\"displayName sw \\\"search\\\" or userName eq \\\"nobody\\\"\"").statusCode(200)
                .body("Resources.id", equalTo(groups));
        search("\"filter\":\"members pr or groups pr\"").statusCode(200).body("totalResults", equalTo(0));
        search("\"filter\":\"shoeSize eq 42\"").statusCode(400).body("scimType", equalTo("invalidFilter"))
                .body("detail", containsString("'shoeSize'"));
        search("\"filter\":\"userName eq\"").statusCode(400).body("scimType", equalTo("invalidFilter"));
    }

    @Test
    void attributesSortingAndTheRequestSchema() {
        search("\"attributes\":[\"displayName\"]").statusCode(200)
                .body("Resources", everyItem(not(hasKey("meta")))).body("Resources", everyItem(not(hasKey("userName"))))
                .body("Resources[4].displayName", equalTo("Search B")).body("Resources[4].id", equalTo(groups.get(1)));
        search("\"excludedAttributes\":[\"meta\",\"emails\"]").statusCode(200)
                .body("Resources", everyItem(not(hasKey("meta")))).body("Resources[1]", hasKey("userName"));
        search("\"sortBy\":\"displayName\",\"sortOrder\":\"descending\",\"filter\":\"displayName sw \\\"search\\\"\"").statusCode(200)
                .body("Resources.displayName", equalTo(List.of("Search B", "Search A")));
        search("\"sortBy\":\"userName\"").statusCode(200).body("Resources.meta.resourceType",
                equalTo(List.of("User", "User", "User", "Group", "Group")));
        search("\"sortBy\":\"shoeSize\"").statusCode(400).body("scimType", equalTo("invalidValue"));
        scim.req().body("{\"schemas\":[\"" + ScimTestClient.USER + "\"]}").post("/scim/v2/.search").then().statusCode(400)
                .body("scimType", equalTo("invalidValue")).body("detail", containsString(SEARCH_REQUEST));
        scim.req().body("{}").post("/scim/v2/.search").then().statusCode(200).body("Resources.id",
                containsInAnyOrder(users.get(0), users.get(1), users.get(2), groups.get(0), groups.get(1)));
    }
}
