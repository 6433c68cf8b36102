package dev.roster.access;

import dev.roster.support.AdminFixtures;
import dev.roster.support.TestOrgs;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;
import org.jdbi.v3.core.Jdbi;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/**
 * Set-up for the access tests that is not the API under test: members with given roles and custom-role
 * levels, admin JWTs minted with the local key (as the company's OIDC provider would), platform-operator
 * rows, and a fingerprint of everything in an org that a refused request must leave unchanged.
 */
@ApplicationScoped
public class AccessFixtures {

    public static final List<String> AREAS = List.of("identity_access", "user_management", "billing", "analytics",
            "privacy", "libraries");
    public static final List<String> LEVELS = List.of("none", "view", "manage");

    private static final String SNAPSHOT = """
            SELECT concat_ws(E'\\n',
              'members ' || COALESCE((SELECT string_agg(id || ':' || org_role || ':' || active, ',' ORDER BY id)
                                      FROM members WHERE org_id = :orgId), '-'),
              'roles ' || COALESCE((SELECT string_agg(id || ':' || name || ':' || description || ':' || capabilities::text
                                                   || ':' || admin_areas::text, ',' ORDER BY id)
                                    FROM custom_roles WHERE org_id = :orgId), '-'),
              'groups ' || COALESCE((SELECT string_agg(id || ':' || display_name, ',' ORDER BY id)
                                     FROM groups WHERE org_id = :orgId), '-'),
              'group_roles ' || COALESCE((SELECT string_agg(group_id || ':' || custom_role_id, ',' ORDER BY group_id, custom_role_id)
                                          FROM group_custom_roles WHERE org_id = :orgId), '-'),
              'group_members ' || COALESCE((SELECT string_agg(group_id || ':' || member_id, ',' ORDER BY group_id, member_id)
                                            FROM group_members WHERE org_id = :orgId), '-'),
              'mappings ' || COALESCE((SELECT string_agg(group_id || ':' || org_role, ',' ORDER BY group_id)
                                       FROM group_mappings WHERE org_id = :orgId), '-'),
              'invitations ' || COALESCE((SELECT string_agg(lower(email) || ':' || org_role, ',' ORDER BY lower(email))
                                          FROM invitations WHERE org_id = :orgId), '-'),
              'scim_tokens ' || COALESCE((SELECT string_agg(id || ':' || COALESCE(revoked_at::text, 'live'), ',' ORDER BY id)
                                          FROM scim_tokens WHERE org_id = :orgId), '-'),
              'api_keys ' || COALESCE((SELECT string_agg(id || ':' || admin_areas::text || ':' || COALESCE(revoked_at::text, 'live'),
                                                         ',' ORDER BY id)
                                       FROM api_keys WHERE org_id = :orgId), '-'),
              'directory_sync ' || COALESCE((SELECT base_url || ' ' || updated_at FROM directory_sync_configs WHERE org_id = :orgId), '-'),
              'sync_runs ' || (SELECT count(*) FROM directory_sync_runs WHERE org_id = :orgId),
              'features ' || (SELECT count(*) FROM org_features WHERE org_id = :orgId),
              'audit_events ' || (SELECT count(*) FROM audit_events WHERE org_id = :orgId),
              'orgs ' || (SELECT count(*) FROM orgs),
              'platform_operators ' || (SELECT count(*) FROM platform_operators))""";

    private final Jdbi jdbi;
    private final TestOrgs orgs;
    private final AdminFixtures admin;

    public AccessFixtures(Jdbi jdbi, TestOrgs orgs, AdminFixtures admin) {
        this.jdbi = jdbi;
        this.orgs = orgs;
        this.admin = admin;
    }

    public static RequestSpecification as(String bearer) {
        return given().auth().oauth2(bearer).contentType(ContentType.JSON);
    }

    public static String tag() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    /** A fresh member with a built-in role. */
    public UUID member(UUID orgId, OrgRole role) {
        return orgs.addMember(orgId, role.wire() + "-" + tag() + "@example.com", role);
    }

