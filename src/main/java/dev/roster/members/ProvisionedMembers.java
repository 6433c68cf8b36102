package dev.roster.members;

import dev.roster.access.OrgRole;
import dev.roster.audit.AuditLog;
import dev.roster.common.Actor;
import dev.roster.common.Sql;
import dev.roster.common.SqlPart;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Creates the members an identity provider pushes (SCIM {@code POST /Users}), the hottest write an IdP
 * makes: during an initial import it arrives thousands of times a minute. The same rules as
 * {@link MemberService#create} plus {@link InvitationService#claim}, written as one SQL statement, so that
 * a create costs one database round trip and needs no transaction of its own: a pending invitation for
 * the userName is accepted (its role becomes the member's, {@code user} otherwise), the member inserted,
 * and both audited. The statement is atomic: a userName already taken refuses all of it.
 *
 * <p>A {@code guard} condition, checked by the same statement, lets the caller make the whole create
 * depend on something else being true at that moment (the SCIM layer: that its token is still live);
 * when it does not hold, nothing is written.
 */
@ApplicationScoped
public class ProvisionedMembers {

    private final Sql sql;
    private final AuditLog audit;

    public ProvisionedMembers(Sql sql, AuditLog audit) {
        this.sql = sql;
        this.audit = audit;
    }

    /** The member created, or nothing when {@code guard} did not hold. */
    public Optional<Member> create(Actor actor, MemberProfile profile, SqlPart guard) {
        Member member = MemberService.newMember(actor, profile, OrgRole.USER, true);
        // the audit entries are exactly those of InvitationService.claim and MemberService.create; the
        // member's role is only known inside the statement, so the "after" view takes it from there
        SqlPart audited = audit.insertFrom(actor, """
                SELECT 1 AS ord, 'invitation.accepted' AS action, 'invitation' AS target_type, accepted.id::text AS target_id,
                       jsonb_build_object('email', accepted.email, 'orgRole', accepted.org_role) AS before, NULL::jsonb AS after
                FROM accepted
                UNION ALL
                SELECT 2, 'member.created', 'member', created.id::text,
                       NULL, ?::jsonb || jsonb_build_object('orgRole', created.org_role)
                FROM created""");
        List<Object> params = new ArrayList<>(List.of(actor.orgId(), member.userName.strip()));
        params.addAll(guard.params());
        params.addAll(Arrays.asList(member.orgId, member.id, member.userName, member.displayName, member.externalId,
                member.active, member.scimAttributes, List.of(member.emailValues), member.createdAt, member.updatedAt));
        params.addAll(guard.params());
        params.addAll(audited.params());
        params.add(audit.json(MemberService.auditView(member)));
        try {
            Optional<String> role = sql.queryOne("""
                    WITH accepted AS (
                        %3$s AND (%1$s)
                        RETURNING id, email, org_role),
                    created AS (
                        INSERT INTO members (org_id, id, user_name, display_name, external_id, active, org_role,
                                             scim_managed, scim_attributes, email_values, version, created_at, updated_at)
                        SELECT ?, ?, ?, ?, ?, ?, coalesce((SELECT org_role FROM accepted), 'user'),
                               true, ?::jsonb, ?, 1, ?, ?
                        WHERE (%1$s)
                        RETURNING id, org_role),
                    audited AS (%2$s)
                    SELECT org_role FROM created""".formatted(guard.sql(), audited.sql(), InvitationService.CLAIM),
                    row -> row.getString(1), params.toArray());
            role.ifPresent(created -> member.orgRole = created);
            return role.map(created -> member);
        } catch (RuntimeException e) {
            throw MemberService.userNameTakenOr(e, member.userName);
        }
    }
}
