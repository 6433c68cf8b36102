package dev.roster.access;

import dev.roster.auth.AdminTokenIssuer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.roster.common.DomainException;
import dev.roster.common.ErrorCode;
import dev.roster.common.Ids;
import dev.roster.common.Sql;
import io.quarkus.security.UnauthorizedException;
import jakarta.enterprise.context.RequestScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Authorizes every admin API call from the database: the JWT says who the caller is (sub, org_id);
 * their current row says whether they are active and what they may do. One query per request.
 */
@RequestScoped
public class AdminAuthorizer {

    private final JsonWebToken jwt;
    private final Sql sql;
    private final ObjectMapper json;
    private AdminCaller caller;

    public AdminAuthorizer(JsonWebToken jwt, Sql sql, ObjectMapper json) {
        this.jwt = jwt;
        this.sql = sql;
        this.json = json;
    }

    /** The caller, who must belong to {@code orgId} and hold at least {@code level} in {@code area}. */
    public AdminCaller require(UUID orgId, AdminArea area, AccessLevel level) {
        AdminCaller current = requireMemberOf(orgId);
        if (!current.level(area).atLeast(level)) {
            throw new DomainException(ErrorCode.FORBIDDEN, "This needs " + area.wire() + " at level " + level.wire()
                    + "; your role '" + current.orgRole().wire() + "' grants " + current.level(area).wire());
        }
        return current;
    }

    /** The caller, who must be an active member of {@code orgId}; no admin area needed. */
    public AdminCaller requireMemberOf(UUID orgId) {
        AdminCaller current = caller();
        if (!current.orgId().equals(orgId)) {
            throw new DomainException(ErrorCode.FORBIDDEN, "You are not a member of organization " + orgId);
        }
        return current;
    }

    /**
     * A platform operator: an authenticated JWT carrying the group {@code platform-admin}. Operators
     * need not be members of any organization, so no member row is read. No token is 401, a token
     * without the group 403.
     */
    public void requirePlatformAdmin() {
        if (jwt == null || jwt.getRawToken() == null) {
            throw new UnauthorizedException("A bearer JWT is required");
        }
        if (!isPlatformAdmin()) {
            throw new DomainException(ErrorCode.FORBIDDEN, "This needs a platform operator's token (group '"
                    + AdminTokenIssuer.PLATFORM_ADMIN_GROUP + "')");
        }
    }

    public boolean isPlatformAdmin() {
        return jwt.getGroups() != null && jwt.getGroups().contains(AdminTokenIssuer.PLATFORM_ADMIN_GROUP);
    }

    /** The authenticated caller, loaded once per request. */
    public AdminCaller caller() {
        if (caller == null) {
            caller = load();
        }
        return caller;
    }

    private AdminCaller load() {
        if (jwt == null || jwt.getRawToken() == null) {
            throw new UnauthorizedException("A bearer JWT is required");
        }
        Optional<UUID> memberId = Ids.parse(jwt.getSubject());
        Optional<UUID> orgId = Ids.parse(Optional.ofNullable(jwt.getClaim(AdminTokenIssuer.ORG_ID_CLAIM))
                .map(Object::toString).map(s -> s.replace("\"", "")).orElse(null));
        if (memberId.isEmpty() || orgId.isEmpty()) {
            throw new DomainException(ErrorCode.FORBIDDEN, "The token names no member (sub) of an organization (org_id)");
        }
        record Row(String userName, String role, boolean active) {
        }
        Row row = sql.queryOne("SELECT user_name, org_role, active FROM members WHERE org_id = ? AND id = ?",
                        r -> new Row(r.getString(1), r.getString(2), r.getBoolean(3)), orgId.get(), memberId.get())
                .orElseThrow(() -> new DomainException(ErrorCode.FORBIDDEN, "You are no longer a member of this organization"));
        if (!row.active()) {
            throw new DomainException(ErrorCode.FORBIDDEN, "Your membership is suspended");
        }
        OrgRole role = OrgRole.fromWire(row.role()).orElseThrow();
        Map<AdminArea, AccessLevel> levels = BuiltInAdminLevels.of(role);
        if (role == OrgRole.CUSTOM_ROLES) {
            addCustomRoleLevels(orgId.get(), memberId.get(), levels);
        }
        return new AdminCaller(orgId.get(), memberId.get(), row.userName(), role, levels, isPlatformAdmin());
    }

    private void addCustomRoleLevels(UUID orgId, UUID memberId, Map<AdminArea, AccessLevel> levels) {
        for (String areas : sql.query("""
                SELECT DISTINCT cr.admin_areas::text
                FROM group_members gm
                JOIN group_custom_roles gcr ON gcr.org_id = gm.org_id AND gcr.group_id = gm.group_id
                JOIN custom_roles cr ON cr.org_id = gcr.org_id AND cr.id = gcr.custom_role_id
                WHERE gm.org_id = ? AND gm.member_id = ?""", r -> r.getString(1), orgId, memberId)) {
            try {
                JsonNode node = json.readTree(areas);
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> entry = it.next();
                    AdminArea.fromWire(entry.getKey()).ifPresent(area -> AccessLevel.fromWire(entry.getValue().asText())
                            .ifPresent(level -> levels.merge(area, level, AccessLevel::max)));
                }
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException("custom_roles.admin_areas is not JSON", e);
            }
        }
    }
}
