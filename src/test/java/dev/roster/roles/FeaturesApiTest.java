package dev.roster.roles;

import dev.roster.access.OrgRole;
import dev.roster.orgs.Plan;
import dev.roster.support.TestOrgs;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class FeaturesApiTest {

    static final List<String> CATALOG = List.of("chat", "projects", "artifacts", "web_search", "research",
            "file_creation", "code_execution", "claude_code", "cowork", "fast_mode", "connectors", "skills", "memory",
            "browser_extension");

    @Inject
    TestOrgs orgs;
    @Inject
    RolesFixtures fx;

    private static RequestSpecification as(String jwt) {
        return given().auth().oauth2(jwt).contentType(ContentType.JSON);
    }

    @Test
    void anyActiveMemberReadsTheCatalogAndTheSwitches() {
        TestOrgs.TestOrg org = orgs.create(Plan.TEAM);
        UUID user = orgs.addMember(org.id(), "user@example.com", OrgRole.USER);
        String jwt = orgs.jwtFor(org.id(), user);
        as(jwt).get("/api/v1/orgs/{org}/permissions", org.id()).then().statusCode(200)
                .body("items.key", contains(CATALOG.toArray()))
                .body("items.title", hasSize(14))
                .body("items.find { it.key == 'claude_code' }.description", notNullValue())
                .body("items.find { it.key == 'chat' }.enabledByDefault", equalTo(true));
        as(jwt).get("/api/v1/orgs/{org}/features", org.id()).then().statusCode(200)
                .body("items.key", contains(CATALOG.toArray()))
                .body("items.findAll { it.enabled }.key", contains("chat", "projects", "artifacts", "file_creation"));

        UUID suspended = orgs.addMember(org.id(), "s@example.com", OrgRole.OWNER);
        String suspendedJwt = orgs.jwtFor(org.id(), suspended);
        fx.suspend(org.id(), suspended);
        as(suspendedJwt).get("/api/v1/orgs/{org}/permissions", org.id()).then().statusCode(403);
        as(suspendedJwt).get("/api/v1/orgs/{org}/features", org.id()).then().statusCode(403);
        TestOrgs.TestOrg other = orgs.create();
        as(other.ownerJwt()).get("/api/v1/orgs/{org}/permissions", org.id()).then().statusCode(403);
        as(other.ownerJwt()).get("/api/v1/orgs/{org}/features", org.id()).then().statusCode(403);
    }

    @Test
    void theOpenApiDocumentDescribesTheEndpoints() {
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths.'/api/v1/orgs/{orgId}/features/{key}/preview'.get.summary", notNullValue())
                .body("paths.'/api/v1/orgs/{orgId}/custom-roles'.post.requestBody", notNullValue())
                .body("paths.'/api/v1/orgs/{orgId}/members/{memberId}'.patch.summary", notNullValue())
                .body("paths.'/api/v1/orgs/{orgId}/group-mappings'.post.summary", notNullValue())
                .body("paths.'/api/v1/orgs/{orgId}/members/{memberId}/access'.get.summary", notNullValue())
                .body("paths.'/api/v1/orgs/{orgId}/primary-owner-transfer'.post.summary", notNullValue());
    }

    @Test
    void switchingFeaturesOnAndOff() {
        TestOrgs.TestOrg org = orgs.create();
        as(org.ownerJwt()).body("{\"enabled\":true}").put("/api/v1/orgs/{org}/features/claude_code", org.id())
                .then().statusCode(200).body("key", equalTo("claude_code")).body("enabled", equalTo(true))
                .body("enabledByDefault", equalTo(false));
        as(org.ownerJwt()).body("{\"enabled\":true}").put("/api/v1/orgs/{org}/features/claude_code", org.id())
                .then().statusCode(200);
        as(org.ownerJwt()).body("{\"enabled\":false}").put("/api/v1/orgs/{org}/features/projects", org.id())
                .then().statusCode(200).body("enabled", equalTo(false));
        as(org.ownerJwt()).get("/api/v1/orgs/{org}/features", org.id()).then().statusCode(200)
                .body("items.findAll { it.enabled }.key", contains("chat", "artifacts", "file_creation", "claude_code"));
        as(org.ownerJwt()).body("{\"enabled\":true}").put("/api/v1/orgs/{org}/features/chat", org.id())
                .then().statusCode(200).body("enabled", equalTo(true));
        assertEquals(1, fx.audits(org.id(), "feature.enabled"));
        assertEquals(1, fx.audits(org.id(), "feature.disabled"));
        assertEquals(1, fx.count("SELECT count(*) FROM audit_events WHERE org_id = ? AND action = 'feature.enabled'"
                + " AND target_id = 'claude_code' AND before->>'enabled' = 'false' AND after->>'enabled' = 'true'", org.id()));
    }

    @Test
    void chatCannotBeDisabledAndBadInputChangesNothing() {
        TestOrgs.TestOrg org = orgs.create();
        String before = fx.snapshot(org.id());
        as(org.ownerJwt()).body("{\"enabled\":false}").put("/api/v1/orgs/{org}/features/chat", org.id())
                .then().statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("validation_failed")).body("field", equalTo("enabled"));
        for (String body : new String[]{"{}", "{\"enabled\":\"yes\"}", "{\"enabled\":1}", "{\"enabled\":null}"}) {
            as(org.ownerJwt()).body(body).put("/api/v1/orgs/{org}/features/memory", org.id())
                    .then().statusCode(400).body("code", equalTo("validation_failed")).body("field", equalTo("enabled"));
        }
        as(org.ownerJwt()).body("{\"enabled\":true,\"x\":1}").put("/api/v1/orgs/{org}/features/memory", org.id())
                .then().statusCode(400).body("field", equalTo("x"));
        as(org.ownerJwt()).body("{\"enabled\":tru").put("/api/v1/orgs/{org}/features/memory", org.id())
                .then().statusCode(400).body("code", equalTo("malformed_request"));
        as(org.ownerJwt()).body("{\"enabled\":true}").put("/api/v1/orgs/{org}/features/teleport", org.id())
                .then().statusCode(404).body("code", equalTo("not_found"));
        as(org.ownerJwt()).get("/api/v1/orgs/{org}/features/teleport/preview", org.id())
                .then().statusCode(404).body("code", equalTo("not_found"));
        assertEquals(before, fx.snapshot(org.id()));
    }

    @Test
    void switchingNeedsIdentityAccessManage() {
        TestOrgs.TestOrg org = orgs.create();
        UUID admin = orgs.addMember(org.id(), "admin@example.com", OrgRole.ADMIN);
        UUID user = orgs.addMember(org.id(), "user@example.com", OrgRole.USER);
        UUID viewer = fx.customRolesMember(orgs, org, "viewer@example.com", "{\"identity_access\":\"view\"}");
        UUID manager = fx.customRolesMember(orgs, org, "manager@example.com", "{\"identity_access\":\"manage\"}");
        UUID billing = fx.customRolesMember(orgs, org, "billing@example.com", "{\"billing\":\"manage\",\"user_management\":\"manage\"}");
        UUID suspended = orgs.addMember(org.id(), "suspended@example.com", OrgRole.OWNER);
        String suspendedJwt = orgs.jwtFor(org.id(), suspended);
        fx.suspend(org.id(), suspended);
        TestOrgs.TestOrg other = orgs.create();
        String before = fx.snapshot(org.id());
        for (String jwt : new String[]{orgs.jwtFor(org.id(), admin), orgs.jwtFor(org.id(), user), orgs.jwtFor(org.id(), viewer),
                orgs.jwtFor(org.id(), billing), suspendedJwt, other.ownerJwt()}) {
            as(jwt).body("{\"enabled\":true}").put("/api/v1/orgs/{org}/features/memory", org.id())
                    .then().statusCode(403).body("code", equalTo("forbidden"));
        }
        assertEquals(before, fx.snapshot(org.id()));
        as(orgs.jwtFor(org.id(), manager)).body("{\"enabled\":true}").put("/api/v1/orgs/{org}/features/memory", org.id())
                .then().statusCode(200).body("enabled", equalTo(true));
    }

    @Test
    void previewListsWhoWouldGainAFeatureAndThroughWhat() {
        TestOrgs.TestOrg org = orgs.create();
        UUID admin = orgs.addMember(org.id(), "b-admin@example.com", OrgRole.ADMIN);
        UUID user = orgs.addMember(org.id(), "c-user@example.com", OrgRole.USER);
        UUID coder = orgs.addMember(org.id(), "d-coder@example.com", OrgRole.CUSTOM_ROLES);
        UUID writer = orgs.addMember(org.id(), "e-writer@example.com", OrgRole.CUSTOM_ROLES);
        UUID loner = orgs.addMember(org.id(), "f-loner@example.com", OrgRole.CUSTOM_ROLES);
        UUID gone = orgs.addMember(org.id(), "g-gone@example.com", OrgRole.USER);
        fx.suspend(org.id(), gone);
        UUID codeRole = RolesFixtures.createRole(org.id(), org.ownerJwt(), "{\"name\":\"Coders\",\"capabilities\":[\"claude_code\"]}");
        UUID alsoCode = RolesFixtures.createRole(org.id(), org.ownerJwt(), "{\"name\":\"Also\",\"capabilities\":[\"claude_code\",\"memory\"]}");
        UUID writeRole = RolesFixtures.createRole(org.id(), org.ownerJwt(), "{\"name\":\"Writers\",\"capabilities\":[\"memory\"]}");
        UUID engineering = fx.manualGroup(org.id(), "Engineering", coder);
        UUID platform = fx.scimGroup(org.id(), "Platform", coder);
        UUID writing = fx.manualGroup(org.id(), "Writing", writer);
        fx.assign(org.id(), engineering, codeRole);
        fx.assign(org.id(), platform, alsoCode);
        fx.assign(org.id(), writing, writeRole);

        as(org.ownerJwt()).get("/api/v1/orgs/{org}/features/claude_code/preview", org.id()).then().statusCode(200)
                .body("key", equalTo("claude_code"))
                .body("enabled", equalTo(false))
                .body("wouldGain", equalTo(4))
                .body("wouldGainByRole", equalTo(Map.of("admin", 1, "custom_roles", 1, "primary_owner", 1, "user", 1)))
                .body("items.memberId", contains(admin.toString(), user.toString(), coder.toString(), org.ownerId().toString()))
                .body("items[0].sources", equalTo(List.of(Map.of("type", "builtin_role", "role", "admin"))))
                .body("items[2].orgRole", equalTo("custom_roles"))
                .body("items[2].sources.customRoleId", containsInAnyOrder(codeRole.toString(), alsoCode.toString()))
                .body("items[2].sources.groupId", containsInAnyOrder(engineering.toString(), platform.toString()))
                .body("items[2].sources.type", contains("custom_role", "custom_role"))
                .body("items[3].sources[0].role", equalTo("primary_owner"))
                .body("nextCursor", nullValue());

        String cursor = as(org.ownerJwt()).get("/api/v1/orgs/{org}/features/claude_code/preview?limit=3", org.id())
                .then().statusCode(200).body("items", hasSize(3)).body("wouldGain", equalTo(4))
                .extract().path("nextCursor");
        as(org.ownerJwt()).get("/api/v1/orgs/{org}/features/claude_code/preview?limit=3&cursor=" + cursor, org.id())
                .then().statusCode(200).body("items.memberId", contains(org.ownerId().toString())).body("nextCursor", nullValue());

        // the preview agrees with the access the members get once it is enabled
        as(org.ownerJwt()).body("{\"enabled\":true}").put("/api/v1/orgs/{org}/features/claude_code", org.id()).then().statusCode(200);
        for (UUID gainer : new UUID[]{admin, user, coder, org.ownerId()}) {
            as(org.ownerJwt()).get("/api/v1/orgs/{org}/members/{id}/access", org.id(), gainer).then().statusCode(200)
                    .body("capabilities.find { it.key == 'claude_code' }.granted", equalTo(true));
        }
        for (UUID nonGainer : new UUID[]{writer, loner, gone}) {
            as(org.ownerJwt()).get("/api/v1/orgs/{org}/members/{id}/access", org.id(), nonGainer).then().statusCode(200)
                    .body("capabilities.find { it.key == 'claude_code' }.granted", equalTo(false));
        }
        as(org.ownerJwt()).get("/api/v1/orgs/{org}/features/claude_code/preview", org.id()).then().statusCode(200)
                .body("enabled", equalTo(true)).body("wouldGain", equalTo(0)).body("items", empty());
        as(org.ownerJwt()).get("/api/v1/orgs/{org}/features/chat/preview", org.id()).then().statusCode(200)
                .body("enabled", equalTo(true)).body("items", empty());
        as(org.ownerJwt()).get("/api/v1/orgs/{org}/features/memory/preview", org.id()).then().statusCode(200)
                .body("wouldGain", equalTo(5))
                .body("items.find { it.memberId == '" + writer + "' }.sources[0].role", equalTo("Writers"))
                .body("items.find { it.memberId == '" + coder + "' }.sources[0].role", equalTo("Also"));
    }

    @Test
    void previewNeedsIdentityAccessView() {
        TestOrgs.TestOrg org = orgs.create();
        UUID admin = orgs.addMember(org.id(), "admin@example.com", OrgRole.ADMIN);
        UUID user = orgs.addMember(org.id(), "user@example.com", OrgRole.USER);
        UUID viewer = fx.customRolesMember(orgs, org, "viewer@example.com", "{\"identity_access\":\"view\"}");
        UUID billing = fx.customRolesMember(orgs, org, "billing@example.com", "{\"billing\":\"manage\"}");
        TestOrgs.TestOrg other = orgs.create();
        String path = "/api/v1/orgs/{org}/features/memory/preview";
        for (String jwt : new String[]{orgs.jwtFor(org.id(), admin), orgs.jwtFor(org.id(), user),
                orgs.jwtFor(org.id(), billing), other.ownerJwt()}) {
            as(jwt).get(path, org.id()).then().statusCode(403);
        }
        as(orgs.jwtFor(org.id(), viewer)).get(path, org.id()).then().statusCode(200);
    }
}
