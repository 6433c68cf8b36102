package dev.roster.access;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import org.jdbi.v3.core.Jdbi;

import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The one query that says which custom roles reach a member, and through which group: what enforcement
 * ({@link AdminAuthorizer}), the access explanation and the feature-enable preview all read. A custom role
 * counts only for members whose org role is {@code custom_roles}; that filter is the callers' (it depends on
 * the member row they already hold).
 */
@ApplicationScoped
public class CustomRoleGrants {

    /** A custom role reaching {@code memberId} through {@code groupId}. */
    public record Grant(UUID memberId, UUID groupId, UUID roleId, String roleName, Set<String> capabilities,
                        AdminRights rights) {
    }

    /**
     * Every (member, group, custom role) of an org, for composing into a larger statement (the feature
     * preview): columns {@code member_id, group_id, role_id, role_name, capabilities, admin_areas}; parameter
     * {@code :orgId}.
     */
    public static final String GRANTS = """
            SELECT gm.member_id, gm.group_id, cr.id AS role_id, cr.name AS role_name, cr.capabilities,
                   cr.admin_areas::text AS admin_areas
            FROM group_members gm
            JOIN group_custom_roles gcr ON gcr.org_id = gm.org_id AND gcr.group_id = gm.group_id
            JOIN custom_roles cr ON cr.org_id = gcr.org_id AND cr.id = gcr.custom_role_id
            WHERE gm.org_id = :orgId""";

    private static final String OF_MEMBER = GRANTS + """
             AND gm.member_id = :memberId
            ORDER BY gm.group_id, lower(cr.name)""";

    private final Jdbi jdbi;
    private final ObjectMapper json;

    public CustomRoleGrants(Jdbi jdbi, ObjectMapper json) {
        this.jdbi = jdbi;
        this.json = json;
    }

    /** The custom roles reaching one member, by group then role name. */
    public List<Grant> of(UUID orgId, UUID memberId) {
        return jdbi.withHandle(handle -> handle.createQuery(OF_MEMBER)
                .bind("orgId", orgId)
                .bind("memberId", memberId)
                .map((row, context) -> grant(row))
                .list());
    }

    /** The admin levels these grants add up to: each area at the highest level any of them gives. */
    public static AdminRights rights(List<Grant> grants) {
        AdminRights rights = AdminRights.none();
        for (Grant grant : grants) {
            rights = rights.max(grant.rights());
        }
        return rights;
    }

    /** A member's admin levels: built in for every role but {@code custom_roles}, from their grants for it. */
    public AdminRights rightsOf(UUID orgId, UUID memberId, OrgRole role) {
        return role == OrgRole.CUSTOM_ROLES ? rights(of(orgId, memberId)) : BuiltInAdminLevels.of(role);
    }

    /** A stored {@code admin_areas} JSON text as rights. */
    public AdminRights parse(String adminAreas) {
        try {
            return adminAreas == null ? AdminRights.none() : AdminRights.fromStored(json.readTree(adminAreas));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("admin_areas is not JSON", e);
        }
    }

    /** Maps a row of {@link #GRANTS}. */
    public Grant grant(ResultSet row) throws SQLException {
        return new Grant(row.getObject("member_id", UUID.class), row.getObject("group_id", UUID.class),
                row.getObject("role_id", UUID.class), row.getString("role_name"),
                Set.copyOf(Arrays.asList((String[]) row.getArray("capabilities").getArray())), parse(row.getString("admin_areas")));
    }
}
