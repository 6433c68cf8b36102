package dev.roster.groups;

import dev.roster.audit.AuditLog;
import dev.roster.common.Actor;
import dev.roster.common.Constraints;
import dev.roster.common.DomainException;
import dev.roster.common.ErrorCode;
import dev.roster.common.Ids;
import dev.roster.common.Sql;
import dev.roster.orgs.Org;
import dev.roster.orgs.OrgService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Every rule about groups, for every channel: the per-org cap, unique names, SCIM groups read-only to
 * admins (name, members, deletion) and invisible-to-SCIM manual groups. Runs in the caller's transaction.
 */
@ApplicationScoped
public class GroupService {

    public static final int MAX_NAME_LENGTH = 255;

    private final EntityManager em;
    private final Sql sql;
    private final OrgService orgs;
    private final GroupMemberships memberships;
    private final AuditLog audit;
    private final Event<MembershipChanged> membershipChanged;

    public GroupService(EntityManager em, Sql sql, OrgService orgs, GroupMemberships memberships, AuditLog audit,
                        Event<MembershipChanged> membershipChanged) {
        this.em = em;
        this.sql = sql;
        this.orgs = orgs;
        this.memberships = memberships;
        this.audit = audit;
        this.membershipChanged = membershipChanged;
    }

    /** The group as the actor may see it: identity providers see only SCIM groups. */
    public Optional<Group> find(Actor actor, String groupId) {
        return Ids.parse(groupId)
                .map(id -> em.find(Group.class, id))
                .filter(group -> group.orgId.equals(actor.orgId()))
                .filter(group -> !actor.isIdentityProvider() || group.isScim());
    }

    public Group get(Actor actor, String groupId) {
        return find(actor, groupId).orElseThrow(() -> DomainException.notFound("group", groupId));
    }

    /** The group, locked until the transaction ends: changes to one group are applied one at a time. */
    public Group getForUpdate(Actor actor, String groupId) {
        Group group = get(actor, groupId);
        // NO KEY UPDATE: rows that reference the group (memberships, role assignments, overrides) take
        // KEY SHARE locks on it, which must not queue behind this one
        em.createNativeQuery("SELECT 1 FROM groups WHERE org_id = ?1 AND id = ?2 FOR NO KEY UPDATE")
                .setParameter(1, group.orgId).setParameter(2, group.id).getSingleResult();
        em.refresh(group);
        return group;
    }

