package dev.roster.spend;

import dev.roster.common.Limit;
import jakarta.enterprise.context.ApplicationScoped;
import org.jdbi.v3.core.Jdbi;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The usage ledger and what is read from it with the limits: the batch insert, the hot-path read of one
 * member's spend state, and the report reads. Months are bound as the date of their first day.
 */
@ApplicationScoped
public class UsageStore {

    /**
     * A whole batch in one statement (see {@link UsageLedger}): the member check, the events (a replay
     * counts nothing), the members' month rows, then the org's month row. Yields
     * {@code all_known, inserted}; nothing is written unless every member is known.
     */
    static final String RECORD = """
            WITH input AS (
                SELECT e.event_id, e.member_id, e.amount_cents, e.occurred_at
                FROM unnest(:eventIds, :memberIds, :amounts, :occurredAts::timestamptz[])
                     AS e(event_id, member_id, amount_cents, occurred_at)
            ), known AS (
                SELECT count(*) = cardinality(:distinctMembers) AS all_known
                FROM members WHERE org_id = :orgId AND id = ANY(:distinctMembers)
            ), inserted AS (
                INSERT INTO usage_events (org_id, event_id, member_id, amount_cents, occurred_at, month)
                SELECT :orgId, event_id, member_id, amount_cents, occurred_at,
                       date_trunc('month', occurred_at AT TIME ZONE 'UTC')::date
                FROM input
                WHERE (SELECT all_known FROM known)
                ORDER BY event_id
                ON CONFLICT (org_id, event_id) DO NOTHING
                RETURNING member_id, month, amount_cents
            ), per_member AS (
                INSERT INTO member_monthly_spend AS s (org_id, member_id, month, spent_cents)
                SELECT :orgId, member_id, month, sum(amount_cents) FROM inserted
                GROUP BY member_id, month ORDER BY member_id, month
                ON CONFLICT (org_id, member_id, month) DO UPDATE SET spent_cents = s.spent_cents + excluded.spent_cents
                RETURNING 1
            ), per_org AS (
                INSERT INTO org_monthly_spend AS s (org_id, month, spent_cents)
                SELECT :orgId, month, sum(amount_cents) FROM inserted
                -- a one-time filter: every member row is written before the org row is touched
                WHERE (SELECT count(*) FROM per_member) > 0
                GROUP BY month ORDER BY month
                ON CONFLICT (org_id, month) DO UPDATE SET spent_cents = s.spent_cents + excluded.spent_cents
            )
            SELECT (SELECT all_known FROM known) AS all_known, (SELECT count(*) FROM inserted) AS inserted""";

    static final String KNOWN_MEMBERS = "SELECT id FROM members WHERE org_id = :orgId AND id = ANY(:memberIds)";

    /** A member's limit inputs and spend in {@code :month} (the {@code m} alias is a members row). */
    private static final String LIMIT_COLUMNS = """
            il.kind AS individual_kind, il.amount_cents AS individual_amount,
            gl.group_ids, gl.kinds, gl.amounts,
            coalesce(ms.spent_cents, 0) AS spent_cents""";

    private static final String LIMIT_JOINS = """
            LEFT JOIN member_spend_limits il ON il.org_id = m.org_id AND il.member_id = m.id
            LEFT JOIN member_monthly_spend ms ON ms.org_id = m.org_id AND ms.member_id = m.id AND ms.month = :month
            CROSS JOIN LATERAL (
                SELECT array_agg(l.group_id ORDER BY l.group_id) AS group_ids,
                       array_agg(l.kind ORDER BY l.group_id) AS kinds,
                       array_agg(l.amount_cents ORDER BY l.group_id) AS amounts
                FROM group_members gm
                JOIN group_spend_limits l ON l.org_id = gm.org_id AND l.group_id = gm.group_id
                WHERE gm.org_id = m.org_id AND gm.member_id = m.id) gl""";

