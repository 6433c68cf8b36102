package dev.roster.access;

import dev.roster.common.DomainException;
import dev.roster.common.ErrorCode;
import jakarta.enterprise.context.ApplicationScoped;
import org.jdbi.v3.core.Jdbi;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * Nobody gives anyone more than they have (docs/access-and-roles.md). Only owners (and the primary owner)
 * cause anyone to become {@code owner} or {@code admin}, or change an owner's or admin's role; a non-owner
 * gives no custom role, group role assignment or group membership an admin level above their own. Every
 * path that grants rights asks here, inside the transaction that makes the change; a refusal is
 * {@code 403 owner_required} or {@code 403 exceeds_own_rights}.
 */
@ApplicationScoped
public class GrantRules {

    private static final String ROLES_RIGHTS = """
            SELECT admin_areas::text FROM custom_roles
            WHERE org_id = :orgId AND id = ANY(:roleIds)
            FOR SHARE""";

    private static final String GROUP_RIGHTS = """
            SELECT cr.admin_areas::text
            FROM group_custom_roles gcr
            JOIN custom_roles cr ON cr.org_id = gcr.org_id AND cr.id = gcr.custom_role_id
            WHERE gcr.org_id = :orgId AND gcr.group_id = :groupId
            FOR SHARE OF cr""";

    private final Jdbi jdbi;
    private final CustomRoleGrants grants;

    public GrantRules(Jdbi jdbi, CustomRoleGrants grants) {
        this.jdbi = jdbi;
        this.grants = grants;
    }

    /** Only an owner or the primary owner may do {@code what} (e.g. "create SCIM tokens"). */
    public static void requireOwner(AdminCaller caller, String what) {
        if (!caller.isOwner()) {
            throw new DomainException(ErrorCode.OWNER_REQUIRED, "Only owners and the primary owner can " + what
                    + "; " + caller.describe() + " is not an owner");
        }
    }

    /** Granting {@code role} to anyone: {@code owner} and {@code admin} only by owners. */
    public static void requireMayGrant(AdminCaller caller, OrgRole role) {
        if (role == OrgRole.OWNER || role == OrgRole.ADMIN) {
            requireOwner(caller, "give anyone the " + role.wire() + " role");
        }
    }

    /** Acting on (changing, removing) a member whose role is {@code targetRole}: owners and admins only by owners. */
    public static void requireMayActOn(AdminCaller caller, OrgRole targetRole) {
        if (targetRole != OrgRole.USER && targetRole != OrgRole.CUSTOM_ROLES) {
            requireOwner(caller, "act on a member whose role is " + targetRole.wire());
        }
    }

    /** {@code granted} (what {@code what}, e.g. "This custom role", gives) must be within the caller's own levels. */
    public static void requireWithin(AdminCaller caller, AdminRights granted, String what) {
        if (caller.isOwner()) {
            return;
        }
        granted.firstAbove(caller.rights()).ifPresent(area -> {
            throw new DomainException(ErrorCode.EXCEEDS_OWN_RIGHTS, what + " give" + (what.endsWith("s") ? " " : "s ")
                    + area.wire() + " at level " + granted.level(area).wire() + ", above your level ("
                    + caller.level(area).wire() + "); nobody gives anyone more than they have");
        });
    }

    /** Assigning these custom roles to a group: each within the caller's levels. */
    public void requireMayAssign(AdminCaller caller, Collection<UUID> roleIds) {
        if (caller.isOwner() || roleIds.isEmpty()) {
            return;
        }
        requireWithin(caller, rights(jdbi.withHandle(handle -> handle.createQuery(ROLES_RIGHTS)
                .bind("orgId", caller.orgId())
                .bindArray("roleIds", UUID.class, List.copyOf(roleIds))
                .mapTo(String.class)
                .list())), "These custom roles");
    }

    /** Adding members to a group: every custom role the group carries within the caller's levels. */
    public void requireMayAddMembersTo(AdminCaller caller, UUID groupId) {
        if (caller.isOwner()) {
            return;
        }
        requireWithin(caller, rights(jdbi.withHandle(handle -> handle.createQuery(GROUP_RIGHTS)
                .bind("orgId", caller.orgId())
                .bind("groupId", groupId)
                .mapTo(String.class)
                .list())), "This group's custom roles");
    }

    /** Making a member {@code custom_roles}: the levels their groups' custom roles would give, within the caller's. */
    public void requireMayMakeCustomRoles(AdminCaller caller, UUID memberId) {
        if (!caller.isOwner()) {
            requireWithin(caller, CustomRoleGrants.rights(grants.of(caller.orgId(), memberId)),
                    "The custom roles of this member's groups");
        }
    }

    private AdminRights rights(List<String> storedLevels) {
        AdminRights rights = AdminRights.none();
        for (String stored : storedLevels) {
            rights = rights.max(grants.parse(stored));
        }
        return rights;
    }
}
