package dev.roster.access;

import dev.roster.support.TestOrgs;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

import static dev.roster.access.AccessFixtures.as;
import static dev.roster.access.AccessFixtures.jwt;
import static dev.roster.access.AccessFixtures.tag;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The rule "nobody gives anyone more than they have" (docs/access-and-roles.md), checked over HTTP for every
 * admin call that changes roles, rights, mappings, memberships or credentials, by every kind of caller.
 * Every refused call must change nothing in the org; every allowed call gets fresh targets.
 */
@QuarkusTest
class EscalationMatrixTest {

    /**
     * Callers: {@code user}; {@code susp} a suspended owner; {@code admin}; {@code ia:v} … {@code li:m} a
     * {@code custom_roles} member whose one custom role grants just that area (identity_access, user_management,
     * billing, analytics, privacy, libraries) at view or manage; {@code owner}; {@code primary} the primary owner;
     * {@code key} an org API key with every area at manage, made by the primary owner.
     * <p>
     * Cells: {@code A} allowed; {@code F} 403 {@code forbidden} (lacks the area or level, suspended, may not change
     * member roles at all — admins and API keys —, not the primary owner, not a platform operator); {@code O} 403
     * {@code owner_required}; {@code X} 403 {@code exceeds_own_rights}; {@code D} 403 whatever the code (an API key
     * cannot create API keys).
     */
    private static final String MATRIX = """
            case                                     user susp admin ia:v ia:m um:v um:m bi:v bi:m an:v an:m pr:v pr:m li:v li:m owner primary key
            member-patch-user-to-owner               F    F    F     F    F    F    O    F    F    F    F    F    F    F    F    A     A       F
            member-patch-user-to-admin               F    F    F     F    F    F    O    F    F    F    F    F    F    F    F    A     A       F
            member-patch-user-to-custom_roles        F    F    F     F    F    F    A    F    F    F    F    F    F    F    F    A     A       F
            member-patch-user-to-custom_roles-above  F    F    F     F    F    F    X    F    F    F    F    F    F    F    F    A     A       F
            member-patch-custom_roles-to-user        F    F    F     F    F    F    A    F    F    F    F    F    F    F    F    A     A       F
            member-patch-admin-to-user               F    F    F     F    F    F    O    F    F    F    F    F    F    F    F    A     A       F
            member-patch-owner-to-user               F    F    F     F    F    F    O    F    F    F    F    F    F    F    F    A     A       F
            member-delete-user                       F    F    A     F    F    F    A    F    F    F    F    F    F    F    F    A     A       A
            member-delete-admin                      F    F    O     F    F    F    O    F    F    F    F    F    F    F    F    A     A       O
            invite-as-owner                          F    F    O     F    F    F    O    F    F    F    F    F    F    F    F    A     A       O
            invite-as-admin                          F    F    O     F    F    F    O    F    F    F    F    F    F    F    F    A     A       O
            invite-as-user                           F    F    A     F    F    F    A    F    F    F    F    F    F    F    F    A     A       A
            invite-as-custom_roles                   F    F    F     F    F    F    A    F    F    F    F    F    F    F    F    A     A       A
            custom-role-create                       F    F    F     F    A    F    F    F    F    F    F    F    F    F    F    A     A       A
            custom-role-create-above                 F    F    F     F    X    F    F    F    F    F    F    F    F    F    F    A     A       A
            custom-role-patch                        F    F    F     F    A    F    F    F    F    F    F    F    F    F    F    A     A       A
            custom-role-patch-above                  F    F    F     F    X    F    F    F    F    F    F    F    F    F    F    A     A       A
            custom-role-patch-role-above             F    F    F     F    X    F    F    F    F    F    F    F    F    F    F    A     A       A
            custom-role-delete                       F    F    F     F    A    F    F    F    F    F    F    F    F    F    F    A     A       A
            custom-role-delete-above                 F    F    F     F    X    F    F    F    F    F    F    F    F    F    F    A     A       A
            group-create                             F    F    F     F    A    F    F    F    F    F    F    F    F    F    F    A     A       A
            group-create-above                       F    F    F     F    X    F    F    F    F    F    F    F    F    F    F    A     A       A
            group-patch-roles                        F    F    F     F    A    F    F    F    F    F    F    F    F    F    F    A     A       A
            group-patch-roles-above                  F    F    F     F    X    F    F    F    F    F    F    F    F    F    F    A     A       A
            group-patch-remove-role-above            F    F    F     F    A    F    F    F    F    F    F    F    F    F    F    A     A       A
            group-add-members                        F    F    F     F    A    F    F    F    F    F    F    F    F    F    F    A     A       A
            group-add-members-above                  F    F    F     F    X    F    F    F    F    F    F    F    F    F    F    A     A       A
            mapping-create-owner                     O    F    O     O    O    O    O    O    O    O    O    O    O    O    O    A     A       O
            mapping-create-admin                     O    F    O     O    O    O    O    O    O    O    O    O    O    O    O    A     A       O
            mapping-create-user                      O    F    O     O    O    O    O    O    O    O    O    O    O    O    O    A     A       O
            mapping-create-custom_roles              O    F    O     O    O    O    O    O    O    O    O    O    O    O    O    A     A       O
            mapping-delete                           O    F    O     O    O    O    O    O    O    O    O    O    O    O    O    A     A       O
            scim-token-create                        O    F    O     O    O    O    O    O    O    O    O    O    O    O    O    A     A       O
            scim-token-revoke                        O    F    O     O    O    O    O    O    O    O    O    O    O    O    O    A     A       O
            sync-configure                           O    F    O     O    O    O    O    O    O    O    O    O    O    O    O    A     A       O
            sync-remove                              O    F    O     O    O    O    O    O    O    O    O    O    O    O    O    A     A       O
            sync-run                                 F    F    F     F    A    F    F    F    F    F    F    F    F    F    F    A     A       A
            api-key-create                           F    F    F     F    A    F    F    F    F    F    F    F    F    F    F    A     A       D
            api-key-create-above                     F    F    F     F    X    F    F    F    F    F    F    F    F    F    F    A     A       D
            primary-owner-transfer                   F    F    F     F    F    F    F    F    F    F    F    F    F    F    F    F     A       F
            org-create                               F    F    F     F    F    F    F    F    F    F    F    F    F    F    F    F     F       F
            """;