    /**
     * Creates a group. The org row is locked while the groups are counted, so the cap holds under any
     * concurrency (SCIM, admin API and sync on any number of replicas).
     */
    public Group create(Actor actor, String name, GroupSource source, String externalId, Collection<UUID> memberIds) {
        String displayName = requireName(name);
        Org org = orgs.lock(actor.orgId());
        int cap = orgs.maxGroups(org);
        long existing = sql.count("SELECT count(*) FROM groups WHERE org_id = ?", org.id);
        if (existing >= cap) {
            throw new DomainException(ErrorCode.GROUP_LIMIT_REACHED,
                    "The organization already has " + existing + " groups; the limit is " + cap
                            + " groups per organization (manual and SCIM groups together)");
        }
        requireNameFree(actor.orgId(), displayName, Set.of());
        Group group = new Group();
        group.id = Ids.newId();
        group.orgId = org.id;
        group.displayName = displayName;
        group.source = source.wire();
        group.externalId = externalId;
        group.version = 1;
        group.createdAt = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS); // what PostgreSQL stores
        group.updatedAt = group.createdAt;
        em.persist(group);
        flushUniqueName(group.orgId, displayName);
        audit.record(actor, "group.created", "group", group.id, null, view(group));
        addMembers(actor, group, memberIds);
        return group;
    }

    public void rename(Actor actor, Group group, String name) {
        requireIdentityProviderOwnership(actor, group, "renamed");
        String displayName = requireName(name);
        if (displayName.equals(group.displayName)) {
            return;
        }
        requireNameFree(group.orgId, displayName, group.id);
        Map<String, Object> before = view(group);
        group.displayName = displayName;
        touch(group);
        flushUniqueName(group.orgId, displayName);
        audit.record(actor, "group.renamed", "group", group.id, before, view(group));
    }

    /**
     * Renames several groups at once, whatever order their names free up in (a swap or a cycle: A→B, B→A):
     * each new name must be free or held by one of the groups renamed. Each group is first given a
     * temporary name no one can hold, so the unique index never sees two groups with one name; only the
     * final names are audited and visible after the transaction.
     */
    public void renameAll(Actor actor, Map<Group, String> names) {
        Map<Group, String> renames = new LinkedHashMap<>();
        Set<UUID> renamed = new LinkedHashSet<>();
        names.forEach((group, name) -> {
            requireIdentityProviderOwnership(actor, group, "renamed");
            String displayName = requireName(name);
            if (!displayName.equals(group.displayName)) {
                renames.put(group, displayName);
                renamed.add(group.id);
            }
        });
        for (Map.Entry<Group, String> rename : renames.entrySet()) {
            requireNameFree(rename.getKey().orgId, rename.getValue(), renamed);
        }
        Map<Group, Map<String, Object>> before = new LinkedHashMap<>();
        renames.forEach((group, name) -> {
            before.put(group, view(group));
            group.displayName = "\u0001renaming " + group.id; // a name nobody gives a group
        });
        em.flush();
        renames.forEach((group, name) -> {
            group.displayName = name;
            touch(group);
        });
        flushUniqueName(actor.orgId(), String.join(", ", renames.values()));
        before.forEach((group, view) -> audit.record(actor, "group.renamed", "group", group.id, view, view(group)));
    }

    public void setExternalId(Actor actor, Group group, String externalId) {
        if (java.util.Objects.equals(group.externalId, externalId)) {
            return;
        }
        Map<String, Object> before = view(group);
        group.externalId = externalId;
        touch(group);
        audit.record(actor, "group.updated", "group", group.id, before, view(group));
    }

    public Set<UUID> addMembers(Actor actor, Group group, Collection<UUID> memberIds) {
        requireIdentityProviderOwnership(actor, group, "changed in its membership");
        Set<UUID> added = memberships.add(group.orgId, group.id, memberIds);
        if (!added.isEmpty()) {
            group.memberCount += added.size();
            touch(group);
            audit.record(actor, "group.members_added", "group", group.id, null, Map.of("memberIds", added));
            membershipChanged.fire(new MembershipChanged(actor, group.id, added));
        }
        return added;
    }

    public Set<UUID> removeMembers(Actor actor, Group group, Collection<UUID> memberIds) {
        requireIdentityProviderOwnership(actor, group, "changed in its membership");
        Set<UUID> removed = memberships.remove(group.orgId, group.id, memberIds);
        afterRemoval(actor, group, removed);
        return removed;
    }

    /** Makes the membership exactly {@code memberIds}, as the difference of the two sets. */
    public void replaceMembers(Actor actor, Group group, Collection<UUID> memberIds) {
        requireIdentityProviderOwnership(actor, group, "changed in its membership");
        Set<UUID> wanted = new LinkedHashSet<>(memberIds);
        Set<UUID> removed = memberships.removeAllExcept(group.orgId, group.id, wanted);
        afterRemoval(actor, group, removed);
        addMembers(actor, group, wanted);
    }

    public void delete(Actor actor, Group group) {
        requireIdentityProviderOwnership(actor, group, "deleted");
        Map<String, Object> before = view(group);
        Set<UUID> formerMembers = new LinkedHashSet<>(memberships.memberIds(group.orgId, group.id));
        em.remove(group);
        em.flush();
        audit.record(actor, "group.deleted", "group", group.id, before, null);
        if (!formerMembers.isEmpty()) {
            membershipChanged.fire(new MembershipChanged(actor, group.id, formerMembers));
        }
    }

    /** Bumps the version (the SCIM ETag) and the modification time. */
    public void touch(Group group) {
        group.version++;
        group.updatedAt = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }

    private void afterRemoval(Actor actor, Group group, Set<UUID> removed) {
        if (!removed.isEmpty()) {
            group.memberCount -= removed.size();
            touch(group);
            audit.record(actor, "group.members_removed", "group", group.id, Map.of("memberIds", removed), null);
            membershipChanged.fire(new MembershipChanged(actor, group.id, removed));
        }
    }

    /** SCIM groups belong to the identity provider: admins may not rename, re-member or delete them. */
    private static void requireIdentityProviderOwnership(Actor actor, Group group, String what) {
        if (group.isScim() && !actor.isIdentityProvider() && actor.type() != Actor.Type.SYSTEM) {
            throw new DomainException(ErrorCode.GROUP_MANAGED_BY_SCIM, "Group '" + group.displayName
                    + "' is synced from the identity provider and cannot be " + what + " here; change it in the identity provider");
        }
    }

    private static String requireName(String name) {
        if (name == null || name.isBlank()) {
            throw DomainException.invalid("displayName", "A group needs a non-empty name");
        }
        String trimmed = name.strip();
        if (trimmed.length() > MAX_NAME_LENGTH) {
            throw DomainException.invalid("displayName", "A group name has at most " + MAX_NAME_LENGTH + " characters");
        }
        return trimmed;
    }

    private void requireNameFree(UUID orgId, String name, UUID exceptGroupId) {
        requireNameFree(orgId, name, Set.of(exceptGroupId));
    }

    private void requireNameFree(UUID orgId, String name, Set<UUID> exceptGroupIds) {
        sql.queryOne("SELECT id, source FROM groups WHERE org_id = ? AND lower(display_name) = lower(?)",
                        row -> new Object[]{row.getObject(1, UUID.class), row.getString(2)}, orgId, name)
                .filter(row -> !exceptGroupIds.contains((UUID) row[0]))
                .ifPresent(row -> {
                    throw nameTaken(name, (String) row[1]);
                });
    }

    private void flushUniqueName(UUID orgId, String name) {
        try {
            em.flush();
        } catch (PersistenceException e) {
            if (Constraints.violates(e, "groups_name_key")) {
                throw nameTaken(name, null);
            }
            throw e;
        }
    }

    private static DomainException nameTaken(String name, String existingSource) {
        String which = existingSource == null ? "another group"
                : GroupSource.MANUAL.wire().equals(existingSource) ? "a manually created group" : "a SCIM group";
        return new DomainException(ErrorCode.NAME_TAKEN,
                "The name '" + name + "' is already used by " + which + " in this organization (names are unique, case-insensitively)",
                "displayName");
    }

    static Map<String, Object> view(Group group) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("displayName", group.displayName);
        view.put("source", group.source);
        view.put("externalId", group.externalId);
        return view;
    }
}
