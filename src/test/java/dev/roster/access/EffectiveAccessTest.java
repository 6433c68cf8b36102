package dev.roster.access;

import dev.roster.roles.RolesFixtures;
import dev.roster.support.TestOrgs;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class EffectiveAccessTest {

    static final Map<String, String> NO_AREAS = Map.of("identity_access", "none", "user_management", "none",
            "billing", "none", "analytics", "none", "privacy", "none", "libraries", "none");

    @Inject
    TestOrgs orgs;
    @Inject
    RolesFixtures fx;

    private static RequestSpecification as(String jwt) {
        return given().auth().oauth2(jwt).contentType(ContentType.JSON);
    }

    private static JsonPath access(TestOrgs.TestOrg org, UUID member) {
        return as(org.ownerJwt()).get("/api/v1/orgs/{org}/members/{id}/access", org.id(), member)
                .then().statusCode(200).extract().jsonPath();
    }

    private static Map<String, Object> capability(JsonPath access, String key) {
        return access.getMap("capabilities.find { it.key == '" + key + "' }");
    }

    @Test
    void ownersGetEveryEnabledCapabilityAndEveryArea() {
        TestOrgs.TestOrg org = orgs.create();
        JsonPath access = access(org, org.ownerId());
        assertEquals(Set.of("memberId", "orgRole", "active", "capabilities", "adminAreas", "plugins", "spendLimit"), access.getMap("").keySet());
        assertEquals(org.ownerId().toString(), access.getString("memberId"));
        assertEquals("primary_owner", access.getString("orgRole"));
        assertTrue(access.getBoolean("active"));
        assertEquals(14, access.getList("capabilities").size());
        assertEquals(Map.of("key", "projects", "granted", true,
                "sources", List.of(Map.of("type", "builtin_role", "role", "primary_owner"))), capability(access, "projects"));
        assertEquals(Map.of("key", "claude_code", "granted", false, "blockedBy", "org_disabled",
                "sources", List.of(Map.of("type", "builtin_role", "role", "primary_owner"))), capability(access, "claude_code"));
        assertEquals(Map.of("identity_access", "manage", "user_management", "manage", "billing", "manage",
                "analytics", "manage", "privacy", "manage", "libraries", "manage"), access.getMap("adminAreas"));

        UUID owner = orgs.addMember(org.id(), "owner@example.com", OrgRole.OWNER);
        as(org.ownerJwt()).body("{\"enabled\":true}").put("/api/v1/orgs/{org}/features/claude_code", org.id()).then().statusCode(200);
        JsonPath ownerAccess = access(org, owner);
        assertEquals(Map.of("key", "claude_code", "granted", true,
                "sources", List.of(Map.of("type", "builtin_role", "role", "owner"))), capability(ownerAccess, "claude_code"));
        assertEquals("manage", ownerAccess.getString("adminAreas.privacy"));
    }

    @Test
    void adminsAndUsersGetTheBuiltInAreas() {
        TestOrgs.TestOrg org = orgs.create();
        UUID admin = orgs.addMember(org.id(), "admin@example.com", OrgRole.ADMIN);
        UUID user = orgs.addMember(org.id(), "user@example.com", OrgRole.USER);
        JsonPath adminAccess = access(org, admin);
        assertEquals(Map.of("identity_access", "none", "user_management", "manage", "billing", "none",
                "analytics", "view", "privacy", "none", "libraries", "none"), adminAccess.getMap("adminAreas"));
        assertEquals(List.of("chat", "projects", "artifacts", "file_creation"),
                adminAccess.getList("capabilities.findAll { it.granted }.key"));
        JsonPath userAccess = access(org, user);
        assertEquals(NO_AREAS, userAccess.getMap("adminAreas"));
        assertEquals(List.of("chat", "projects", "artifacts", "file_creation"),
                userAccess.getList("capabilities.findAll { it.granted }.key"));
        assertEquals(List.of(Map.of("type", "builtin_role", "role", "user")), capability(userAccess, "memory").get("sources"));
    }

    @Test
    void customRolesMembersWithoutGroupsHaveOnlyChat() {
        TestOrgs.TestOrg org = orgs.create();
        UUID bare = orgs.addMember(org.id(), "bare@example.com", OrgRole.CUSTOM_ROLES);
        UUID roleless = orgs.addMember(org.id(), "roleless@example.com", OrgRole.CUSTOM_ROLES);
        fx.manualGroup(org.id(), "No roles here", roleless);
        for (UUID member : new UUID[]{bare, roleless}) {
            JsonPath access = access(org, member);
            assertEquals(List.of("chat"), access.getList("capabilities.findAll { it.granted }.key"));
            assertEquals(List.of(Map.of("type", "builtin_role", "role", "custom_roles")), capability(access, "chat").get("sources"));
            // projects is enabled in the org, but nothing grants it: no sources and nothing "blocks" it
            assertEquals(Map.of("key", "projects", "granted", false, "sources", List.of()), capability(access, "projects"));
            assertEquals(NO_AREAS, access.getMap("adminAreas"));
        }
    }

    @Test
    void customRolesMembersGetTheUnionOfTheirGroupsRolesWithinEnabledFeatures() {
        TestOrgs.TestOrg org = orgs.create();
        UUID member = orgs.addMember(org.id(), "m@example.com", OrgRole.CUSTOM_ROLES);
        UUID analysts = RolesFixtures.createRole(org.id(), org.ownerJwt(),
                "{\"name\":\"Analysts\",\"capabilities\":[\"projects\",\"claude_code\"],\"adminAreas\":{\"billing\":\"view\",\"privacy\":\"view\"}}");
        UUID finance = RolesFixtures.createRole(org.id(), org.ownerJwt(),
                "{\"name\":\"Finance\",\"capabilities\":[\"claude_code\",\"memory\",\"chat\"],\"adminAreas\":{\"billing\":\"manage\",\"analytics\":\"view\"}}");
        UUID unrelated = RolesFixtures.createRole(org.id(), org.ownerJwt(),
                "{\"name\":\"Unrelated\",\"capabilities\":[\"cowork\"],\"adminAreas\":{\"identity_access\":\"manage\"}}");
        UUID g1 = fx.manualGroup(org.id(), "G1", member);
        UUID g2 = fx.scimGroup(org.id(), "G2", member);
        UUID g3 = fx.manualGroup(org.id(), "G3");
        fx.assign(org.id(), g1, analysts);
        fx.assign(org.id(), g2, finance, analysts);
        fx.assign(org.id(), g3, unrelated);

        JsonPath access = access(org, member);
        assertEquals(List.of("chat", "projects"), access.getList("capabilities.findAll { it.granted }.key"));
        Map<String, Object> claudeCode = capability(access, "claude_code");
        assertEquals(false, claudeCode.get("granted"));
        assertEquals("org_disabled", claudeCode.get("blockedBy"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> sources = (List<Map<String, Object>>) claudeCode.get("sources");
        assertEquals(Set.of(
                Map.of("type", "custom_role", "role", "Analysts", "groupId", g1.toString(), "customRoleId", analysts.toString()),
                Map.of("type", "custom_role", "role", "Analysts", "groupId", g2.toString(), "customRoleId", analysts.toString()),
                Map.of("type", "custom_role", "role", "Finance", "groupId", g2.toString(), "customRoleId", finance.toString())),
                Set.copyOf(sources));
        assertEquals(2, ((List<?>) capability(access, "chat").get("sources")).size());
        assertEquals(Map.of("key", "cowork", "granted", false, "sources", List.of()), capability(access, "cowork"));
        assertEquals(Map.of("identity_access", "none", "user_management", "none", "billing", "manage",
                "analytics", "view", "privacy", "view", "libraries", "none"), access.getMap("adminAreas"));

        as(org.ownerJwt()).body("{\"enabled\":true}").put("/api/v1/orgs/{org}/features/claude_code", org.id()).then().statusCode(200);
        as(org.ownerJwt()).body("{\"enabled\":false}").put("/api/v1/orgs/{org}/features/projects", org.id()).then().statusCode(200);
        JsonPath after = access(org, member);
        assertEquals(List.of("chat", "claude_code"), after.getList("capabilities.findAll { it.granted }.key"));
        assertEquals("org_disabled", capability(after, "projects").get("blockedBy"));
        assertEquals(null, capability(after, "claude_code").get("blockedBy"));

        // the member's own admin levels take effect on the admin API at once
        String memberJwt = orgs.jwtFor(org.id(), member);
        as(memberJwt).get("/api/v1/orgs/{org}/custom-roles", org.id()).then().statusCode(403);
        fx.assign(org.id(), g1, unrelated);
        as(memberJwt).get("/api/v1/orgs/{org}/custom-roles", org.id()).then().statusCode(200);
        assertEquals("manage", access(org, member).getString("adminAreas.identity_access"));
    }

    @Test
    void suspendedMembersHaveNothing() {
        TestOrgs.TestOrg org = orgs.create();
        UUID owner = orgs.addMember(org.id(), "owner@example.com", OrgRole.OWNER);
        UUID custom = orgs.addMember(org.id(), "custom@example.com", OrgRole.CUSTOM_ROLES);
        UUID role = RolesFixtures.createRole(org.id(), org.ownerJwt(), "{\"name\":\"R\",\"capabilities\":[\"projects\"],\"adminAreas\":{\"billing\":\"manage\"}}");
        fx.assign(org.id(), fx.manualGroup(org.id(), "G", custom), role);
        fx.suspend(org.id(), owner);
        fx.suspend(org.id(), custom);
        JsonPath ownerAccess = access(org, owner);
        assertEquals(false, ownerAccess.getBoolean("active"));
        assertEquals(List.of(), ownerAccess.getList("capabilities.findAll { it.granted }"));
        assertEquals(Map.of("key", "projects", "granted", false, "blockedBy", "inactive",
                "sources", List.of(Map.of("type", "builtin_role", "role", "owner"))), capability(ownerAccess, "projects"));
        assertEquals("inactive", capability(ownerAccess, "claude_code").get("blockedBy"));
        assertEquals(NO_AREAS, ownerAccess.getMap("adminAreas"));
        JsonPath customAccess = access(org, custom);
        assertEquals(List.of(), customAccess.getList("capabilities.findAll { it.granted }"));
        assertEquals("inactive", capability(customAccess, "projects").get("blockedBy"));
        assertEquals("inactive", capability(customAccess, "chat").get("blockedBy"));
        assertEquals(NO_AREAS, customAccess.getMap("adminAreas"));
    }

    @Test
    void whoMayReadAMembersAccess() {
        TestOrgs.TestOrg org = orgs.create();
        UUID admin = orgs.addMember(org.id(), "admin@example.com", OrgRole.ADMIN);
        UUID user = orgs.addMember(org.id(), "user@example.com", OrgRole.USER);
        UUID viewer = fx.customRolesMember(orgs, org, "viewer@example.com", "{\"user_management\":\"view\"}");
        UUID billing = fx.customRolesMember(orgs, org, "billing@example.com", "{\"billing\":\"manage\",\"identity_access\":\"manage\"}");
        UUID suspended = orgs.addMember(org.id(), "suspended@example.com", OrgRole.OWNER);
        String suspendedJwt = orgs.jwtFor(org.id(), suspended);
        fx.suspend(org.id(), suspended);
        String path = "/api/v1/orgs/{org}/members/{id}/access";

        as(orgs.jwtFor(org.id(), user)).get(path, org.id(), user).then().statusCode(200).body("memberId", equalTo(user.toString()));
        as(orgs.jwtFor(org.id(), billing)).get(path, org.id(), billing).then().statusCode(200);
        as(orgs.jwtFor(org.id(), user)).get(path, org.id(), admin).then().statusCode(403).body("code", equalTo("forbidden"));
        as(orgs.jwtFor(org.id(), billing)).get(path, org.id(), user).then().statusCode(403);
        as(orgs.jwtFor(org.id(), admin)).get(path, org.id(), org.ownerId()).then().statusCode(200);
        as(orgs.jwtFor(org.id(), viewer)).get(path, org.id(), user).then().statusCode(200);
        as(suspendedJwt).get(path, org.id(), suspended).then().statusCode(403);
        as(suspendedJwt).get(path, org.id(), user).then().statusCode(403);

        TestOrgs.TestOrg other = orgs.create();
        as(other.ownerJwt()).get(path, org.id(), user).then().statusCode(403);
        as(other.ownerJwt()).get(path, other.id(), user).then().statusCode(404).body("code", equalTo("not_found"));
        as(org.ownerJwt()).get(path, org.id(), UUID.randomUUID()).then().statusCode(404);
        as(org.ownerJwt()).get(path, org.id(), "nonsense").then().statusCode(404);
        given().get(path, org.id(), user).then().statusCode(401);
    }

    @Test
    void accessCostsAFixedNumberOfQueriesWhateverTheGroupsAndRoles() {
        TestOrgs.TestOrg org = orgs.create();
        UUID small = orgs.addMember(org.id(), "small@example.com", OrgRole.CUSTOM_ROLES);
        UUID big = orgs.addMember(org.id(), "big@example.com", OrgRole.CUSTOM_ROLES);
        String[] capabilities = {"projects", "artifacts", "web_search", "research", "memory", "skills", "connectors"};
        String[] areas = {"billing", "analytics", "privacy", "libraries", "identity_access"};
        for (int g = 0; g < 20; g++) {
            List<UUID> roles = new ArrayList<>();
            for (int r = 0; r < 5; r++) {
                roles.add(RolesFixtures.createRole(org.id(), org.ownerJwt(), "{\"name\":\"role " + g + "-" + r
                        + "\",\"capabilities\":[\"" + capabilities[(g + r) % capabilities.length] + "\"],\"adminAreas\":{\""
                        + areas[r] + "\":\"view\"}}"));
            }
            UUID group = fx.manualGroup(org.id(), "group " + g, big);
            fx.assign(org.id(), group, roles.toArray(UUID[]::new));
            if (g == 0) {
                fx.assign(org.id(), fx.manualGroup(org.id(), "small group", small), roles.get(0));
            }
        }
        access(org, small);
        access(org, big);

        long smallCost = statementsFor(org, small);
        long bigCost = statementsFor(org, big);
        JsonPath bigAccess = access(org, big);
        int customSources = 0;
        for (Object entry : bigAccess.getList("capabilities.findAll { it.key != 'chat' }.sources")) {
            customSources += ((List<?>) entry).size();
        }
        assertEquals(100, customSources, "each of the 100 group/role pairs is a source");
        assertEquals(smallCost, bigCost, "the access call must not cost more queries for more groups and roles");
        assertTrue(bigCost <= 4 + extraSectionStatementsAllowance(), "statements: " + bigCost);
        System.out.println("[access query count] member in 20 groups x 5 roles: " + bigCost
                + " statements (1 group x 1 role: " + smallCost + ")");
        assertEquals("view", bigAccess.getString("adminAreas.identity_access"));
    }

    /** Sections contributed by other features (spend limit, plugins) may add their own fixed queries. */
    private static int extraSectionStatementsAllowance() {
        return 8;
    }

    private static long statementsFor(TestOrgs.TestOrg org, UUID member) {
        CountingSql.STATEMENTS.set(0);
        as(org.ownerJwt()).get("/api/v1/orgs/{org}/members/{id}/access", org.id(), member).then().statusCode(200)
                .body("capabilities", hasSize(14)).body("capabilities.key", everyItem(notNullValue()));
        return CountingSql.STATEMENTS.get();
    }
}
