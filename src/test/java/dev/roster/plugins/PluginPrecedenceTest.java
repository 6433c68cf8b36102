package dev.roster.plugins;

import dev.roster.access.explain.AccessSection;
import dev.roster.access.OrgRole;
import dev.roster.support.TestOrgs;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.roster.plugins.PluginFixtures.createPlugin;
import static dev.roster.plugins.PluginFixtures.pluginsPath;
import static dev.roster.plugins.PluginFixtures.setOverride;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Effective plugin states through real HTTP: the strongest override among a member's groups wins,
 * the org default applies only without any override, aliases are read and never answered, SCIM groups
 * take overrides like manual ones, and deleting a group or a plugin takes its overrides with it.
 */
@QuarkusTest
class PluginPrecedenceTest {

    private static final List<String> WEAKEST_FIRST = List.of("hidden", "available", "pre_installed", "required");

    @Inject
    TestOrgs orgs;
    @Inject
    PluginFixtures fixtures;
    @Inject
    Instance<AccessSection> sections;
    @Inject
    com.fasterxml.jackson.databind.ObjectMapper json;

    /** Each member's state and source for one plugin, from GET /plugins/{id}/members. */
    static Map<String, Object> stateOf(UUID orgId, String jwt, UUID pluginId, UUID memberId) {
        List<Map<String, Object>> items = given().auth().oauth2(jwt).queryParam("limit", 500)
                .get(pluginsPath(orgId) + "/" + pluginId + "/members")
                .then().statusCode(200).extract().jsonPath().getList("items");
        return items.stream().filter(item -> memberId.toString().equals(item.get("memberId"))).findFirst().orElse(null);
    }

    @SuppressWarnings("unchecked")
    static void assertState(Map<String, Object> item, String state, UUID groupId) {
        assertEquals(state, item.get("state"), () -> "item " + item);
        Map<String, Object> source = (Map<String, Object>) item.get("source");
        if (groupId == null) {
            assertEquals(Map.of("type", "org_default"), source);
        } else {
            assertEquals(Map.of("type", "group", "groupId", groupId.toString()), source);
        }
    }

    @Test
    void theStrongestOverrideWinsForEveryPairOfStates() {
        TestOrgs.TestOrg org = orgs.create();
        for (int strong = 1; strong < WEAKEST_FIRST.size(); strong++) {
            for (int weak = 0; weak < strong; weak++) {
                String strongState = WEAKEST_FIRST.get(strong);
                String weakState = WEAKEST_FIRST.get(weak);
                String label = strongState + "-vs-" + weakState;
                UUID both = orgs.addMember(org.id(), "both-" + label + "@example.com", OrgRole.USER);
                UUID weakOnly = orgs.addMember(org.id(), "weak-" + label + "@example.com", OrgRole.USER);
                // the weaker group's name sorts first: the winner is chosen by state, never by name
                UUID weakGroup = fixtures.manualGroup(org.id(), "a weak " + label, both, weakOnly);
                UUID strongGroup = fixtures.manualGroup(org.id(), "b strong " + label, both);
                // the default is never the answer when an override exists, even if it is stronger
                UUID plugin = createPlugin(org.id(), org.ownerJwt(), "plugin " + label, "required");
                setOverride(org.id(), org.ownerJwt(), plugin, weakGroup, weakState);
                setOverride(org.id(), org.ownerJwt(), plugin, strongGroup, strongState);

                assertState(stateOf(org.id(), org.ownerJwt(), plugin, both), strongState, strongGroup);
                assertState(stateOf(org.id(), org.ownerJwt(), plugin, weakOnly), weakState, weakGroup);
            }
        }
    }

    @Test
    void requiredStaysRequiredForAMemberAlsoInAGroupThatHidesIt() {
        TestOrgs.TestOrg org = orgs.create();
        UUID member = orgs.addMember(org.id(), "eng-and-contractor@example.com", OrgRole.USER);
        UUID engineering = fixtures.manualGroup(org.id(), "Engineering", member);
        UUID contractors = fixtures.manualGroup(org.id(), "Contractors", member);
        UUID plugin = createPlugin(org.id(), org.ownerJwt(), "Code review", "available");
        setOverride(org.id(), org.ownerJwt(), plugin, contractors, "hidden");
        setOverride(org.id(), org.ownerJwt(), plugin, engineering, "required");

        assertState(stateOf(org.id(), org.ownerJwt(), plugin, member), "required", engineering);
        Object section = section().describe(org.id(), member);
        assertEquals(List.of(new EffectivePluginState(plugin, "Code review", "required",
                new PluginSource("group", engineering))), section);
    }

