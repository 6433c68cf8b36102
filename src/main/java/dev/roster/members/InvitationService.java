package dev.roster.members;

import dev.roster.access.AdminCaller;
import dev.roster.access.GrantRules;
import dev.roster.access.OrgRole;
import dev.roster.audit.AuditLog;
import dev.roster.common.Actor;
import dev.roster.common.Constraints;
import dev.roster.common.CursorPage;
import dev.roster.common.DomainException;
import dev.roster.common.ErrorCode;
import dev.roster.common.Ids;
import dev.roster.common.PageRequest;
import dev.roster.common.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import org.jdbi.v3.core.Jdbi;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Invitations by email (SPEC §3): owners invite with any role but {@code primary_owner}
 * ({@code custom_roles} included), admins only as {@code user}, and a custom role with
 * {@code user_management} manage as {@code user} or {@code custom_roles} (it may not grant owner or
 * admin). One pending invitation per email; an email that is already a member's cannot be invited.
 * When an identity provider creates, or the person signs in as, that email, {@link #claim} turns the
 * invitation into the member's role. Runs in the caller's transaction.
 */
@ApplicationScoped
public class InvitationService {

    /** Consumes the pending invitation for {@code :email} in {@code :orgId}, matched case-insensitively. */
    static final String CLAIM = "DELETE FROM invitations WHERE org_id = :orgId AND lower(email) = lower(:email)";

    private final Sql sql;
    private final Jdbi jdbi;
    private final AuditLog audit;

    public InvitationService(Sql sql, Jdbi jdbi, AuditLog audit) {
        this.sql = sql;
        this.jdbi = jdbi;
        this.audit = audit;
    }

    /** {@code caller} invites {@code email} as {@code role}. */
    public Invitation invite(AdminCaller caller, String email, String role) {
        Actor actor = caller.actor();
        String address = Emails.require("email", email);
        OrgRole invitedRole = OrgRole.fromWire(role).orElseThrow(() -> DomainException.invalid("orgRole",
                "orgRole must be one of owner, admin, user, custom_roles"));
        if (invitedRole == OrgRole.PRIMARY_OWNER) {
            throw DomainException.invalid("orgRole", "Nobody is invited as primary_owner: there is one, and only they can transfer it");
        }
        requireMayGrant(caller, invitedRole);
        UUID orgId = actor.orgId();
        if (sql.count("""
                SELECT count(*) FROM members
                WHERE org_id = ? AND (lower(user_name) = lower(?) OR email_values @> ARRAY[lower(?)])""",
                orgId, address, address) > 0) {
            throw new DomainException(ErrorCode.NAME_TAKEN, address + " is already a member of this organization", "email");
        }
        Invitation invitation;
        try {
            invitation = sql.queryOne("""
                            INSERT INTO invitations (org_id, id, email, org_role, invited_by)
                            VALUES (?, ?, ?, ?, ?::uuid)
                            ON CONFLICT DO NOTHING
                            RETURNING id, email, org_role, invited_by, created_at""",
                    InvitationService::row, orgId, Ids.newId(), address, invitedRole.wire(), inviter(actor))
                    .orElseThrow(() -> pendingAlready(address));
        } catch (RuntimeException e) {
            if (Constraints.violates(e, "invitations_email_key")) {
                throw pendingAlready(address);
            }
            throw e;
        }
        audit.record(actor, "invitation.created", "invitation", invitation.id(), null,
                Map.of("email", invitation.email(), "orgRole", invitation.orgRole()));
        return invitation;
    }

    /** Pending invitations, newest first. */
    public CursorPage<Invitation> list(UUID orgId, PageRequest page) {
        List<Invitation> rows = page.after().isPresent()
                ? sql.query("""
                        SELECT id, email, org_role, invited_by, created_at FROM invitations
                        WHERE org_id = ? AND (created_at, id) < (?, ?)
                        ORDER BY created_at DESC, id DESC LIMIT ?""", InvitationService::row,
                orgId, page.instantAt(0), page.uuidAt(1), page.fetchSize())
                : sql.query("""
                        SELECT id, email, org_role, invited_by, created_at FROM invitations
                        WHERE org_id = ? ORDER BY created_at DESC, id DESC LIMIT ?""", InvitationService::row,
                orgId, page.fetchSize());
        return CursorPage.of(rows, page.limit(), last -> PageRequest.cursor(last.createdAt(), last.id()));
    }

    /** Cancels a pending invitation; the canceller must be allowed to grant its role. */
    public void cancel(AdminCaller caller, String invitationId) {
        Actor actor = caller.actor();
        Invitation invitation = Ids.parse(invitationId).flatMap(id -> sql.queryOne("""
                        SELECT id, email, org_role, invited_by, created_at FROM invitations
                        WHERE org_id = ? AND id = ? FOR UPDATE""", InvitationService::row, actor.orgId(), id))
                .orElseThrow(() -> DomainException.notFound("invitation", invitationId));
        requireMayGrant(caller, OrgRole.require(invitation.orgRole()));
        sql.update("DELETE FROM invitations WHERE org_id = ? AND id = ?", actor.orgId(), invitation.id());
        audit.record(actor, "invitation.cancelled", "invitation", invitation.id(),
                Map.of("email", invitation.email(), "orgRole", invitation.orgRole()), null);
    }

    /**
     * The identity provider created, or the person signed in as, {@code email}: answers the invited
     * role, if there was an invitation, and consumes it (the caller creates or updates the member with
     * that role). Call it in the transaction that creates the member.
     */
    public Optional<OrgRole> claim(UUID orgId, String email) {
        return claim(Actor.system(orgId), email);
    }

    /** {@link #claim(UUID, String)}, recording who accepted it on the audit log. */
    public Optional<OrgRole> claim(Actor actor, String email) {
        if (email == null || email.isBlank()) {
            return Optional.empty();
        }
        Optional<Invitation> claimed = jdbi.withHandle(h -> h.createQuery(CLAIM + " RETURNING id, email, org_role, invited_by, created_at")
                .bind("orgId", actor.orgId()).bind("email", email.strip())
                .map((row, context) -> row(row)).findOne());
        claimed.ifPresent(invitation -> audit.record(actor, "invitation.accepted", "invitation", invitation.id(),
                Map.of("email", invitation.email(), "orgRole", invitation.orgRole()), null));
        return claimed.map(invitation -> OrgRole.fromWire(invitation.orgRole()).orElseThrow());
    }

    /**
     * Owners invite with any role but primary_owner; nobody else invites as owner or admin
     * ({@link GrantRules}); admins invite as {@code user} only; a custom role or API key with user_management
     * manage as {@code user} or {@code custom_roles}.
     */
    private static void requireMayGrant(AdminCaller caller, OrgRole granted) {
        GrantRules.requireMayGrant(caller, granted);
        if (caller.orgRole() == OrgRole.ADMIN && granted != OrgRole.USER) {
            throw new DomainException(ErrorCode.FORBIDDEN, "Admins invite members as 'user' only, not '" + granted.wire() + "'");
        }
    }

    private static UUID inviter(Actor actor) {
        return actor.type() == Actor.Type.MEMBER ? Ids.parse(actor.id()).orElse(null) : null;
    }

    private static DomainException pendingAlready(String email) {
        return new DomainException(ErrorCode.NAME_TAKEN, "An invitation to " + email + " is already pending", "email");
    }

    private static Invitation row(ResultSet row) throws SQLException {
        return new Invitation(row.getObject(1, UUID.class), row.getString(2), row.getString(3),
                row.getObject(4, UUID.class), Sql.instant(row, "created_at"));
    }
}
