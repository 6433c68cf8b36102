package dev.roster.spend;

import dev.roster.common.Limit;
import jakarta.enterprise.context.ApplicationScoped;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

import java.util.Collection;
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

    static final String ORG_EXISTS = "SELECT 1 FROM orgs WHERE id = :orgId";
    static final String LOCK_ORG = "SELECT 1 FROM orgs WHERE id = :orgId FOR NO KEY UPDATE";
    static final String LOCK_MEMBER = "SELECT 1 FROM members WHERE org_id = :orgId AND id = :memberId FOR NO KEY UPDATE";
    static final String GROUP_EXISTS = "SELECT 1 FROM groups WHERE org_id = :orgId AND id = :groupId";
    static final String LOCK_GROUP = GROUP_EXISTS + " FOR NO KEY UPDATE";

    static final String MEMBER_LIMIT = """
            SELECT kind, amount_cents FROM member_spend_limits WHERE org_id = :orgId AND member_id = :memberId""";
    static final String GROUP_LIMIT = """
            SELECT kind, amount_cents FROM group_spend_limits WHERE org_id = :orgId AND group_id = :groupId""";
    static final String GROUP_LIMITS = """
            SELECT group_id, kind, amount_cents FROM group_spend_limits WHERE org_id = :orgId AND group_id = ANY(:groupIds)""";
    static final String ORG_CAP = "SELECT kind, amount_cents FROM org_spend_caps WHERE org_id = :orgId";

    static final String PUT_MEMBER_LIMIT = """
            INSERT INTO member_spend_limits (org_id, member_id, kind, amount_cents) VALUES (:orgId, :memberId, :kind, :amountCents)
            ON CONFLICT (org_id, member_id) DO UPDATE
            SET kind = excluded.kind, amount_cents = excluded.amount_cents, updated_at = now()""";
    static final String PUT_GROUP_LIMIT = """
            INSERT INTO group_spend_limits (org_id, group_id, kind, amount_cents) VALUES (:orgId, :groupId, :kind, :amountCents)
            ON CONFLICT (org_id, group_id) DO UPDATE
            SET kind = excluded.kind, amount_cents = excluded.amount_cents, updated_at = now()""";
    static final String PUT_ORG_CAP = """
            INSERT INTO org_spend_caps (org_id, kind, amount_cents) VALUES (:orgId, :kind, :amountCents)
            ON CONFLICT (org_id) DO UPDATE
            SET kind = excluded.kind, amount_cents = excluded.amount_cents, updated_at = now()""";

    static final String DELETE_MEMBER_LIMIT = "DELETE FROM member_spend_limits WHERE org_id = :orgId AND member_id = :memberId";
    static final String DELETE_GROUP_LIMIT = "DELETE FROM group_spend_limits WHERE org_id = :orgId AND group_id = :groupId";
    static final String DELETE_ORG_CAP = "DELETE FROM org_spend_caps WHERE org_id = :orgId";

    /** A limit from its {@code kind, amount_cents} columns (null when the row says not set). */
    static final RowMapper<Limit> LIMIT = (row, ctx) -> Limit.fromColumns(row.getString("kind"), row.getObject("amount_cents", Long.class));

    private final Jdbi jdbi;

    public SpendLimitStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    boolean orgExists(UUID orgId) {
        return exists(ORG_EXISTS, Map.of("orgId", orgId));
    }

    /** Locks the org row (the cap's owner); false when there is no such org. */
    boolean lockOrg(UUID orgId) {
        return exists(LOCK_ORG, Map.of("orgId", orgId));
    }

    /** Locks the member row; false when the org has no such member. */
    boolean lockMember(UUID orgId, UUID memberId) {
        return exists(LOCK_MEMBER, Map.of("orgId", orgId, "memberId", memberId));
    }

    boolean groupExists(UUID orgId, UUID groupId) {
        return exists(GROUP_EXISTS, Map.of("orgId", orgId, "groupId", groupId));
    }

    /** Locks the group row; false when the org has no such group. */
    boolean lockGroup(UUID orgId, UUID groupId) {
        return exists(LOCK_GROUP, Map.of("orgId", orgId, "groupId", groupId));
    }

    Optional<Limit> memberLimit(UUID orgId, UUID memberId) {
        return limit(MEMBER_LIMIT, Map.of("orgId", orgId, "memberId", memberId));
    }

    Optional<Limit> groupLimit(UUID orgId, UUID groupId) {
        return limit(GROUP_LIMIT, Map.of("orgId", orgId, "groupId", groupId));
    }

    Optional<Limit> orgCap(UUID orgId) {
        return limit(ORG_CAP, Map.of("orgId", orgId));
    }

    /** The limits of those of {@code groupIds} that have one (for group lists and views). */
    public Map<UUID, Limit> groupLimits(UUID orgId, Collection<UUID> groupIds) {
        if (groupIds.isEmpty()) {
            return Map.of();
        }
        record Row(UUID groupId, Limit limit) {
        }
        return jdbi.withHandle(handle -> handle.createQuery(GROUP_LIMITS)
                .bind("orgId", orgId)
                .bindArray("groupIds", UUID.class, groupIds)
                .map((row, ctx) -> new Row(row.getObject("group_id", UUID.class), LIMIT.map(row, ctx)))
                .collect(Collectors.toMap(Row::groupId, Row::limit)));
    }

    void putMemberLimit(UUID orgId, UUID memberId, Limit limit) {
        put(PUT_MEMBER_LIMIT, Map.of("orgId", orgId, "memberId", memberId), limit);
    }

    void putGroupLimit(UUID orgId, UUID groupId, Limit limit) {
        put(PUT_GROUP_LIMIT, Map.of("orgId", orgId, "groupId", groupId), limit);
    }

    void putOrgCap(UUID orgId, Limit limit) {
        put(PUT_ORG_CAP, Map.of("orgId", orgId), limit);
    }

    void deleteMemberLimit(UUID orgId, UUID memberId) {
        update(DELETE_MEMBER_LIMIT, Map.of("orgId", orgId, "memberId", memberId));
    }

    void deleteGroupLimit(UUID orgId, UUID groupId) {
        update(DELETE_GROUP_LIMIT, Map.of("orgId", orgId, "groupId", groupId));
    }

    void deleteOrgCap(UUID orgId) {
        update(DELETE_ORG_CAP, Map.of("orgId", orgId));
    }

    private boolean exists(String sql, Map<String, ?> keys) {
        return jdbi.withHandle(handle -> handle.createQuery(sql).bindMap(keys).mapTo(Integer.class).findOne().isPresent());
    }

    private Optional<Limit> limit(String sql, Map<String, ?> keys) {
        return jdbi.withHandle(handle -> handle.createQuery(sql).bindMap(keys).map(LIMIT).findOne());
    }

    private void put(String sql, Map<String, ?> keys, Limit limit) {
        jdbi.useHandle(handle -> handle.createUpdate(sql).bindMap(keys)
                .bind("kind", limit.type().wire())
                .bind("amountCents", limit.amountCents())
                .execute());
    }

    private void update(String sql, Map<String, ?> keys) {
        jdbi.useHandle(handle -> handle.createUpdate(sql).bindMap(keys).execute());
    }
}
