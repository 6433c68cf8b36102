package dev.roster.access;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.roster.support.TestOrgs;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import static dev.roster.access.AccessFixtures.AREAS;
import static dev.roster.access.AccessFixtures.jwt;
import static dev.roster.access.AccessFixtures.tag;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What {@code GET /members/{id}/access} says a member may do in each admin area (explain) is what the API lets
 * them do (enforce), and what {@code GET /me} tells them: for every area at every level through custom roles,
 * for levels that add up over several groups, and for the built-in roles.
 * <p>
 * Enforcement is probed with harmless calls: a read that needs view, and for manage a delete of an id that
 * does not exist (404 when allowed, 403 when not), or a custom role created with one area at a level (allowed
 * only to holders of identity_access manage, and only within their own level in that area).
 */
@QuarkusTest
class EnforceExplainAgreementTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ALLOWED = "allowed";
    private static final String FORBIDDEN = "forbidden";
    private static final String EXCEEDS = "exceeds_own_rights";

    /** A harmless call, the status it answers when allowed, and what the levels of explain make of it. */
    private record Probe(String name, String method, String path, String body, int allowedStatus,
                         Function<Map<String, String>, String> expected) {
    }

    /** A member whose access is checked, and the admin levels the test gave them. */
    private record Subject(String label, UUID memberId, boolean active, Map<String, String> levels) {
    }

    @Inject
    TestOrgs orgs;
    @Inject
    AccessFixtures fx;

    @Test
    void everyAreaAtEveryLevelThroughACustomRole() {
        TestOrgs.TestOrg org = orgs.create();
        List<Subject> subjects = new ArrayList<>();
        subjects.add(customRoles(org, "{}"));
        for (String area : AREAS) {
            for (String level : List.of("view", "manage")) {
                subjects.add(customRoles(org, "{\"" + area + "\":\"" + level + "\"}"));
            }
        }
        // identity_access manage opens custom roles: the levels one may grant show each area's manage level too
        for (String area : AREAS.subList(1, AREAS.size())) {
            for (String level : List.of("view", "manage")) {
                subjects.add(customRoles(org, "{\"identity_access\":\"manage\",\"" + area + "\":\"" + level + "\"}"));
            }
        }
        subjects.add(customRoles(org, "{\"identity_access\":\"manage\"}"));
        assertAgreement(org, subjects);
    }

    @Test
    void aMemberInSeveralGroupsHasTheHighestLevelOfEachArea() {
        TestOrgs.TestOrg org = orgs.create();
        assertAgreement(org, List.of(customRoles(org,
                "{\"identity_access\":\"view\",\"libraries\":\"manage\",\"billing\":\"view\"}",
                "{\"identity_access\":\"manage\",\"libraries\":\"view\",\"privacy\":\"view\"}",
                "{\"analytics\":\"view\"}")));
    }

    @Test
    void builtInRolesAndASuspendedMember() {
        TestOrgs.TestOrg org = orgs.create();
        UUID suspended = fx.customRolesMember(org.id(), "{\"identity_access\":\"manage\",\"billing\":\"manage\"}");
        fx.suspend(org.id(), suspended);
        assertAgreement(org, List.of(
                new Subject("user", fx.member(org.id(), OrgRole.USER), true, levels(Map.of())),
                new Subject("admin", fx.member(org.id(), OrgRole.ADMIN), true,
                        levels(Map.of("user_management", "manage", "analytics", "view"))),
                new Subject("owner", fx.member(org.id(), OrgRole.OWNER), true, allManage()),
                new Subject("primary owner", org.ownerId(), true, allManage()),
                new Subject("suspended custom_roles", suspended, false, levels(Map.of()))));
    }

    private Subject customRoles(TestOrgs.TestOrg org, String... adminAreasPerGroup) {
        Map<String, String> levels = levels(Map.of());
        for (String areas : adminAreasPerGroup) {
            readTree(areas).fields().forEachRemaining(entry -> levels.merge(entry.getKey(), entry.getValue().asText(),
                    (a, b) -> AccessFixtures.LEVELS.indexOf(a) >= AccessFixtures.LEVELS.indexOf(b) ? a : b));
        }
        return new Subject("custom_roles " + String.join(" + ", adminAreasPerGroup),
                fx.customRolesMember(org.id(), adminAreasPerGroup), true, levels);
    }

    private static JsonNode readTree(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(json, e);
        }
    }

    private static Map<String, String> levels(Map<String, String> given) {
        Map<String, String> levels = new LinkedHashMap<>();
        AREAS.forEach(area -> levels.put(area, given.getOrDefault(area, "none")));
        return levels;
    }

    private static Map<String, String> allManage() {
        Map<String, String> levels = new LinkedHashMap<>();
        AREAS.forEach(area -> levels.put(area, "manage"));
        return levels;
    }

    private static boolean atLeast(Map<String, String> levels, String area, String level) {
        return AccessFixtures.LEVELS.indexOf(levels.get(area)) >= AccessFixtures.LEVELS.indexOf(level);
    }

    private static Function<Map<String, String>, String> needs(String area, String level) {
        return levels -> atLeast(levels, area, level) ? ALLOWED : FORBIDDEN;
    }

    private static List<Probe> probes(UUID orgId) {
        String api = "/api/v1/orgs/" + orgId;
        String missing = UUID.randomUUID().toString();
        List<Probe> probes = new ArrayList<>(List.of(
                new Probe("identity_access view: list groups", "GET", api + "/groups", null, 200, needs("identity_access", "view")),
                new Probe("identity_access manage: delete a group", "DELETE", api + "/groups/" + missing, null, 404,
                        needs("identity_access", "manage")),
                new Probe("user_management view: list invitations", "GET", api + "/invitations", null, 200,
                        needs("user_management", "view")),
                new Probe("user_management manage: cancel an invitation", "DELETE", api + "/invitations/" + missing, null, 404,
                        needs("user_management", "manage")),
                new Probe("billing view: read the spend cap", "GET", api + "/spend-cap", null, 200, needs("billing", "view")),
                new Probe("billing manage: remove a group's spend limit", "DELETE", api + "/groups/" + missing + "/spend-limit", null, 404,
                        needs("billing", "manage")),
                // usage reports are open to analytics view and to billing view (docs/spend.md)
                new Probe("analytics view: usage by group", "GET", api + "/usage/by-group", null, 200,
                        levels -> atLeast(levels, "analytics", "view") || atLeast(levels, "billing", "view") ? ALLOWED : FORBIDDEN),
                new Probe("privacy view: read the audit log", "GET", api + "/audit-events", null, 200, needs("privacy", "view")),
                new Probe("libraries view: list plugins", "GET", api + "/plugins", null, 200, needs("libraries", "view")),
                new Probe("libraries manage: delete a plugin", "DELETE", api + "/plugins/" + missing, null, 404,
                        needs("libraries", "manage"))));
        for (String area : AREAS) {
            for (String level : List.of("view", "manage")) {
                probes.add(new Probe("grant " + area + " " + level + " in a new custom role", "POST", api + "/custom-roles",
                        "{\"name\":\"probe " + tag() + "\",\"adminAreas\":{\"" + area + "\":\"" + level + "\"}}", 201,
                        levels -> !atLeast(levels, "identity_access", "manage") ? FORBIDDEN
                                : atLeast(levels, area, level) ? ALLOWED : EXCEEDS));
            }
        }
        return probes;
    }

    private void assertAgreement(TestOrgs.TestOrg org, List<Subject> subjects) {
        List<String> disagreements = new ArrayList<>();
        for (Subject subject : subjects) {
            String jwt = jwt(org.id(), subject.memberId());
            ApiClient.Answer access = ApiClient.send(org.ownerJwt(), "GET",
                    "/api/v1/orgs/" + org.id() + "/members/" + subject.memberId() + "/access", null);
            if (access.status() != 200) {
                disagreements.add(subject.label() + ": GET access answered " + access);
                continue;
            }
            Map<String, String> explained = areas(access.json().path("adminAreas"));
            if (!explained.equals(subject.levels())) {
                disagreements.add(subject.label() + ": explain says " + explained + ", the test gave " + subject.levels());
            }
            ApiClient.Answer me = ApiClient.send(jwt, "GET", "/api/v1/me", null);
            if (subject.active() && (me.status() != 200 || !areas(me.json().path("adminAreas")).equals(explained))) {
                disagreements.add(subject.label() + ": GET /me answered " + me + ", explain says " + explained);
            }
            if (!subject.active() && me.status() != 403) {
                disagreements.add(subject.label() + ": suspended, GET /me answered " + me);
            }
            for (Probe probe : probes(org.id())) {
                String expected = probe.expected().apply(explained);
                ApiClient.Answer answer = ApiClient.send(jwt, probe.method(), probe.path(), probe.body());
                boolean agrees = expected.equals(ALLOWED) ? answer.status() == probe.allowedStatus()
                        : answer.status() == 403 && expected.equals(answer.code());
                if (!agrees) {
                    disagreements.add(subject.label() + ": " + probe.name() + " should be " + expected + " (explain: "
                            + explained + "), answered " + answer);
                }
            }
        }
        assertTrue(disagreements.isEmpty(), disagreements.size() + " disagreements:\n" + String.join("\n", disagreements));
    }

    private static Map<String, String> areas(JsonNode node) {
        Map<String, String> areas = new LinkedHashMap<>();
        AREAS.forEach(area -> areas.put(area, node.path(area).asText("missing")));
        return areas;
    }
}