    private static final Map<String, String> AREA_COLUMNS = Map.of("ia", "identity_access", "um", "user_management",
            "bi", "billing", "an", "analytics", "pr", "privacy", "li", "libraries");
    private static final String ALL_MANAGE = "{\"identity_access\":\"manage\",\"user_management\":\"manage\",\"billing\":\"manage\","
            + "\"analytics\":\"manage\",\"privacy\":\"manage\",\"libraries\":\"manage\"}";
    private static final String BILLING_MANAGE = "{\"billing\":\"manage\"}";
    private static final String IDENTITY_VIEW = "{\"identity_access\":\"view\"}";

    private static final Set<Integer> OK = Set.of(200);
    private static final Set<Integer> CREATED = Set.of(201);
    private static final Set<Integer> NO_CONTENT = Set.of(204);

    /** One request; {@code body} is JSON text or null. */
    private record Call(String method, String path, String body) {
    }

    /**
     * How to make one call with fresh targets, what answers mean "allowed", and what to undo or wait for after
     * an allowed call.
     */
    private record Case(Set<Integer> success, Supplier<Call> prepare, BiConsumer<Call, ApiClient.Answer> afterAllowed) {
        Case(Set<Integer> success, Supplier<Call> prepare) {
            this(success, prepare, (call, response) -> {
            });
        }
    }

    @Inject
    TestOrgs orgs;
    @Inject
    AccessFixtures fx;

    private TestOrgs.TestOrg org;
    private TestOrgs.TestOrg upstream;

