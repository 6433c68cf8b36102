package dev.roster.members;

import dev.roster.access.OrgRole;
import dev.roster.audit.AuditLog;
import dev.roster.common.Actor;
import dev.roster.common.Constraints;
import dev.roster.common.DomainException;
import dev.roster.common.ErrorCode;
import dev.roster.common.Ids;
import dev.roster.groups.GroupMemberships;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The rules about members that every channel (SCIM, admin API, sync) shares: unique userNames,
 * suspension that keeps memberships, and the primary owner's protection from identity providers.
 * Callers run these methods inside their transaction.
 */
@ApplicationScoped
public class MemberService {

    private final EntityManager em;
    private final AuditLog audit;
    private final GroupMemberships memberships;

    public MemberService(EntityManager em, AuditLog audit, GroupMemberships memberships) {
        this.em = em;
        this.audit = audit;
        this.memberships = memberships;
    }

    public Optional<Member> find(UUID orgId, UUID memberId) {
        Member member = em.find(Member.class, memberId);
        return member != null && member.orgId.equals(orgId) ? Optional.of(member) : Optional.empty();
    }

    public Optional<Member> find(UUID orgId, String memberId) {
        return Ids.parse(memberId).flatMap(id -> find(orgId, id));
    }

    public Member get(UUID orgId, String memberId) {
        return find(orgId, memberId).orElseThrow(() -> DomainException.notFound("member", memberId));
    }

    /** The member, locked for the rest of the transaction (read-modify-write of its profile). */
    public Member getForUpdate(UUID orgId, String memberId) {
        Member member = get(orgId, memberId);
        // NO KEY UPDATE, not UPDATE: adding the member to a group takes a KEY SHARE lock on this row
        // (the foreign key), and must not wait for a profile change, or the two could deadlock
        em.createNativeQuery("SELECT 1 FROM members WHERE org_id = ?1 AND id = ?2 FOR NO KEY UPDATE")
                .setParameter(1, orgId).setParameter(2, member.id).getSingleResult();
        em.refresh(member);
        return member;
    }

    /** Creates a member that an identity provider pushed (scimManaged), or an invited one. */
    public Member create(Actor actor, MemberProfile profile, OrgRole role, boolean scimManaged) {
        Member member = newMember(actor, profile, role, scimManaged);
        em.persist(member);
        flushUnique(profile.userName());
        audit.record(actor, "member.created", "member", member.id, null, auditView(member));
        return member;
    }

    /**
     * {@link #create} for many members at once (the sync job's import of a directory): the same rules and
     * audit entries, written in batches. A userName taken meanwhile refuses the whole batch.
     */
    public java.util.List<Member> createAll(Actor actor, java.util.List<MemberProfile> profiles, OrgRole role, boolean scimManaged) {
        java.util.List<Member> created = new java.util.ArrayList<>();
        for (MemberProfile profile : profiles) {
            created.add(newMember(actor, profile, role, scimManaged));
        }
        created.forEach(em::persist);
        flushUnique(profiles.size() == 1 ? profiles.get(0).userName() : "(one of " + profiles.size() + " userNames)");
        audit.recordAll(actor, "member.created", "member",
                created.stream().map(member -> new AuditLog.Entry(member.id, null, auditView(member))).toList());
        return created;
    }

    /** A new member's row, validated; not yet written. */
    static Member newMember(Actor actor, MemberProfile profile, OrgRole role, boolean scimManaged) {
        requireUserName(profile.userName());
        Member member = new Member();
        member.id = Ids.newId();
        member.orgId = actor.orgId();
        member.orgRole = role.wire();
        member.scimManaged = scimManaged;
        member.createdAt = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        member.version = 1;
        apply(member, profile);
        member.updatedAt = member.createdAt; // a new member was last modified when it was created
        return member;
    }

