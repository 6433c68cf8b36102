package dev.roster.plugins;

import dev.roster.access.OrgRole;
import dev.roster.support.TestOrgs;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.roster.plugins.PluginFixtures.createPlugin;
import static dev.roster.plugins.PluginFixtures.pluginsPath;
import static dev.roster.plugins.PluginFixtures.setOverride;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code GET /plugins/{id}/members}: who gets which state, with its source, paged in userName order,
 * narrowed by {@code ?state=}; suspended members are left out (they get no plugin).
 */
@QuarkusTest
class PluginMembersListingTest {

    @Inject
    TestOrgs orgs;
    @Inject
    PluginFixtures fixtures;

    @Test
    void pagesThroughEveryActiveMemberWithStateAndSource() {
        TestOrgs.TestOrg org = orgs.create();
        List<UUID> required = new ArrayList<>();
        List<UUID> hidden = new ArrayList<>();
        List<UUID> plain = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            required.add(orgs.addMember(org.id(), "r" + i + "@example.com", OrgRole.USER));
            hidden.add(orgs.addMember(org.id(), "h" + i + "@example.com", OrgRole.USER));
            plain.add(orgs.addMember(org.id(), "p" + i + "@example.com", OrgRole.USER));
        }
        UUID suspended = orgs.addMember(org.id(), "s@example.com", OrgRole.USER);
        UUID rollout = fixtures.manualGroup(org.id(), "Rollout", required.toArray(UUID[]::new));
        UUID optOut = fixtures.manualGroup(org.id(), "Opt-out", hidden.toArray(UUID[]::new));
        // one member in both: required wins
        fixtures.addToGroup(org.id(), optOut, required.get(0), suspended);
        fixtures.setActive(org.id(), suspended, false);
        UUID plugin = createPlugin(org.id(), org.ownerJwt(), "Rollout plugin", "available");
        setOverride(org.id(), org.ownerJwt(), plugin, rollout, "required");
        setOverride(org.id(), org.ownerJwt(), plugin, optOut, "hidden");
        String path = pluginsPath(org.id()) + "/" + plugin + "/members";

        // all of them, 5 at a time: 13 active members (12 + the owner), each once, in userName order
        List<Map<String, Object>> all = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = given().auth().oauth2(org.ownerJwt()).queryParam("limit", 5);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get(path).then().statusCode(200).extract().jsonPath();
            all.addAll(page.getList("items"));
            cursor = page.getString("nextCursor");
            pages++;
        } while (cursor != null);
        assertEquals(3, pages);
        assertEquals(13, all.size());
        List<String> names = all.stream().map(item -> (String) item.get("userName")).toList();
        assertEquals(names.stream().sorted().toList(), names);
        assertEquals(false, names.contains("s@example.com"));
        for (Map<String, Object> item : all) {
            UUID member = UUID.fromString((String) item.get("memberId"));
            if (required.contains(member)) {
                PluginPrecedenceTest.assertState(item, "required", rollout);
            } else if (hidden.contains(member)) {
                PluginPrecedenceTest.assertState(item, "hidden", optOut);
            } else {
                PluginPrecedenceTest.assertState(item, "available", null);
            }
        }

        // narrowed by state, paged too
        JsonPath firstRequired = given().auth().oauth2(org.ownerJwt()).queryParam("state", "required").queryParam("limit", 3)
                .get(path).then().statusCode(200).body("items", hasSize(3)).extract().jsonPath();
        given().auth().oauth2(org.ownerJwt()).queryParam("state", "required").queryParam("limit", 3)
                .queryParam("cursor", firstRequired.getString("nextCursor"))
                .get(path).then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].userName", equalTo("r3@example.com"))
                .body("nextCursor", nullValue());
        given().auth().oauth2(org.ownerJwt()).queryParam("state", "hidden").get(path).then().statusCode(200)
                .body("items.userName", equalTo(List.of("h0@example.com", "h1@example.com", "h2@example.com", "h3@example.com")));
        given().auth().oauth2(org.ownerJwt()).queryParam("state", "available").get(path).then().statusCode(200)
                .body("items", hasSize(5)); // p0..p3 and the owner
        given().auth().oauth2(org.ownerJwt()).queryParam("state", "pre_installed").get(path).then().statusCode(200)
                .body("items", hasSize(0)).body("nextCursor", nullValue());

        // bad input
        given().auth().oauth2(org.ownerJwt()).queryParam("state", "sometimes").get(path).then().statusCode(400)
                .body("code", equalTo("validation_failed")).body("field", equalTo("state"));
        given().auth().oauth2(org.ownerJwt()).queryParam("cursor", "%%%").get(path).then().statusCode(400)
                .body("field", equalTo("cursor"));
        given().auth().oauth2(org.ownerJwt()).queryParam("limit", -1).get(path).then().statusCode(400)
                .body("field", equalTo("limit"));
        given().auth().oauth2(org.ownerJwt()).get(pluginsPath(org.id()) + "/" + UUID.randomUUID() + "/members")
                .then().statusCode(404).body("code", equalTo("not_found"));
    }

    @Test
    void aDefaultStateFilterIncludesMembersWhoseOverrideEqualsIt() {
        TestOrgs.TestOrg org = orgs.create();
        UUID overridden = orgs.addMember(org.id(), "a-overridden@example.com", OrgRole.USER);
        UUID group = fixtures.manualGroup(org.id(), "Same as default", overridden);
        UUID plugin = createPlugin(org.id(), org.ownerJwt(), "Defaulted", "pre_installed");
        setOverride(org.id(), org.ownerJwt(), plugin, group, "pre_installed");
        JsonPath page = given().auth().oauth2(org.ownerJwt()).queryParam("state", "pre_installed")
                .get(pluginsPath(org.id()) + "/" + plugin + "/members").then().statusCode(200)
                .body("items", hasSize(2)).extract().jsonPath();
        PluginPrecedenceTest.assertState(page.getMap("items[0]"), "pre_installed", group);
        PluginPrecedenceTest.assertState(page.getMap("items[1]"), "pre_installed", null);
    }
}