    /**
     * A {@code custom_roles} member in one manual group per entry of {@code adminAreasPerGroup} (JSON objects,
     * e.g. {@code {"billing":"view"}}), each group carrying one custom role with those levels.
     */
    public UUID customRolesMember(UUID orgId, String... adminAreasPerGroup) {
        UUID member = member(orgId, OrgRole.CUSTOM_ROLES);
        for (String areas : adminAreasPerGroup) {
            UUID group = admin.manualGroup(orgId, "group " + tag(), List.of(member));
            admin.assignRole(orgId, group, admin.customRole(orgId, "role " + tag(), areas));
        }
        return member;
    }

    /** A custom role with these admin levels (JSON object), written directly. */
    public UUID customRole(UUID orgId, String adminAreas) {
        return admin.customRole(orgId, "role " + tag(), adminAreas);
    }

    /** A manual group with these members, carrying these custom roles. */
    public UUID manualGroup(UUID orgId, List<UUID> members, UUID... customRoles) {
        UUID group = admin.manualGroup(orgId, "group " + tag(), members);
        for (UUID role : customRoles) {
            admin.assignRole(orgId, group, role);
        }
        return group;
    }

    /** A group as the identity provider creates it (through a SCIM token), with these members. */
    public UUID scimGroup(UUID orgId, List<UUID> members) {
        return admin.scimGroup(orgId, "idp group " + tag(), members);
    }

    public void suspend(UUID orgId, UUID memberId) {
        admin.suspend(orgId, memberId);
    }

    /** Grants platform-operator rights: the database row that is the only source of them. */
    public void makeOperator(UUID orgId, UUID memberId) {
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO platform_operators (org_id, member_id) VALUES (:orgId, :memberId)")
                .bind("orgId", orgId).bind("memberId", memberId).execute());
    }

    public void revokeOperator(UUID orgId, UUID memberId) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM platform_operators WHERE org_id = :orgId AND member_id = :memberId")
                .bind("orgId", orgId).bind("memberId", memberId).execute());
    }

    /** An admin JWT for a member, signed with the local key. */
    public static String jwt(UUID orgId, UUID memberId) {
        return jwt(orgId, memberId, Set.of());
    }

    /** An admin JWT carrying these {@code groups} claims (which must grant nothing by themselves). */
    public static String jwt(UUID orgId, UUID memberId, Set<String> groups) {
        return Jwt.subject(memberId.toString()).claim("org_id", orgId.toString()).groups(groups).sign();
    }

    public static String jwtExpiringAt(UUID orgId, UUID memberId, Instant expiresAt) {
        return Jwt.subject(memberId.toString()).claim("org_id", orgId.toString())
                .issuedAt(Instant.now().minusSeconds(5)).expiresAt(expiresAt).sign();
    }

    /** Creates an org API key through the API as {@code bearer}; answers the created key's JSON fields. */
    public static Map<String, Object> createApiKey(UUID orgId, String bearer, String adminAreas) {
        return as(bearer).body("{\"name\":\"key " + tag() + "\",\"adminAreas\":" + adminAreas + "}")
                .post("/api/v1/orgs/{org}/api-keys", orgId).then().statusCode(201).extract().jsonPath().getMap("");
    }

    /** Everything in the org (and the org and operator counts) that a refused request must leave as it was. */
    public String snapshot(UUID orgId) {
        return jdbi.withHandle(h -> h.createQuery(SNAPSHOT).bind("orgId", orgId).mapTo(String.class).one());
    }

    public String role(UUID orgId, UUID memberId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT org_role FROM members WHERE org_id = :orgId AND id = :memberId")
                .bind("orgId", orgId).bind("memberId", memberId).mapTo(String.class).findOne().orElse(null));
    }

    public long count(String query, Map<String, Object> params) {
        return jdbi.withHandle(h -> h.createQuery(query).bindMap(params).mapTo(Long.class).one());
    }
}
