package dev.roster.roles;

import dev.roster.audit.AuditLog;
import dev.roster.access.AccessLevel;
import dev.roster.access.AdminArea;
import dev.roster.access.AdminCaller;
import dev.roster.access.GrantRules;
import dev.roster.common.Actor;
import dev.roster.common.DomainException;
import dev.roster.common.ErrorCode;
import dev.roster.common.Ids;
import dev.roster.common.Sql;
import dev.roster.access.OrgRole;
import dev.roster.orgs.OrgService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Who may change whose org role (SPEC §3), in one place:
 * <ul>
 *   <li>only owners and the primary owner, or a {@code custom_roles} member whose custom roles grant
 *       user_management manage, change roles; admins never do (their user_management is for other tasks);</li>
 *   <li>only owners and the primary owner grant {@code owner} or {@code admin}, and only they act on
 *       (change, remove) members who are owners or admins; everyone else acts only on {@code user} and
 *       {@code custom_roles} members;</li>
 *   <li>{@code primary_owner} is never granted by a role change, and the primary owner's role never
 *       changes that way: only the primary owner transfers it (and becomes an owner);</li>
 *   <li>{@code custom_roles} is granted only in enterprise orgs (the only ones with groups and custom roles);</li>
 *   <li>a member in at least one mapped SCIM group has their role from the mapping:
 *       {@code 409 role_managed_by_group_mapping}.</li>
 * </ul>
 * Methods run in the caller's transaction and lock the member rows they change.
 */
@ApplicationScoped
public class RoleChangeService {

    private final Sql sql;
    private final MappedRoles mappedRoles;
    private final AuditLog audit;
    private final EntityManager em;
    private final OrgService orgs;
    private final GrantRules grantRules;

    public RoleChangeService(Sql sql, MappedRoles mappedRoles, AuditLog audit, EntityManager em, OrgService orgs,
                             GrantRules grantRules) {
        this.orgs = orgs;
        this.grantRules = grantRules;
        this.sql = sql;
        this.mappedRoles = mappedRoles;
        this.audit = audit;
        this.em = em;
    }

    private record Row(UUID id, OrgRole role, boolean active) {
    }

    /** The role change that happened (before equals after when nothing changed). */
    public record RoleChange(UUID memberId, OrgRole before, OrgRole after) {
    }

    /** Changes {@code memberId}'s role to {@code newRole}, or refuses with the rule that forbids it. */
    public RoleChange changeRole(AdminCaller caller, String memberId, OrgRole newRole) {
        requireMayChangeRoles(caller);
        if (newRole == OrgRole.PRIMARY_OWNER) {
            throw DomainException.invalid("orgRole", "primary_owner is never granted by a role change; the primary owner "
                    + "transfers it with POST /api/v1/orgs/{orgId}/primary-owner-transfer");
        }
        GrantRules.requireMayGrant(caller, newRole);
        if (newRole == OrgRole.CUSTOM_ROLES) {
            // custom roles come from groups, which only enterprise orgs have: elsewhere the role would leave chat only
            orgs.requireEnterprise(orgs.get(caller.orgId()));
        }
        Row target = lock(caller.orgId(), memberId);
        requireMayActOn(caller, target.role());
        if (target.role() == OrgRole.PRIMARY_OWNER) {
            throw new DomainException(ErrorCode.PRIMARY_OWNER_PROTECTED, "The primary owner's role cannot be changed; "
                    + "the primary owner can transfer primary ownership to another member, and then becomes an owner");
        }
        if (target.role() == newRole) {
            return new RoleChange(target.id(), newRole, newRole);
        }
        if (newRole == OrgRole.CUSTOM_ROLES) {
            grantRules.requireMayMakeCustomRoles(caller, target.id());
        }
        if (mappedRoles.governs(caller.orgId(), target.id())) {
            throw new DomainException(ErrorCode.ROLE_MANAGED_BY_GROUP_MAPPING, "This member's role comes from a group mapping "
                    + "(they are in a mapped identity-provider group); change it in the identity provider or remove the mapping");
        }
        setRole(caller.actor(), target.id(), target.role(), newRole, null);
        return new RoleChange(target.id(), target.role(), newRole);
    }

    /**
     * Whether the caller may remove (or otherwise act on) a member with role {@code targetRole}: owners
     * act on anyone; everyone else only on {@code user} and {@code custom_roles} members.
     */
    public void requireMayActOn(AdminCaller caller, OrgRole targetRole) {
        GrantRules.requireMayActOn(caller, targetRole);
    }