    /**
     * Replaces what the identity provider says about a member (SCIM PUT and PATCH end here). An IdP
     * that writes to a member claims it: the member becomes scimManaged.
     */
    public Member replaceProfile(Actor actor, Member member, MemberProfile profile) {
        requireUserName(profile.userName());
        if (member.isPrimaryOwner() && actor.isIdentityProvider()) {
            if (!profile.active()) {
                throw new DomainException(ErrorCode.PRIMARY_OWNER_PROTECTED,
                        "The primary owner cannot be suspended by the identity provider");
            }
            if (!profile.userName().equalsIgnoreCase(member.userName)) {
                throw new DomainException(ErrorCode.PRIMARY_OWNER_PROTECTED,
                        "The primary owner cannot be renamed by the identity provider");
            }
        }
        Map<String, Object> before = auditView(member);
        apply(member, profile);
        if (actor.isIdentityProvider()) {
            member.scimManaged = true;
        }
        member.version++;
        flushUnique(profile.userName());
        Map<String, Object> after = auditView(member);
        if (!before.equals(after)) {
            String action = before.get("active").equals(after.get("active")) ? "member.updated"
                    : profile.active() ? "member.reactivated" : "member.suspended";
            audit.record(actor, action, "member", member.id, before, after);
        }
        return member;
    }

    /**
     * Suspends (SCIM {@code active=false}: no access, memberships kept) or reactivates a member, as an
     * identity provider does through its directory. The primary owner cannot be suspended by one.
     */
    public void setActive(Actor actor, Member member, boolean active) {
        if (member.active == active) {
            return;
        }
        if (!active && member.isPrimaryOwner() && actor.isIdentityProvider()) {
            throw new DomainException(ErrorCode.PRIMARY_OWNER_PROTECTED, "The primary owner cannot be suspended by the identity provider");
        }
        Map<String, Object> before = auditView(member);
        member.active = active;
        member.version++;
        member.updatedAt = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        em.flush();
        audit.record(actor, active ? "member.reactivated" : "member.suspended", "member", member.id, before, auditView(member));
    }

    /** Removes a member from the org and from every group; their usage history stays. */
    public void delete(Actor actor, Member member) {
        if (member.isPrimaryOwner()) {
            throw new DomainException(ErrorCode.PRIMARY_OWNER_PROTECTED, "The primary owner cannot be deleted");
        }
        Map<String, Object> before = auditView(member);
        memberships.removeFromAllGroups(member.orgId, member.id);
        em.remove(member);
        em.flush();
        audit.record(actor, "member.deleted", "member", member.id, before, null);
    }

    private static void apply(Member member, MemberProfile profile) {
        member.userName = profile.userName();
        member.displayName = profile.displayName();
        member.externalId = profile.externalId();
        member.active = profile.active();
        member.scimAttributes = profile.attributesJson() == null ? "{}" : profile.attributesJson();
        member.emailValues = profile.emailValues().stream().map(e -> e.toLowerCase(java.util.Locale.ROOT))
                .distinct().toArray(String[]::new);
        member.updatedAt = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }

    private void flushUnique(String userName) {
        try {
            em.flush();
        } catch (jakarta.persistence.PersistenceException e) {
            throw userNameTakenOr(e, userName);
        }
    }

    /** The refusal for a write that broke the per-org userName uniqueness; otherwise {@code error} itself. */
    static RuntimeException userNameTakenOr(RuntimeException error, String userName) {
        return Constraints.violates(error, "members_user_name_key")
                ? new DomainException(ErrorCode.NAME_TAKEN,
                        "A member with userName '" + userName + "' already exists in this organization", "userName")
                : error;
    }

    private static void requireUserName(String userName) {
        if (userName == null || userName.isBlank()) {
            throw DomainException.invalid("userName", "userName is required");
        }
        if (userName.length() > 320) {
            throw DomainException.invalid("userName", "userName is longer than 320 characters");
        }
    }

    static Map<String, Object> auditView(Member member) {
        return Map.of("userName", member.userName, "active", member.active, "orgRole", member.orgRole,
                "displayName", Objects.toString(member.displayName, ""),
                "externalId", Objects.toString(member.externalId, ""));
    }
}
