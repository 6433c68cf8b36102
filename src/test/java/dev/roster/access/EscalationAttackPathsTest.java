package dev.roster.access;

import dev.roster.support.TestOrgs;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.smallrye.jwt.auth.principal.JWTParser;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static dev.roster.access.AccessFixtures.as;
import static dev.roster.access.AccessFixtures.jwt;
import static dev.roster.access.AccessFixtures.tag;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.oneOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The attack paths of issue 10, each as the attacker would try it: every step is refused and nothing changes.
 * Plus the platform-operator power that used to live in a token: it lives in the database now.
 */
@QuarkusTest
class EscalationAttackPathsTest {

    private static final String ALL_MANAGE = "{\"identity_access\":\"manage\",\"user_management\":\"manage\",\"billing\":\"manage\","
            + "\"analytics\":\"manage\",\"privacy\":\"manage\",\"libraries\":\"manage\"}";
    private static final Map<String, String> ONLY_IDENTITY_MANAGE = Map.of("identity_access", "manage", "user_management", "none",
            "billing", "none", "analytics", "none", "privacy", "none", "libraries", "none");

    @Inject
    TestOrgs orgs;
    @Inject
    AccessFixtures fx;
    @Inject
    JWTParser jwtParser;

    private static String api(UUID orgId, String suffix) {
        return "/api/v1/orgs/" + orgId + suffix;
    }

    private static void meShowsOnlyIdentityManage(String jwt) {
        assertEquals(ONLY_IDENTITY_MANAGE, as(jwt).get("/api/v1/me").then().statusCode(200)
                .body("orgRole", equalTo("custom_roles")).extract().jsonPath().getMap("adminAreas"));
    }

    @Test
    void aCustomRolesMemberCannotRaiseTheirOwnRoleToEveryArea() {
        TestOrgs.TestOrg org = orgs.create();
        UUID role = fx.customRole(org.id(), "{\"identity_access\":\"manage\"}");
        UUID attacker = fx.member(org.id(), OrgRole.CUSTOM_ROLES);
        fx.manualGroup(org.id(), List.of(attacker), role);
        String jwt = jwt(org.id(), attacker);
        meShowsOnlyIdentityManage(jwt);
        String before = fx.snapshot(org.id());

        as(jwt).body("{\"adminAreas\":" + ALL_MANAGE + "}").patch(api(org.id(), "/custom-roles/" + role))
                .then().statusCode(403).body("code", equalTo("exceeds_own_rights"));

        assertEquals(before, fx.snapshot(org.id()));
        as(org.ownerJwt()).get(api(org.id(), "/custom-roles/" + role)).then().statusCode(200)
                .body("adminAreas", equalTo(Map.of("identity_access", "manage")));
        meShowsOnlyIdentityManage(jwt);
    }

    @Test
    void aCustomRolesMemberCannotMapTheirScimGroupToOwner() {
        TestOrgs.TestOrg org = orgs.create();
        UUID attacker = fx.customRolesMember(org.id(), "{\"identity_access\":\"manage\"}");
        UUID scimGroup = fx.scimGroup(org.id(), List.of(attacker));
        UUID otherOwner = fx.member(org.id(), OrgRole.OWNER);
        String jwt = jwt(org.id(), attacker);
        String before = fx.snapshot(org.id());

        as(jwt).body("{\"scimGroupId\":\"" + scimGroup + "\",\"orgRole\":\"owner\"}").post(api(org.id(), "/group-mappings"))
                .then().statusCode(403).body("code", equalTo("owner_required"));
        // the next step of the path (as owner, demote another owner) stays out of reach too
        as(jwt).body("{\"orgRole\":\"user\"}").patch(api(org.id(), "/members/" + otherOwner)).then().statusCode(403);

        assertEquals(before, fx.snapshot(org.id()));
        assertEquals("custom_roles", fx.role(org.id(), attacker));
        assertEquals("owner", fx.role(org.id(), otherOwner));
        as(org.ownerJwt()).get(api(org.id(), "/group-mappings")).then().statusCode(200).body("items.size()", equalTo(0));
        meShowsOnlyIdentityManage(jwt);
    }

    @Test
    void aCustomRolesMemberCannotMintAScimTokenNorMapAGroupToAdmin() {
        TestOrgs.TestOrg org = orgs.create();
        UUID attacker = fx.customRolesMember(org.id(), "{\"identity_access\":\"manage\"}");
        UUID accomplice = fx.member(org.id(), OrgRole.USER);
        String jwt = jwt(org.id(), attacker);
        String before = fx.snapshot(org.id());

        as(jwt).body("{\"name\":\"my own idp\"}").post(api(org.id(), "/scim-tokens"))
                .then().statusCode(403).body("code", equalTo("owner_required"));
        assertEquals(before, fx.snapshot(org.id()));

        // had they a SCIM group with the accomplice in it (here the real IdP made it), mapping it to admin is refused
        UUID scimGroup = fx.scimGroup(org.id(), List.of(accomplice));
        String withGroup = fx.snapshot(org.id());
        as(jwt).body("{\"scimGroupId\":\"" + scimGroup + "\",\"orgRole\":\"admin\"}").post(api(org.id(), "/group-mappings"))
                .then().statusCode(403).body("code", equalTo("owner_required"));
        assertEquals(withGroup, fx.snapshot(org.id()));
        assertEquals("user", fx.role(org.id(), accomplice));
        as(org.ownerJwt()).get(api(org.id(), "/scim-tokens")).then().statusCode(200).body("size()", equalTo(1));
    }

