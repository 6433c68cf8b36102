package dev.roster.members;

import dev.roster.access.OrgRole;
import dev.roster.audit.AuditLog;
import dev.roster.common.Actor;
import dev.roster.common.SqlPart;
import jakarta.enterprise.context.ApplicationScoped;
import org.jdbi.v3.core.Jdbi;

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

    /**
     * The whole create. Placeholders: the invitation claim ({@link InvitationService#CLAIM}), the guard,
     * the audit insert; the guard appears twice, its parameters are bound once by name.
     */
    private static final String CREATE = """
            WITH accepted AS (
                %1$s AND (%2$s)
                RETURNING id, email, org_role),
            created AS (
                INSERT INTO members (org_id, id, user_name, display_name, external_id, active, org_role,
                                     scim_managed, scim_attributes, email_values, version, created_at, updated_at)
                SELECT :orgId, :id, :userName, :displayName, :externalId, :active,
                       coalesce((SELECT org_role FROM accepted), 'user'),
                       true, :scimAttributes::jsonb, :emailValues, 1, :createdAt, :updatedAt
                WHERE (%2$s)
                RETURNING id, org_role),
            audited AS (%3$s)
            SELECT org_role FROM created""";

    /**
     * The audit entries: exactly those of {@link InvitationService#claim} and {@link MemberService#create};
     * the member's role is only known inside the statement, so the "after" view takes it from there.
     */
    private static final String AUDIT_ENTRIES = """
            SELECT 1 AS ord, 'invitation.accepted' AS action, 'invitation' AS target_type, accepted.id::text AS target_id,
                   jsonb_build_object('email', accepted.email, 'orgRole', accepted.org_role) AS before, NULL::jsonb AS after
            FROM accepted
            UNION ALL
            SELECT 2, 'member.created', 'member', created.id::text,
                   NULL, :createdView::jsonb || jsonb_build_object('orgRole', created.org_role)
            FROM created""";

    private final Jdbi jdbi;
    private final AuditLog audit;

    public ProvisionedMembers(Jdbi jdbi, AuditLog audit) {
        this.jdbi = jdbi;
        this.audit = audit;
    }

    /** The member created, or nothing when {@code guard} did not hold. */
    public Optional<Member> create(Actor actor, MemberProfile profile, SqlPart guard) {
        Member member = MemberService.newMember(actor, profile, OrgRole.USER, true);
        SqlPart audited = audit.insertFrom(actor, AUDIT_ENTRIES);
        String sql = CREATE.formatted(InvitationService.CLAIM, guard.sql(), audited.sql());
        try {
            Optional<String> role = jdbi.withHandle(h -> h.createQuery(sql)
                    .bind("orgId", member.orgId)
                    .bind("email", member.userName.strip())
                    .bind("id", member.id)
                    .bind("userName", member.userName)
                    .bind("displayName", member.displayName)
                    .bind("externalId", member.externalId)
                    .bind("active", member.active)
                    .bind("scimAttributes", member.scimAttributes)
                    .bindArray("emailValues", String.class, (Object[]) member.emailValues)
                    .bind("createdAt", member.createdAt)
                    .bind("updatedAt", member.updatedAt)
                    .bind("createdView", audit.json(MemberService.auditView(member)))
                    .bindMap(guard.with(audited.params()))
                    .mapTo(String.class)
                    .findOne());
            role.ifPresent(created -> member.orgRole = created);
            return role.map(created -> member);
        } catch (RuntimeException e) {
            throw MemberService.userNameTakenOr(e, member.userName);
        }
    }
}
