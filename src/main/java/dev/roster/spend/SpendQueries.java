package dev.roster.spend;

import dev.roster.common.Limit;
import dev.roster.common.Sql;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The reads on the hot path. {@link #memberState} answers in one statement that touches only primary
 * keys and the member → groups index: the member row, their individual limit, their groups' limits
 * (aggregated in a lateral subquery), their month-to-date spend row, the org's cap and its month row.
 */
@ApplicationScoped
public class SpendQueries {

    /** Columns shared by the single-member and the paged reads (the {@code m} alias is a members row). */
    static final String LIMIT_COLUMNS = """
            il.kind AS individual_kind, il.amount_cents AS individual_amount,
            gl.group_ids, gl.kinds, gl.amounts,
            coalesce(ms.spent_cents, 0) AS spent_cents""";

    static final String LIMIT_JOINS = """
            LEFT JOIN member_spend_limits il ON il.org_id = m.org_id AND il.member_id = m.id
            LEFT JOIN member_monthly_spend ms ON ms.org_id = m.org_id AND ms.member_id = m.id AND ms.month = ?::date
            CROSS JOIN LATERAL (
                SELECT array_agg(l.group_id ORDER BY l.group_id) AS group_ids,
                       array_agg(l.kind ORDER BY l.group_id) AS kinds,
                       array_agg(l.amount_cents ORDER BY l.group_id) AS amounts
                FROM group_members gm
                JOIN group_spend_limits l ON l.org_id = gm.org_id AND l.group_id = gm.group_id
                WHERE gm.org_id = m.org_id AND gm.member_id = m.id) gl""";

    private static final String MEMBER_STATE = """
            SELECT m.id, m.active, %s,
                   cap.kind AS cap_kind, cap.amount_cents AS cap_amount,
                   coalesce(os.spent_cents, 0) AS org_spent_cents
            FROM members m
            %s
            LEFT JOIN org_spend_caps cap ON cap.org_id = m.org_id
            LEFT JOIN org_monthly_spend os ON os.org_id = m.org_id AND os.month = ?::date
            WHERE m.org_id = ? AND m.id = ?""".formatted(LIMIT_COLUMNS, LIMIT_JOINS);

    private final Sql sql;

    public SpendQueries(Sql sql) {
        this.sql = sql;
    }

    /** The member's spend state for {@code month}; empty when the org has no such member. */
    public Optional<MemberSpendState> memberState(UUID orgId, UUID memberId, YearMonth month) {
        String day = SpendMonth.sqlDate(month);
        return sql.queryOne(MEMBER_STATE, row -> new MemberSpendState(
                        row.getObject("id", UUID.class),
                        row.getBoolean("active"),
                        individual(row),
                        groupLimits(row),
                        row.getLong("spent_cents"),
                        Limit.fromColumns(row.getString("cap_kind"), (Long) row.getObject("cap_amount")),
                        row.getLong("org_spent_cents")),
                day, day, orgId, memberId);
    }

    static Limit individual(ResultSet row) throws SQLException {
        return Limit.fromColumns(row.getString("individual_kind"), (Long) row.getObject("individual_amount"));
    }

    static List<GroupLimit> groupLimits(ResultSet row) throws SQLException {
        Array ids = row.getArray("group_ids");
        if (ids == null) {
            return List.of();
        }
        Object[] groupIds = (Object[]) ids.getArray();
        Object[] kinds = (Object[]) row.getArray("kinds").getArray();
        Object[] amounts = (Object[]) row.getArray("amounts").getArray();
        List<GroupLimit> limits = new ArrayList<>(groupIds.length);
        for (int i = 0; i < groupIds.length; i++) {
            limits.add(new GroupLimit((UUID) groupIds[i], Limit.fromColumns((String) kinds[i], (Long) amounts[i])));
        }
        return limits;
    }
}