    @Test
    void theOrgDefaultAppliesOnlyWhenNoGroupOfTheMemberOverrides() {
        TestOrgs.TestOrg org = orgs.create();
        UUID noGroups = orgs.addMember(org.id(), "nogroups@example.com", OrgRole.USER);
        UUID inPlainGroup = orgs.addMember(org.id(), "plain@example.com", OrgRole.USER);
        UUID inHidingGroup = orgs.addMember(org.id(), "hiding@example.com", OrgRole.USER);
        fixtures.manualGroup(org.id(), "Plain", inPlainGroup);
        UUID hiding = fixtures.manualGroup(org.id(), "Hiding", inHidingGroup);
        UUID plugin = createPlugin(org.id(), org.ownerJwt(), "Slides", "pre_installed");
        UUID other = createPlugin(org.id(), org.ownerJwt(), "Another", "available");
        setOverride(org.id(), org.ownerJwt(), plugin, hiding, "hidden");

        assertState(stateOf(org.id(), org.ownerJwt(), plugin, noGroups), "pre_installed", null);
        assertState(stateOf(org.id(), org.ownerJwt(), plugin, inPlainGroup), "pre_installed", null);
        // an explicit override beats the default, even a weaker one: that is how a group hides a plugin
        assertState(stateOf(org.id(), org.ownerJwt(), plugin, inHidingGroup), "hidden", hiding);
        // the owner (no group) gets the default too
        assertState(stateOf(org.id(), org.ownerJwt(), plugin, org.ownerId()), "pre_installed", null);

        // changing the default moves everyone without an override, and only them
        given().auth().oauth2(org.ownerJwt()).contentType("application/json").body(Map.of("defaultState", "required"))
                .patch(pluginsPath(org.id()) + "/" + plugin).then().statusCode(200).body("defaultState", equalTo("required"));
        assertState(stateOf(org.id(), org.ownerJwt(), plugin, noGroups), "required", null);
        assertState(stateOf(org.id(), org.ownerJwt(), plugin, inHidingGroup), "hidden", hiding);

        // the access section lists every plugin, in name order, each with its source
        assertEquals(List.of(new EffectivePluginState(other, "Another", "available", new PluginSource("org_default", null)),
                        new EffectivePluginState(plugin, "Slides", "hidden", new PluginSource("group", hiding))),
                section().describe(org.id(), inHidingGroup));
    }

    @Test
    void vendorAliasesAreAcceptedAndAnswersUseOurNames() {
        TestOrgs.TestOrg org = orgs.create();
        UUID member = orgs.addMember(org.id(), "alias@example.com", OrgRole.USER);
        UUID group = fixtures.manualGroup(org.id(), "Aliases", member);
        String path = pluginsPath(org.id());

        UUID plugin = UUID.fromString(given().auth().oauth2(org.ownerJwt()).contentType("application/json")
                .body(Map.of("name", "Vendor", "defaultState", "not_available"))
                .post(path).then().statusCode(201).body("defaultState", equalTo("hidden"))
                .extract().path("id"));
        given().auth().oauth2(org.ownerJwt()).contentType("application/json").body(Map.of("defaultState", "auto_install"))
                .patch(path + "/" + plugin).then().statusCode(200).body("defaultState", equalTo("pre_installed"));

        given().auth().oauth2(org.ownerJwt()).contentType("application/json").body(Map.of("state", "not_available"))
                .put(path + "/" + plugin + "/overrides/" + group)
                .then().statusCode(200)
                .body("state", equalTo("hidden"))
                .body("groupId", equalTo(group.toString()))
                .body("pluginId", equalTo(plugin.toString()));
        given().auth().oauth2(org.ownerJwt()).get(path + "/" + plugin).then().statusCode(200)
                .body("overrides", hasSize(1)).body("overrides[0].state", equalTo("hidden"));
        assertState(stateOf(org.id(), org.ownerJwt(), plugin, member), "hidden", group);

        given().auth().oauth2(org.ownerJwt()).contentType("application/json").body(Map.of("state", "auto_install"))
                .put(path + "/" + plugin + "/overrides/" + group)
                .then().statusCode(200).body("state", equalTo("pre_installed"));
        assertState(stateOf(org.id(), org.ownerJwt(), plugin, member), "pre_installed", group);
        // the member listing filter takes the aliases too: the member (override) and the owner (default)
        given().auth().oauth2(org.ownerJwt()).queryParam("state", "auto_install")
                .get(path + "/" + plugin + "/members").then().statusCode(200)
                .body("items", hasSize(2)).body("items.state", everyItem(equalTo("pre_installed")))
                .body("items.memberId", hasItem(member.toString()));
        given().auth().oauth2(org.ownerJwt()).queryParam("state", "not_available")
                .get(path + "/" + plugin + "/members").then().statusCode(200).body("items", hasSize(0));
        assertEquals(List.of("plugin.created", "plugin.updated", "plugin.override_set", "plugin.override_set"),
                fixtures.auditActions(org.id(), plugin));
    }