    @Test
    void theOldBootstrapTokenOfARemovedFormerOwnerCanDoNothing() {
        TestOrgs.TestOrg home = orgs.create();
        UUID former = home.ownerId();
        fx.makeOperator(home.id(), former);
        // what the bootstrap used to hand out: a long-lived JWT with the platform-admin claim
        String oldToken = jwt(home.id(), former, Set.of("platform-admin"));
        as(oldToken).body(newOrg()).post("/api/v1/orgs").then().statusCode(201);

        UUID successor = fx.member(home.id(), OrgRole.OWNER);
        as(oldToken).body("{\"memberId\":\"" + successor + "\"}").post(api(home.id(), "/primary-owner-transfer")).then().statusCode(200);
        as(jwt(home.id(), successor)).delete(api(home.id(), "/members/" + former)).then().statusCode(204);

        TestOrgs.TestOrg victim = orgs.create();
        String homeBefore = fx.snapshot(home.id());
        String victimBefore = fx.snapshot(victim.id());
        List<Response> answers = List.of(
                as(oldToken).get("/api/v1/me"),
                as(oldToken).body(newOrg()).post("/api/v1/orgs"),
                as(oldToken).get("/api/v1/orgs/" + victim.id()),
                as(oldToken).body("{\"maxGroups\":5}").patch("/api/v1/orgs/" + victim.id()),
                as(oldToken).get(api(victim.id(), "/spend-cap")),
                as(oldToken).body(usageEvent(victim.ownerId())).post(api(victim.id(), "/usage/events")),
                as(oldToken).body("{\"memberId\":\"" + victim.ownerId() + "\",\"amountCents\":1}").post(api(victim.id(), "/spend/authorize")),
                as(oldToken).get(api(home.id(), "/members")),
                as(oldToken).body("{\"name\":\"" + tag() + "\",\"adminAreas\":{}}").post(api(home.id(), "/api-keys")),
                as(oldToken).body("{\"name\":\"idp\"}").post(api(home.id(), "/scim-tokens")));
        for (Response answer : answers) {
            answer.then().statusCode(oneOf(401, 403));
        }
        assertEquals(homeBefore, fx.snapshot(home.id()));
        assertEquals(victimBefore, fx.snapshot(victim.id()));
        as(victim.ownerJwt()).get("/api/v1/orgs/" + victim.id()).then().statusCode(200).body("maxGroups", equalTo(100));
    }

    @Test
    void aPlatformAdminClaimGrantsNothing() {
        TestOrgs.TestOrg home = orgs.create();
        TestOrgs.TestOrg victim = orgs.create();
        for (UUID member : List.of(fx.member(home.id(), OrgRole.USER), home.ownerId())) {
            String claimed = jwt(home.id(), member, Set.of("platform-admin"));
            String victimBefore = fx.snapshot(victim.id());
            as(claimed).body(newOrg()).post("/api/v1/orgs").then().statusCode(403);
            as(claimed).get("/api/v1/orgs/" + victim.id()).then().statusCode(403);
            as(claimed).body("{\"maxGroups\":5}").patch("/api/v1/orgs/" + victim.id()).then().statusCode(403);
            as(claimed).body("{\"maxGroups\":5}").patch("/api/v1/orgs/" + home.id()).then().statusCode(403);
            as(claimed).get(api(victim.id(), "/spend-cap")).then().statusCode(403);
            as(claimed).body(usageEvent(victim.ownerId())).post(api(victim.id(), "/usage/events")).then().statusCode(403);
            as(claimed).body("{\"memberId\":\"" + victim.ownerId() + "\",\"amountCents\":1}")
                    .post(api(victim.id(), "/spend/authorize")).then().statusCode(403);
            assertEquals(victimBefore, fx.snapshot(victim.id()));
        }
    }

    @Test
    void operatorsAreARowAndGetNoLongLivedTokenForANewOrg() throws Exception {
        TestOrgs.TestOrg home = orgs.create();
        String operator = jwt(home.id(), home.ownerId());
        as(operator).body(newOrg()).post("/api/v1/orgs").then().statusCode(403);

        fx.makeOperator(home.id(), home.ownerId());
        Response created = as(operator).body(newOrg()).post("/api/v1/orgs");
        created.then().statusCode(201).body("org.id", notNullValue()).body("primaryOwner.id", notNullValue());
        String token = created.path("adminToken");
        if (token != null) {
            JsonWebToken parsed = jwtParser.parse(token);
            assertTrue(Instant.ofEpochSecond(parsed.getExpirationTime()).isBefore(Instant.now().plus(Duration.ofHours(24).plusMinutes(1))),
                    "the new primary owner's token is short-lived: " + Instant.ofEpochSecond(parsed.getExpirationTime()));
        }

        fx.revokeOperator(home.id(), home.ownerId());
        as(operator).body(newOrg()).post("/api/v1/orgs").then().statusCode(403);
    }

    private static String newOrg() {
        return "{\"name\":\"Org " + tag() + "\",\"plan\":\"enterprise\",\"primaryOwnerEmail\":\"ceo-" + tag() + "@example.com\"}";
    }

    private static String usageEvent(UUID memberId) {
        return "{\"events\":[{\"eventId\":\"" + tag() + "\",\"memberId\":\"" + memberId + "\",\"amountCents\":100,\"occurredAt\":\""
                + Instant.now() + "\"}]}";
    }
}