    @Test
    void everyCallerGetsExactlyWhatTheTableSays() {
        org = orgs.create();
        upstream = orgs.create();
        Map<String, String> callers = callers();
        Map<String, Case> cases = cases();

        List<String> lines = MATRIX.lines().filter(line -> !line.isBlank()).toList();
        String[] header = lines.get(0).trim().split("\\s+");
        List<String> columns = List.of(header).subList(1, header.length);
        assertEquals(callers.keySet().stream().toList(), columns, "the table's columns are the callers");
        List<String> rows = lines.subList(1, lines.size()).stream().map(line -> line.trim().split("\\s+")[0]).toList();
        assertEquals(cases.keySet().stream().sorted().toList(), rows.stream().sorted().toList(), "the table's rows are the cases");

        List<String> mismatches = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.trim().split("\\s+");
            assertEquals(columns.size() + 1, cells.length, "one cell per caller in: " + line);
            Case c = cases.get(cells[0]);
            Call call = c.prepare().get();
            String state = fx.snapshot(org.id());
            for (int i = 0; i < columns.size(); i++) {
                String caller = columns.get(i);
                String expected = cells[i + 1];
                ApiClient.Answer response = ApiClient.send(callers.get(caller), call.method(), call.path(), call.body());
                String problem = mismatch(expected, c.success(), response);
                if (problem != null) {
                    mismatches.add(cells[0] + " by " + caller + ": " + problem);
                }
                if (c.success().contains(response.status())) {
                    c.afterAllowed().accept(call, response);
                    call = c.prepare().get();
                    state = fx.snapshot(org.id());
                } else {
                    String after = fx.snapshot(org.id());
                    if (!after.equals(state)) {
                        mismatches.add(cells[0] + " by " + caller + ": refused with " + response.status()
                                + " but changed " + changed(state, after));
                    }
                    state = after;
                }
            }
        }
        assertTrue(mismatches.isEmpty(), mismatches.size() + " cells disagree with the table:\n" + String.join("\n", mismatches));
    }

    private Map<String, String> callers() {
        UUID orgId = org.id();
        Map<String, String> callers = new LinkedHashMap<>();
        callers.put("user", jwt(orgId, fx.member(orgId, OrgRole.USER)));
        UUID suspended = fx.member(orgId, OrgRole.OWNER);
        fx.suspend(orgId, suspended);
        callers.put("susp", jwt(orgId, suspended));
        callers.put("admin", jwt(orgId, fx.member(orgId, OrgRole.ADMIN)));
        for (String area : List.of("ia", "um", "bi", "an", "pr", "li")) {
            for (String level : List.of("view", "manage")) {
                UUID member = fx.customRolesMember(orgId, "{\"" + AREA_COLUMNS.get(area) + "\":\"" + level + "\"}");
                callers.put(area + ":" + level.charAt(0), jwt(orgId, member));
            }
        }
        callers.put("owner", jwt(orgId, fx.member(orgId, OrgRole.OWNER)));
        callers.put("primary", org.ownerJwt());
        callers.put("key", (String) AccessFixtures.createApiKey(orgId, org.ownerJwt(), ALL_MANAGE).get("key"));
        return callers;
    }

    private Map<String, Case> cases() {
        UUID o = org.id();
        Map<String, Case> cases = new LinkedHashMap<>();
        cases.put("member-patch-user-to-owner", new Case(OK, () -> patchRole(fx.member(o, OrgRole.USER), "owner")));
        cases.put("member-patch-user-to-admin", new Case(OK, () -> patchRole(fx.member(o, OrgRole.USER), "admin")));
        cases.put("member-patch-user-to-custom_roles", new Case(OK, () -> patchRole(fx.member(o, OrgRole.USER), "custom_roles")));
        cases.put("member-patch-user-to-custom_roles-above", new Case(OK, () -> {
            // a user in a group whose role grants billing manage: custom_roles would give them that level
            UUID member = fx.member(o, OrgRole.USER);
            fx.manualGroup(o, List.of(member), fx.customRole(o, BILLING_MANAGE));
            return patchRole(member, "custom_roles");
        }));
        cases.put("member-patch-custom_roles-to-user", new Case(OK, () -> patchRole(fx.member(o, OrgRole.CUSTOM_ROLES), "user")));
        cases.put("member-patch-admin-to-user", new Case(OK, () -> patchRole(fx.member(o, OrgRole.ADMIN), "user")));
        cases.put("member-patch-owner-to-user", new Case(OK, () -> patchRole(fx.member(o, OrgRole.OWNER), "user")));
        cases.put("member-delete-user", new Case(NO_CONTENT, () -> new Call("DELETE", api("/members/" + fx.member(o, OrgRole.USER)), null)));
        cases.put("member-delete-admin", new Case(NO_CONTENT, () -> new Call("DELETE", api("/members/" + fx.member(o, OrgRole.ADMIN)), null)));
        for (String role : List.of("owner", "admin", "user", "custom_roles")) {
            cases.put("invite-as-" + role, new Case(CREATED, () -> new Call("POST", api("/invitations"),
                    "{\"email\":\"invited-" + tag() + "@example.com\",\"orgRole\":\"" + role + "\"}")));
        }

        cases.put("custom-role-create", new Case(CREATED, () -> new Call("POST", api("/custom-roles"),
                "{\"name\":\"new " + tag() + "\",\"capabilities\":[\"projects\"],\"adminAreas\":" + IDENTITY_VIEW + "}")));
        cases.put("custom-role-create-above", new Case(CREATED, () -> new Call("POST", api("/custom-roles"),
                "{\"name\":\"new " + tag() + "\",\"adminAreas\":{\"identity_access\":\"view\",\"billing\":\"manage\"}}")));
        cases.put("custom-role-patch", new Case(OK, () -> new Call("PATCH", api("/custom-roles/" + fx.customRole(o, "{}")),
                "{\"adminAreas\":" + IDENTITY_VIEW + "}")));
        cases.put("custom-role-patch-above", new Case(OK, () -> new Call("PATCH", api("/custom-roles/" + fx.customRole(o, "{}")),
                "{\"adminAreas\":{\"privacy\":\"manage\"}}")));
        cases.put("custom-role-patch-role-above", new Case(OK, () -> new Call("PATCH",
                api("/custom-roles/" + fx.customRole(o, "{\"billing\":\"view\"}")), "{\"description\":\"changed " + tag() + "\"}")));
        cases.put("custom-role-delete", new Case(NO_CONTENT, () -> new Call("DELETE", api("/custom-roles/" + fx.customRole(o, "{}")), null)));
        cases.put("custom-role-delete-above", new Case(NO_CONTENT, () -> new Call("DELETE",
                api("/custom-roles/" + fx.customRole(o, "{\"libraries\":\"manage\"}")), null)));

        cases.put("group-create", new Case(CREATED, () -> new Call("POST", api("/groups"), "{\"name\":\"new " + tag()
                + "\",\"customRoleIds\":[\"" + fx.customRole(o, IDENTITY_VIEW) + "\"],\"memberIds\":[\"" + fx.member(o, OrgRole.CUSTOM_ROLES) + "\"]}")));
        cases.put("group-create-above", new Case(CREATED, () -> new Call("POST", api("/groups"), "{\"name\":\"new " + tag()
                + "\",\"customRoleIds\":[\"" + fx.customRole(o, BILLING_MANAGE) + "\"],\"memberIds\":[\"" + fx.member(o, OrgRole.CUSTOM_ROLES) + "\"]}")));
        cases.put("group-patch-roles", new Case(OK, () -> new Call("PATCH", api("/groups/" + fx.manualGroup(o, List.of())),
                "{\"customRoleIds\":[\"" + fx.customRole(o, IDENTITY_VIEW) + "\"]}")));
        cases.put("group-patch-roles-above", new Case(OK, () -> new Call("PATCH", api("/groups/" + fx.manualGroup(o, List.of())),
                "{\"customRoleIds\":[\"" + fx.customRole(o, BILLING_MANAGE) + "\"]}")));
        cases.put("group-patch-remove-role-above", new Case(OK, () -> new Call("PATCH",
                api("/groups/" + fx.manualGroup(o, List.of(), fx.customRole(o, BILLING_MANAGE))), "{\"customRoleIds\":[]}")));
        cases.put("group-add-members", new Case(OK, () -> new Call("POST",
                api("/groups/" + fx.manualGroup(o, List.of(), fx.customRole(o, IDENTITY_VIEW)) + "/members"),
                "{\"memberIds\":[\"" + fx.member(o, OrgRole.CUSTOM_ROLES) + "\"]}")));
        cases.put("group-add-members-above", new Case(OK, () -> new Call("POST",
                api("/groups/" + fx.manualGroup(o, List.of(), fx.customRole(o, BILLING_MANAGE)) + "/members"),
                "{\"memberIds\":[\"" + fx.member(o, OrgRole.CUSTOM_ROLES) + "\"]}")));

        for (String role : List.of("owner", "admin", "user", "custom_roles")) {
            cases.put("mapping-create-" + role, new Case(CREATED, () -> new Call("POST", api("/group-mappings"),
                    "{\"scimGroupId\":\"" + fx.scimGroup(o, List.of()) + "\",\"orgRole\":\"" + role + "\"}")));
        }
        cases.put("mapping-delete", new Case(NO_CONTENT, () -> {
            String mapping = as(org.ownerJwt()).body("{\"scimGroupId\":\"" + fx.scimGroup(o, List.of()) + "\",\"orgRole\":\"user\"}")
                    .post(api("/group-mappings")).then().statusCode(201).extract().path("id");
            return new Call("DELETE", api("/group-mappings/" + mapping), null);
        }));
        cases.put("scim-token-create", new Case(CREATED, () -> new Call("POST", api("/scim-tokens"), "{\"name\":\"idp " + tag() + "\"}")));
        cases.put("scim-token-revoke", new Case(NO_CONTENT, () -> {
            String token = as(org.ownerJwt()).body("{\"name\":\"idp " + tag() + "\"}").post(api("/scim-tokens"))
                    .then().statusCode(201).extract().path("id");
            return new Call("DELETE", api("/scim-tokens/" + token), null);
        }));
        cases.put("sync-configure", new Case(OK, () -> new Call("PUT", api("/directory-sync"), syncConfig())));
        cases.put("sync-remove", new Case(NO_CONTENT, () -> {
            configureSync();
            return new Call("DELETE", api("/directory-sync"), null);
        }));
        cases.put("sync-run", new Case(Set.of(200, 202), () -> {
            configureSync();
            return new Call("POST", api("/directory-sync/runs"), null);
        }, (call, response) -> awaitRun(response.json().path("id").asText())));
        cases.put("api-key-create", new Case(CREATED, () -> new Call("POST", api("/api-keys"),
                "{\"name\":\"ci " + tag() + "\",\"adminAreas\":" + IDENTITY_VIEW + "}")));
        cases.put("api-key-create-above", new Case(CREATED, () -> new Call("POST", api("/api-keys"),
                "{\"name\":\"ci " + tag() + "\",\"adminAreas\":{\"identity_access\":\"view\",\"billing\":\"manage\"}}")));
        cases.put("primary-owner-transfer", new Case(OK, () -> new Call("POST", api("/primary-owner-transfer"),
                "{\"memberId\":\"" + fx.member(o, OrgRole.USER) + "\"}"), (call, response) -> {
            // hand it back, so that the primary owner's column stays the primary owner
            String newPrimary = response.json().path("primaryOwner").path("id").asText();
            as(jwt(o, UUID.fromString(newPrimary))).body("{\"memberId\":\"" + org.ownerId() + "\"}")
                    .post(api("/primary-owner-transfer")).then().statusCode(200);
        }));
        cases.put("org-create", new Case(CREATED, () -> new Call("POST", "/api/v1/orgs",
                "{\"name\":\"Escalated " + tag() + "\",\"plan\":\"enterprise\",\"primaryOwnerEmail\":\"ceo-" + tag() + "@example.com\"}")));
        return cases;
    }

    private String api(String suffix) {
        return "/api/v1/orgs/" + org.id() + suffix;
    }

    private Call patchRole(UUID member, String role) {
        return new Call("PATCH", api("/members/" + member), "{\"orgRole\":\"" + role + "\"}");
    }

    private String syncConfig() {
        return "{\"connector\":\"scim\",\"baseUrl\":\"http://localhost:" + RestAssured.port + "/scim/v2\",\"bearerToken\":\""
                + upstream.scimToken() + "\"}";
    }

    private void configureSync() {
        as(org.ownerJwt()).body(syncConfig()).put(api("/directory-sync")).then().statusCode(200);
    }

    /** Waits for a sync run to end, so that it changes nothing while later refusals are checked. */
    private void awaitRun(String runId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            String status = as(org.ownerJwt()).get(api("/directory-sync/runs/" + runId)).then().statusCode(200).extract().path("status");
            if ("succeeded".equals(status) || "failed".equals(status)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("sync run " + runId + " still " + status + " after 30 s");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    /** Null when the answer is what the cell says; otherwise what went wrong. */
    private static String mismatch(String expected, Set<Integer> success, ApiClient.Answer response) {
        int status = response.status();
        String code = status >= 400 ? response.code() : null;
        return switch (expected) {
            case "A" -> success.contains(status) ? null : "expected " + success + ", got " + response;
            case "D" -> status == 403 && code != null ? null : "expected 403 (problem+json), got " + response;
            case "F", "O", "X" -> {
                String wanted = switch (expected) {
                    case "F" -> "forbidden";
                    case "O" -> "owner_required";
                    default -> "exceeds_own_rights";
                };
                yield status == 403 && wanted.equals(code) ? null : "expected 403 " + wanted + ", got " + response;
            }
            default -> throw new IllegalArgumentException("Unknown cell " + expected);
        };
    }

    private static String abbreviate(String body) {
        return body.length() <= 200 ? body : body.substring(0, 200) + "…";
    }

    /** The lines of the snapshot that differ, as the items removed and added. */
    private static String changed(String before, String after) {
        List<String> was = before.lines().toList();
        List<String> now = after.lines().toList();
        List<String> changes = new ArrayList<>();
        for (int i = 0; i < Math.min(was.size(), now.size()); i++) {
            if (!was.get(i).equals(now.get(i))) {
                List<String> old = Arrays.asList(was.get(i).split(","));
                List<String> neu = Arrays.asList(now.get(i).split(","));
                changes.add(abbreviate(was.get(i).split(" ")[0] + " -" + old.stream().filter(item -> !neu.contains(item)).toList()
                        + " +" + neu.stream().filter(item -> !old.contains(item)).toList()));
            }
        }
        return String.join("; ", changes);
    }
}