    @Test
    void scimGroupsTakeOverridesLikeManualOnes() {
        TestOrgs.TestOrg org = orgs.create();
        UUID member = orgs.addMember(org.id(), "scim-member@example.com", OrgRole.USER);
        UUID scimGroup = fixtures.scimGroup(org.id(), "Okta Engineering", member);
        UUID plugin = createPlugin(org.id(), org.ownerJwt(), "Deploy", "hidden");

        setOverride(org.id(), org.ownerJwt(), plugin, scimGroup, "required");
        assertState(stateOf(org.id(), org.ownerJwt(), plugin, member), "required", scimGroup);

        given().auth().oauth2(org.ownerJwt()).delete(pluginsPath(org.id()) + "/" + plugin + "/overrides/" + scimGroup)
                .then().statusCode(204);
        assertState(stateOf(org.id(), org.ownerJwt(), plugin, member), "hidden", null);
        // removing it again: there is nothing to remove
        given().auth().oauth2(org.ownerJwt()).delete(pluginsPath(org.id()) + "/" + plugin + "/overrides/" + scimGroup)
                .then().statusCode(404).body("code", equalTo("not_found"));
        assertEquals(List.of("plugin.created", "plugin.override_set", "plugin.override_removed"),
                fixtures.auditActions(org.id(), plugin));
    }

    @Test
    void deletingAGroupRemovesItsOverrides() {
        TestOrgs.TestOrg org = orgs.create();
        UUID member = orgs.addMember(org.id(), "cascade@example.com", OrgRole.USER);
        UUID group = fixtures.manualGroup(org.id(), "Short-lived", member);
        UUID scimGroup = fixtures.scimGroup(org.id(), "Short-lived SCIM", member);
        UUID plugin = createPlugin(org.id(), org.ownerJwt(), "Cascade", "available");
        setOverride(org.id(), org.ownerJwt(), plugin, group, "required");
        setOverride(org.id(), org.ownerJwt(), plugin, scimGroup, "pre_installed");
        assertState(stateOf(org.id(), org.ownerJwt(), plugin, member), "required", group);

        fixtures.deleteGroup(org.id(), group);
        given().auth().oauth2(org.ownerJwt()).get(pluginsPath(org.id()) + "/" + plugin).then().statusCode(200)
                .body("overrides", hasSize(1)).body("overrides[0].groupId", equalTo(scimGroup.toString()));
        assertState(stateOf(org.id(), org.ownerJwt(), plugin, member), "pre_installed", scimGroup);

        fixtures.deleteGroup(org.id(), scimGroup);
        given().auth().oauth2(org.ownerJwt()).get(pluginsPath(org.id()) + "/" + plugin).then().statusCode(200)
                .body("overrides", hasSize(0));
        assertState(stateOf(org.id(), org.ownerJwt(), plugin, member), "available", null);
        assertEquals(0, fixtures.count("SELECT count(*) FROM plugin_group_overrides WHERE org_id = :orgId",
                Map.of("orgId", org.id())));
    }