    /**
     * The hot path's one statement; it touches only primary keys and the member → groups index: the
     * member row, their individual limit, their groups' limits (aggregated in a lateral subquery), their
     * month row, the org's cap and its month row.
     */
    static final String MEMBER_STATE = """
            SELECT m.id, m.active, %s,
                   cap.kind AS cap_kind, cap.amount_cents AS cap_amount,
                   coalesce(os.spent_cents, 0) AS org_spent_cents
            FROM members m
            %s
            LEFT JOIN org_spend_caps cap ON cap.org_id = m.org_id
            LEFT JOIN org_monthly_spend os ON os.org_id = m.org_id AND os.month = :month
            WHERE m.org_id = :orgId AND m.id = :memberId""".formatted(LIMIT_COLUMNS, LIMIT_JOINS);

    /** A page of members by id, each with their limit inputs and spend; {@code <after>} is empty or {@link #AFTER_MEMBER}. */
    static final String MEMBERS_PAGE = """
            SELECT m.id, m.user_name, m.display_name, m.active, %s
            FROM members m
            %s
            WHERE m.org_id = :orgId <after>
            ORDER BY m.id LIMIT :fetch""".formatted(LIMIT_COLUMNS, LIMIT_JOINS);

    static final String AFTER_MEMBER = "AND m.id > :afterId";

    static final String GROUPS_WITH_LIMITS = """
            SELECT g.id, g.display_name, g.source, l.kind, l.amount_cents
            FROM groups g LEFT JOIN group_spend_limits l ON l.org_id = g.org_id AND l.group_id = g.id
            WHERE g.org_id = :orgId ORDER BY lower(g.display_name), g.id""";

    /** Every member in at least one group: their groups, individual limit and spend in {@code :month}. */
    static final String GROUPED_MEMBERS = """
            SELECT gm.member_id, array_agg(gm.group_id) AS member_groups,
                   il.kind AS individual_kind, il.amount_cents AS individual_amount, coalesce(ms.spent_cents, 0) AS spent_cents
            FROM group_members gm
            LEFT JOIN member_spend_limits il ON il.org_id = gm.org_id AND il.member_id = gm.member_id
            LEFT JOIN member_monthly_spend ms ON ms.org_id = gm.org_id AND ms.member_id = gm.member_id AND ms.month = :month
            WHERE gm.org_id = :orgId
            GROUP BY gm.member_id, il.kind, il.amount_cents, ms.spent_cents""";

    static final String ORG_MONTH_SPEND = "SELECT spent_cents FROM org_monthly_spend WHERE org_id = :orgId AND month = :month";

    /** What a recorded batch did: whether every member was known, and how many events were new. */
    record Recorded(boolean allKnown, int inserted) {
    }

    /** A member of a report page with the inputs of their effective limit and their spend. */
    record MemberMonth(UUID memberId, String userName, String displayName, boolean active, Limit individual,
                       List<GroupLimit> groupLimits, long spentCents) {
    }

    /** A group of the "by group" report with its own limit (null = not set). */
    record GroupRow(UUID id, String name, String source, Limit limit) {
    }

    /** A member in at least one group, for the "by group" report. */
    record GroupedMember(List<UUID> groupIds, Limit individual, long spentCents) {
    }

    private final Jdbi jdbi;

