package dev.roster.groups;

import dev.roster.common.DomainException;
import dev.roster.common.Sql;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Membership rows, changed only by set operations in SQL: the cost of a change is proportional to the
 * members it names, never to the size of the group, and concurrent changes to one group all land.
 */
@ApplicationScoped
public class GroupMemberships {

    private final Sql sql;

    public GroupMemberships(Sql sql) {
        this.sql = sql;
    }

    /** Adds those not yet in the group; answers who was actually added. */
    Set<UUID> add(UUID orgId, UUID groupId, Collection<UUID> memberIds) {
        if (memberIds.isEmpty()) {
            return Set.of();
        }
        requireExisting(orgId, memberIds);
        return new LinkedHashSet<>(sql.query("""
                INSERT INTO group_members (org_id, group_id, member_id)
                SELECT ?, ?, m FROM unnest(?::uuid[]) AS m
                ON CONFLICT DO NOTHING
                RETURNING member_id""", row -> row.getObject(1, UUID.class), orgId, groupId, List.copyOf(memberIds)));
    }

    /** Removes those in the group; absent ones are a no-op. Answers who was actually removed. */
    Set<UUID> remove(UUID orgId, UUID groupId, Collection<UUID> memberIds) {
        if (memberIds.isEmpty()) {
            return Set.of();
        }
        return new LinkedHashSet<>(sql.query("""
                DELETE FROM group_members
                WHERE org_id = ? AND group_id = ? AND member_id = ANY(?::uuid[])
                RETURNING member_id""", row -> row.getObject(1, UUID.class), orgId, groupId, List.copyOf(memberIds)));
    }

    /** Removes every member not in {@code keep}; answers who was removed. */
    Set<UUID> removeAllExcept(UUID orgId, UUID groupId, Collection<UUID> keep) {
        return new LinkedHashSet<>(sql.query("""
                DELETE FROM group_members
                WHERE org_id = ? AND group_id = ? AND NOT (member_id = ANY(?::uuid[]))
                RETURNING member_id""", row -> row.getObject(1, UUID.class), orgId, groupId, List.copyOf(keep)));
    }

    public List<UUID> memberIds(UUID orgId, UUID groupId) {
        return sql.query("SELECT member_id FROM group_members WHERE org_id = ? AND group_id = ? ORDER BY created_at, member_id",
                row -> row.getObject(1, UUID.class), orgId, groupId);
    }

    /** The groups a member is in, and the decrement of their counts, before the member is deleted. */
    public void removeFromAllGroups(UUID orgId, UUID memberId) {
        sql.update("""
                UPDATE groups g SET member_count = g.member_count - 1, version = g.version + 1, updated_at = now()
                FROM group_members gm
                WHERE gm.org_id = ? AND gm.member_id = ? AND g.org_id = gm.org_id AND g.id = gm.group_id""",
                orgId, memberId);
        sql.update("DELETE FROM group_members WHERE org_id = ? AND member_id = ?", orgId, memberId);
    }

    private void requireExisting(UUID orgId, Collection<UUID> memberIds) {
        Set<UUID> found = new LinkedHashSet<>(sql.query(
                "SELECT id FROM members WHERE org_id = ? AND id = ANY(?::uuid[])",
                row -> row.getObject(1, UUID.class), orgId, List.copyOf(memberIds)));
        if (found.size() < new LinkedHashSet<>(memberIds).size()) {
            List<UUID> unknown = new ArrayList<>(memberIds);
            unknown.removeAll(found);
            throw DomainException.invalid("members", "No member with id " + unknown.get(0) + " in this organization"
                    + (unknown.size() > 1 ? " (and " + (unknown.size() - 1) + " more unknown ids)" : ""));
        }
    }
}
