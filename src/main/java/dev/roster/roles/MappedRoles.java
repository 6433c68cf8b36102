package dev.roster.roles;

import dev.roster.audit.AuditLog;
import dev.roster.common.Actor;
import dev.roster.common.Sql;
import dev.roster.groups.MembershipChanged;
import dev.roster.members.Member;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import org.hibernate.Hibernate;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Applies group mappings (SPEC §3) in SQL, in the transaction that changed the memberships:
 * a member of mapped groups gets the highest mapped role (owner &gt; admin &gt; custom_roles &gt; user);
 * an owner is never downgraded; the primary owner never changes; a member in no mapped group keeps
 * their role. Cost is proportional to the members named, never to the size of the groups.
 */
@ApplicationScoped
public class MappedRoles {

    /** The mapped role of each affected member that is in at least one mapped group. */
    private static final String WANTED = """
            wanted AS (
                SELECT gm.member_id,
                       (ARRAY['user', 'custom_roles', 'admin', 'owner'])[max(CASE gmap.org_role
                            WHEN 'user' THEN 1 WHEN 'custom_roles' THEN 2 WHEN 'admin' THEN 3 WHEN 'owner' THEN 4 END)]
                           AS org_role
                FROM group_members gm
                JOIN group_mappings gmap ON gmap.org_id = gm.org_id AND gmap.group_id = gm.group_id
                WHERE gm.org_id = ? AND gm.member_id IN (SELECT member_id FROM affected)
                GROUP BY gm.member_id)
            """;

    /** Sets the wanted roles; {@code old} is the pre-update row, for the audit trail. */
    private static final String APPLY = """
            UPDATE members m SET org_role = w.org_role, version = m.version + 1, updated_at = now()
            FROM wanted w, members old
            WHERE m.org_id = ? AND m.id = w.member_id AND old.org_id = m.org_id AND old.id = m.id
              AND m.org_role NOT IN ('primary_owner', 'owner') AND m.org_role <> w.org_role
            RETURNING m.id, old.org_role, m.org_role""";

    private final Sql sql;
    private final AuditLog audit;
    private final EntityManager em;

    public MappedRoles(Sql sql, AuditLog audit, EntityManager em) {
        this.sql = sql;
        this.audit = audit;
        this.em = em;
    }

    /** Fired inside the transaction of every SCIM, sync or admin membership change. */
    void onMembershipChanged(@Observes MembershipChanged event) {
        applyToMembers(event.actor(), event.memberIds());
    }

    /** Re-applies the mappings to these members of the actor's org. */
    public void applyToMembers(Actor actor, Collection<UUID> memberIds) {
        if (memberIds.isEmpty()) {
            return;
        }
        UUID orgId = actor.orgId();
        // Lock the members first (in id order): a concurrent membership change then waits, and this
        // transaction's next statement sees its committed memberships, so the highest role wins.
        // NO KEY UPDATE, not UPDATE: the membership rows' foreign keys hold KEY SHARE locks on these
        // members, which FOR UPDATE would wait for (a deadlock between two concurrent adds).
        List<UUID> locked = sql.query("""
                SELECT id FROM members
                WHERE org_id = ? AND id = ANY(?::uuid[])
                  AND EXISTS (SELECT 1 FROM group_mappings WHERE org_id = ?)
                ORDER BY id FOR NO KEY UPDATE""", row -> row.getObject(1, UUID.class), orgId, List.copyOf(memberIds), orgId);
        if (locked.isEmpty()) {
            return;
        }
        record(actor, sql.query("WITH affected AS (SELECT unnest(?::uuid[]) AS member_id), " + WANTED + APPLY,
                row -> new Change(row.getObject(1, UUID.class), row.getString(2), row.getString(3)),
                locked, orgId, orgId));
    }

    /** Applies the mappings to every current member of a group (a mapping was just created). */
    public void applyToGroup(Actor actor, UUID groupId) {
        UUID orgId = actor.orgId();
        List<UUID> members = sql.query("""
                SELECT m.id FROM members m
                WHERE m.org_id = ? AND m.id IN (SELECT member_id FROM group_members WHERE org_id = ? AND group_id = ?)
                ORDER BY m.id FOR NO KEY UPDATE OF m""", row -> row.getObject(1, UUID.class), orgId, orgId, groupId);
        if (members.isEmpty()) {
            return;
        }
        record(actor, sql.query("WITH affected AS (SELECT unnest(?::uuid[]) AS member_id), " + WANTED + APPLY,
                row -> new Change(row.getObject(1, UUID.class), row.getString(2), row.getString(3)),
                members, orgId, orgId));
    }

    /** Whether a mapping governs the member's role: they are in at least one mapped group. */
    public boolean governs(UUID orgId, UUID memberId) {
        return sql.queryOne("""
                SELECT EXISTS (SELECT 1 FROM group_members gm
                               JOIN group_mappings gmap ON gmap.org_id = gm.org_id AND gmap.group_id = gm.group_id
                               WHERE gm.org_id = ? AND gm.member_id = ?)""",
                row -> row.getBoolean(1), orgId, memberId).orElse(false);
    }

    private record Change(UUID memberId, String before, String after) {
    }

    private void record(Actor actor, List<Change> changes) {
        for (Change change : changes) {
            refreshIfLoaded(em, change.memberId());
            Map<String, Object> after = new LinkedHashMap<>();
            after.put("orgRole", change.after());
            after.put("via", "group_mapping");
            audit.record(actor, "member.role_changed", "member", change.memberId(), Map.of("orgRole", change.before()), after);
        }
    }

    /** A member entity already loaded in this transaction must not later write back its old role. */
    static void refreshIfLoaded(EntityManager em, UUID memberId) {
        Member loaded = em.getReference(Member.class, memberId);
        if (Hibernate.isInitialized(loaded) && em.contains(loaded)) {
            em.refresh(loaded);
        }
    }
}