    public UsageStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Records events already sorted by id and unique; see {@link #RECORD}. */
    Recorded record(UUID orgId, List<UsageEvent> events, Collection<UUID> distinctMembers) {
        return jdbi.withHandle(handle -> handle.createQuery(RECORD)
                .bind("orgId", orgId)
                .bindArray("eventIds", String.class, events.stream().map(UsageEvent::eventId).toList())
                .bindArray("memberIds", UUID.class, events.stream().map(UsageEvent::memberId).toList())
                .bindArray("amounts", Long.class, events.stream().map(UsageEvent::amountCents).toList())
                .bindArray("occurredAts", String.class, events.stream().map(e -> e.occurredAt().toString()).toList())
                .bindArray("distinctMembers", UUID.class, distinctMembers)
                .map((row, ctx) -> new Recorded(row.getBoolean("all_known"), row.getInt("inserted")))
                .one());
    }

    /** Those of {@code memberIds} that are members of the org. */
    Set<UUID> knownMembers(UUID orgId, Collection<UUID> memberIds) {
        return jdbi.withHandle(handle -> handle.createQuery(KNOWN_MEMBERS)
                .bind("orgId", orgId)
                .bindArray("memberIds", UUID.class, memberIds)
                .mapTo(UUID.class).set());
    }

    /** The member's spend state for {@code month}; empty when the org has no such member. */
    Optional<MemberSpendState> memberState(UUID orgId, UUID memberId, YearMonth month) {
        return jdbi.withHandle(handle -> handle.createQuery(MEMBER_STATE)
                .bind("orgId", orgId)
                .bind("memberId", memberId)
                .bind("month", firstDay(month))
                .map((row, ctx) -> new MemberSpendState(
                        row.getObject("id", UUID.class),
                        row.getBoolean("active"),
                        individual(row),
                        groupLimits(row),
                        row.getLong("spent_cents"),
                        Limit.fromColumns(row.getString("cap_kind"), row.getObject("cap_amount", Long.class)),
                        row.getLong("org_spent_cents")))
                .findOne());
    }

    /** Up to {@code fetch} members by id, after {@code afterId} when given. */
    List<MemberMonth> members(UUID orgId, YearMonth month, Optional<UUID> afterId, int fetch) {
        return jdbi.withHandle(handle -> {
            var query = handle.createQuery(MEMBERS_PAGE)
                    .define("after", afterId.isPresent() ? AFTER_MEMBER : "")
                    .bind("orgId", orgId)
                    .bind("month", firstDay(month))
                    .bind("fetch", fetch);
            afterId.ifPresent(id -> query.bind("afterId", id));
            return query.map((row, ctx) -> new MemberMonth(row.getObject("id", UUID.class), row.getString("user_name"),
                    row.getString("display_name"), row.getBoolean("active"), individual(row), groupLimits(row),
                    row.getLong("spent_cents"))).list();
        });
    }

    List<GroupRow> groupsWithLimits(UUID orgId) {
        return jdbi.withHandle(handle -> handle.createQuery(GROUPS_WITH_LIMITS)
                .bind("orgId", orgId)
                .map((row, ctx) -> new GroupRow(row.getObject("id", UUID.class), row.getString("display_name"),
                        row.getString("source"), SpendLimitStore.LIMIT.map(row, ctx)))
                .list());
    }

    List<GroupedMember> groupedMembers(UUID orgId, YearMonth month) {
        return jdbi.withHandle(handle -> handle.createQuery(GROUPED_MEMBERS)
                .bind("orgId", orgId)
                .bind("month", firstDay(month))
                .map((row, ctx) -> new GroupedMember(Arrays.asList((UUID[]) row.getArray("member_groups").getArray()),
                        individual(row), row.getLong("spent_cents")))
                .list());
    }

    long orgSpent(UUID orgId, YearMonth month) {
        return jdbi.withHandle(handle -> handle.createQuery(ORG_MONTH_SPEND)
                .bind("orgId", orgId)
                .bind("month", firstDay(month))
                .mapTo(Long.class).findOne().orElse(0L));
    }

    private static LocalDate firstDay(YearMonth month) {
        return month.atDay(1);
    }

    private static Limit individual(ResultSet row) throws SQLException {
        return Limit.fromColumns(row.getString("individual_kind"), row.getObject("individual_amount", Long.class));
    }

    private static List<GroupLimit> groupLimits(ResultSet row) throws SQLException {
        Array ids = row.getArray("group_ids");
        if (ids == null) {
            return List.of();
        }
        UUID[] groupIds = (UUID[]) ids.getArray();
        String[] kinds = (String[]) row.getArray("kinds").getArray();
        Long[] amounts = (Long[]) row.getArray("amounts").getArray();
        List<GroupLimit> limits = new ArrayList<>(groupIds.length);
        for (int i = 0; i < groupIds.length; i++) {
            limits.add(new GroupLimit(groupIds[i], Limit.fromColumns(kinds[i], amounts[i])));
        }
        return limits;
    }
}