    /** The primary owner hands primary ownership to another active member and becomes an owner. */
    public List<RoleChange> transferPrimaryOwnership(AdminCaller caller, String memberId) {
        if (caller.orgRole() != OrgRole.PRIMARY_OWNER) {
            throw new DomainException(ErrorCode.OWNER_REQUIRED, "Only the primary owner can transfer primary ownership");
        }
        UUID targetId = Ids.parse(memberId).orElseThrow(() -> noSuchMember(memberId));
        if (targetId.equals(caller.memberId())) {
            throw DomainException.invalid("memberId", "You are already the primary owner");
        }
        List<Row> rows = sql.query("SELECT id, org_role, active FROM members WHERE org_id = ? AND id = ANY(?::uuid[])"
                        + " ORDER BY id FOR NO KEY UPDATE", RoleChangeService::row, caller.orgId(), List.of(caller.memberId(), targetId));
        Row current = rows.stream().filter(r -> r.id().equals(caller.memberId())).findFirst()
                .filter(r -> r.role() == OrgRole.PRIMARY_OWNER && r.active())
                .orElseThrow(() -> new DomainException(ErrorCode.FORBIDDEN, "Only the primary owner can transfer primary ownership"));
        Row target = rows.stream().filter(r -> r.id().equals(targetId)).findFirst().orElseThrow(() -> noSuchMember(memberId));
        if (!target.active()) {
            throw DomainException.invalid("memberId", "The member is suspended; the primary owner must be an active member");
        }
        // the old primary owner steps down first: the database allows one primary owner per org
        setRole(caller.actor(), current.id(), OrgRole.PRIMARY_OWNER, OrgRole.OWNER, "primary_owner_transfer");
        setRole(caller.actor(), target.id(), target.role(), OrgRole.PRIMARY_OWNER, "primary_owner_transfer");
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("primaryOwnerId", target.id());
        audit.record(caller.actor(), "org.primary_owner_transferred", "org", caller.orgId(),
                Map.of("primaryOwnerId", current.id()), after);
        return List.of(new RoleChange(current.id(), OrgRole.PRIMARY_OWNER, OrgRole.OWNER),
                new RoleChange(target.id(), target.role(), OrgRole.PRIMARY_OWNER));
    }

    private void requireMayChangeRoles(AdminCaller caller) {
        boolean owner = caller.isOwner();
        boolean customManager = caller.orgRole() == OrgRole.CUSTOM_ROLES
                && caller.level(AdminArea.USER_MANAGEMENT).atLeast(AccessLevel.MANAGE);
        if (!owner && !customManager) {
            throw new DomainException(ErrorCode.FORBIDDEN, "Only owners and the primary owner (or a custom role with "
                    + "user_management manage) can change member roles; " + caller.describe() + " cannot");
        }
    }

    private Row lock(UUID orgId, String memberId) {
        Optional<UUID> id = Ids.parse(memberId);
        return id.flatMap(uuid -> sql.queryOne("SELECT id, org_role, active FROM members WHERE org_id = ? AND id = ? FOR NO KEY UPDATE",
                RoleChangeService::row, orgId, uuid)).orElseThrow(() -> DomainException.notFound("member", memberId));
    }

    private void setRole(Actor actor, UUID memberId, OrgRole before, OrgRole after, String via) {
        sql.update("UPDATE members SET org_role = ?, version = version + 1, updated_at = now() WHERE org_id = ? AND id = ?",
                after.wire(), actor.orgId(), memberId);
        MappedRoles.refreshIfLoaded(em, memberId);
        Map<String, Object> changed = new LinkedHashMap<>();
        changed.put("orgRole", after.wire());
        if (via != null) {
            changed.put("via", via);
        }
        audit.record(actor, "member.role_changed", "member", memberId, Map.of("orgRole", before.wire()), changed);
    }

    private static DomainException noSuchMember(String memberId) {
        return DomainException.invalid("memberId", "No member with id '" + memberId + "' in this organization");
    }

    private static Row row(java.sql.ResultSet row) throws java.sql.SQLException {
        return new Row(row.getObject(1, UUID.class), OrgRole.fromWire(row.getString(2)).orElseThrow(), row.getBoolean(3));
    }
}
