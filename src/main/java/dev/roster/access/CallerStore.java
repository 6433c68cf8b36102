package dev.roster.access;

import dev.roster.common.BearerSecrets;
import dev.roster.common.DomainException;
import dev.roster.common.ErrorCode;
import jakarta.enterprise.context.ApplicationScoped;
import org.jdbi.v3.core.Jdbi;

import java.util.Optional;
import java.util.UUID;

/** Reads an admin caller's standing from the database: one statement, plus the grants for {@code custom_roles}. */
@ApplicationScoped
public class CallerStore {

    private static final String MEMBER = """
            SELECT m.user_name, m.org_role, m.active,
                   EXISTS (SELECT 1 FROM platform_operators po
                           WHERE po.org_id = m.org_id AND po.member_id = m.id) AS platform_operator
            FROM members m
            WHERE m.org_id = :orgId AND m.id = :memberId""";

    /**
     * The live key with its creator's standing; records use at most once a minute (the condition is on the
     * target row, so concurrent uses of one key do not each write).
     */
    private static final String API_KEY = """
            WITH key AS (
                SELECT org_id, id, name, admin_areas::text AS admin_areas, created_by
                FROM api_keys
                WHERE key_hash = :keyHash AND revoked_at IS NULL),
            touched AS (
                UPDATE api_keys k SET last_used_at = now()
                FROM key
                WHERE k.org_id = key.org_id AND k.id = key.id
                  AND (k.last_used_at IS NULL OR k.last_used_at < now() - interval '1 minute'))
            SELECT key.org_id, key.id, key.name, key.admin_areas, m.id AS creator_id, m.org_role AS creator_role,
                   m.active AS creator_active
            FROM key JOIN members m ON m.org_id = key.org_id AND m.id = key.created_by""";

    private record MemberRow(String userName, OrgRole role, boolean active, boolean platformOperator) {
    }

    private record KeyRow(UUID orgId, UUID id, String name, String adminAreas, UUID creatorId, OrgRole creatorRole,
                          boolean creatorActive) {
    }

    private final Jdbi jdbi;
    private final CustomRoleGrants grants;

    public CallerStore(Jdbi jdbi, CustomRoleGrants grants) {
        this.jdbi = jdbi;
        this.grants = grants;
    }

    /** The member a JWT names, who must still be an active member of the org. */
    public AdminCaller member(UUID orgId, UUID memberId) {
        MemberRow row = jdbi.withHandle(handle -> handle.createQuery(MEMBER)
                        .bind("orgId", orgId)
                        .bind("memberId", memberId)
                        .map((rs, ctx) -> new MemberRow(rs.getString("user_name"), OrgRole.require(rs.getString("org_role")),
                                rs.getBoolean("active"), rs.getBoolean("platform_operator")))
                        .findOne())
                .orElseThrow(() -> new DomainException(ErrorCode.FORBIDDEN, "You are no longer a member of this organization"));
        if (!row.active()) {
            throw new DomainException(ErrorCode.FORBIDDEN, "Your membership is suspended");
        }
        return new AdminCaller(orgId, AdminCaller.Kind.MEMBER, memberId, row.userName(), row.role(),
                grants.rightsOf(orgId, memberId, row.role()), row.platformOperator());
    }

    /** The API key with this secret, if live; its levels capped by its creator's current ones. */
    public Optional<AdminCaller> apiKey(String key) {
        Optional<KeyRow> found = jdbi.withHandle(handle -> handle.createQuery(API_KEY)
                .bind("keyHash", BearerSecrets.sha256Hex(key))
                .map((rs, ctx) -> new KeyRow(rs.getObject("org_id", UUID.class), rs.getObject("id", UUID.class),
                        rs.getString("name"), rs.getString("admin_areas"), rs.getObject("creator_id", UUID.class),
                        OrgRole.require(rs.getString("creator_role")), rs.getBoolean("creator_active")))
                .findOne());
        return found.map(row -> {
            if (!row.creatorActive()) {
                throw new DomainException(ErrorCode.FORBIDDEN, "The member who created this API key is suspended");
            }
            AdminRights creator = grants.rightsOf(row.orgId(), row.creatorId(), row.creatorRole());
            return new AdminCaller(row.orgId(), AdminCaller.Kind.API_KEY, row.id(), row.name(), null,
                    grants.parse(row.adminAreas()).min(creator), false);
        });
    }
}