    @Test
    void deletingAPluginRemovesItsOverrides() {
        TestOrgs.TestOrg org = orgs.create();
        UUID member = orgs.addMember(org.id(), "plugin-cascade@example.com", OrgRole.USER);
        UUID group = fixtures.manualGroup(org.id(), "Keeps", member);
        UUID plugin = createPlugin(org.id(), org.ownerJwt(), "Doomed", "available");
        UUID kept = createPlugin(org.id(), org.ownerJwt(), "Kept", "available");
        setOverride(org.id(), org.ownerJwt(), plugin, group, "required");
        setOverride(org.id(), org.ownerJwt(), kept, group, "hidden");

        given().auth().oauth2(org.ownerJwt()).delete(pluginsPath(org.id()) + "/" + plugin).then().statusCode(204);
        given().auth().oauth2(org.ownerJwt()).get(pluginsPath(org.id()) + "/" + plugin).then().statusCode(404)
                .body("code", equalTo("not_found"));
        given().auth().oauth2(org.ownerJwt()).delete(pluginsPath(org.id()) + "/" + plugin).then().statusCode(404);
        assertEquals(0, fixtures.count("SELECT count(*) FROM plugin_group_overrides WHERE org_id = :orgId AND plugin_id = :pluginId",
                Map.of("orgId", org.id(), "pluginId", plugin)));
        assertEquals(1, fixtures.count("SELECT count(*) FROM plugin_group_overrides WHERE org_id = :orgId",
                Map.of("orgId", org.id())));
        assertEquals(1, fixtures.count("SELECT count(*) FROM groups WHERE org_id = :orgId AND id = :id",
                Map.of("orgId", org.id(), "id", group)));
        assertEquals(List.of(new EffectivePluginState(kept, "Kept", "hidden", new PluginSource("group", group))),
                section().describe(org.id(), member));
        List<String> actions = fixtures.auditActions(org.id(), plugin);
        assertEquals("plugin.deleted", actions.get(actions.size() - 1));
    }

    @Test
    void suspendedMembersGetNoPluginAtAll() {
        TestOrgs.TestOrg org = orgs.create();
        UUID member = orgs.addMember(org.id(), "suspended@example.com", OrgRole.USER);
        UUID group = fixtures.manualGroup(org.id(), "Everyone", member);
        UUID plugin = createPlugin(org.id(), org.ownerJwt(), "Mandatory", "required");
        setOverride(org.id(), org.ownerJwt(), plugin, group, "required");

        fixtures.setActive(org.id(), member, false);
        assertEquals(List.of(), section().describe(org.id(), member));
        assertNull(stateOf(org.id(), org.ownerJwt(), plugin, member));

        // reactivation restores it: memberships and overrides were kept
        fixtures.setActive(org.id(), member, true);
        assertState(stateOf(org.id(), org.ownerJwt(), plugin, member), "required", group);
    }

    @Test
    void theAccessSectionIsABeanNamedPlugins() {
        assertTrue(sections.stream().anyMatch(s -> s.name().equals("plugins")));
        TestOrgs.TestOrg org = orgs.create();
        UUID plugin = createPlugin(org.id(), org.ownerJwt(), "Shape", "available");
        UUID member = orgs.addMember(org.id(), "shape@example.com", OrgRole.USER);
        UUID group = fixtures.manualGroup(org.id(), "Shape group", member);
        setOverride(org.id(), org.ownerJwt(), plugin, group, "pre_installed");
        // the JSON shape the access document shows
        JsonPath path = JsonPath.from(json.valueToTree(section().describe(org.id(), member)).toString());
        assertEquals(plugin.toString(), path.getString("[0].pluginId"));
        assertEquals("Shape", path.getString("[0].name"));
        assertEquals("pre_installed", path.getString("[0].state"));
        assertEquals(Map.of("type", "group", "groupId", group.toString()), path.getMap("[0].source"));
        JsonPath owner = JsonPath.from(json.valueToTree(section().describe(org.id(), org.ownerId())).toString());
        assertEquals(Map.of("type", "org_default"), owner.getMap("[0].source"));
    }

    private AccessSection section() {
        return sections.stream().filter(s -> s.name().equals("plugins")).findFirst().orElseThrow();
    }
}
