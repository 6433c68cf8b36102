package dev.roster.spend;

import dev.roster.common.Limit;
import dev.roster.common.Sql;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Rows of the three limit tables (member, group, org cap). "Not set" is no row. Each read that
 * precedes a change locks the owning row ({@code FOR NO KEY UPDATE}), so that concurrent changes of one
 * limit are applied one after the other and each audit entry has the true "before".
 */
@ApplicationScoped
public class SpendLimitStore {

    private final Sql sql;

    public SpendLimitStore(Sql sql) {
        this.sql = sql;
    }

    /** Locks the member row; false when the org has no such member. */
    boolean lockMember(UUID orgId, UUID memberId) {
        return sql.queryOne("SELECT 1 FROM members WHERE org_id = ? AND id = ? FOR NO KEY UPDATE",
                row -> 1, orgId, memberId).isPresent();
    }

    /** Locks the group row; false when the org has no such group. */
    boolean lockGroup(UUID orgId, UUID groupId) {
        return sql.queryOne("SELECT 1 FROM groups WHERE org_id = ? AND id = ? FOR NO KEY UPDATE",
                row -> 1, orgId, groupId).isPresent();
    }

    boolean groupExists(UUID orgId, UUID groupId) {
        return sql.queryOne("SELECT 1 FROM groups WHERE org_id = ? AND id = ?", row -> 1, orgId, groupId).isPresent();
    }

    /** Locks the org row (the cap's owner); false when there is no such org. */
    boolean lockOrg(UUID orgId) {
        return sql.queryOne("SELECT 1 FROM orgs WHERE id = ? FOR NO KEY UPDATE", row -> 1, orgId).isPresent();
    }

    Optional<Limit> memberLimit(UUID orgId, UUID memberId) {
        return sql.queryOne("SELECT kind, amount_cents FROM member_spend_limits WHERE org_id = ? AND member_id = ?",
                row -> Limit.fromColumns(row.getString(1), (Long) row.getObject(2)), orgId, memberId);
    }

    Optional<Limit> groupLimit(UUID orgId, UUID groupId) {
        return sql.queryOne("SELECT kind, amount_cents FROM group_spend_limits WHERE org_id = ? AND group_id = ?",
                row -> Limit.fromColumns(row.getString(1), (Long) row.getObject(2)), orgId, groupId);
    }

    /** The limits of those of {@code groupIds} that have one (for group lists and views). */
    public Map<UUID, Limit> groupLimits(UUID orgId, Collection<UUID> groupIds) {
        if (groupIds.isEmpty()) {
            return Map.of();
        }
        record Row(UUID groupId, Limit limit) {
        }
        return sql.query("SELECT group_id, kind, amount_cents FROM group_spend_limits WHERE org_id = ? AND group_id = ANY(?::uuid[])",
                        row -> new Row(row.getObject(1, UUID.class), Limit.fromColumns(row.getString(2), (Long) row.getObject(3))),
                        orgId, List.copyOf(groupIds))
                .stream().collect(Collectors.toMap(Row::groupId, Row::limit));
    }

    Optional<Limit> orgCap(UUID orgId) {
        return sql.queryOne("SELECT kind, amount_cents FROM org_spend_caps WHERE org_id = ?",
                row -> Limit.fromColumns(row.getString(1), (Long) row.getObject(2)), orgId);
    }

    void putMemberLimit(UUID orgId, UUID memberId, Limit limit) {
        sql.update("""
                INSERT INTO member_spend_limits (org_id, member_id, kind, amount_cents) VALUES (?, ?, ?, ?::bigint)
                ON CONFLICT (org_id, member_id) DO UPDATE
                SET kind = excluded.kind, amount_cents = excluded.amount_cents, updated_at = now()""",
                orgId, memberId, limit.type().wire(), limit.amountCents());
    }

    void putGroupLimit(UUID orgId, UUID groupId, Limit limit) {
        sql.update("""
                INSERT INTO group_spend_limits (org_id, group_id, kind, amount_cents) VALUES (?, ?, ?, ?::bigint)
                ON CONFLICT (org_id, group_id) DO UPDATE
                SET kind = excluded.kind, amount_cents = excluded.amount_cents, updated_at = now()""",
                orgId, groupId, limit.type().wire(), limit.amountCents());
    }

    void putOrgCap(UUID orgId, Limit limit) {
        sql.update("""
                INSERT INTO org_spend_caps (org_id, kind, amount_cents) VALUES (?, ?, ?::bigint)
                ON CONFLICT (org_id) DO UPDATE
                SET kind = excluded.kind, amount_cents = excluded.amount_cents, updated_at = now()""",
                orgId, limit.type().wire(), limit.amountCents());
    }

    void deleteMemberLimit(UUID orgId, UUID memberId) {
        sql.update("DELETE FROM member_spend_limits WHERE org_id = ? AND member_id = ?", orgId, memberId);
    }

    void deleteGroupLimit(UUID orgId, UUID groupId) {
        sql.update("DELETE FROM group_spend_limits WHERE org_id = ? AND group_id = ?", orgId, groupId);
    }

    void deleteOrgCap(UUID orgId) {
        sql.update("DELETE FROM org_spend_caps WHERE org_id = ?", orgId);
    }
}
