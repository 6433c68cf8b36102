package dev.roster.spend;

import dev.roster.common.DomainException;
import dev.roster.common.Limit;
import dev.roster.common.Sql;
import dev.roster.orgs.OrgService;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Usage reports for any month (the article's "By group" tab as data, and a per-member list). Effective
 * limits come from {@link SpendLimitResolver}, like everywhere else. Limits are not versioned: a past
 * month is measured against the limits as they are now.
 */
@ApplicationScoped
public class UsageReports {

    public static final int DEFAULT_PAGE = 50;
    public static final int MAX_PAGE = 500;

    /** Report rows of a page plus the cursor of the next page (null on the last). */
    public record Page<T>(String month, List<T> items, String nextCursor) {
    }

    public record GroupReport(String month, List<GroupUsage> items) {
    }

    private final Sql sql;
    private final OrgService orgs;

    public UsageReports(Sql sql, OrgService orgs) {
        this.sql = sql;
        this.orgs = orgs;
    }

    /**
     * Every group of the org, with its members' spend in {@code month}. Two statements: the groups with
     * their limits, then every member who is in at least one group with their limit inputs and spend.
     */
    public GroupReport byGroup(UUID orgId, YearMonth month) {
        orgs.requireEnterprise(orgs.get(orgId));
        record GroupRow(UUID id, String name, String source, Limit limit) {
        }
        Map<UUID, GroupRow> groups = new LinkedHashMap<>();
        sql.query("""
                SELECT g.id, g.display_name, g.source, l.kind, l.amount_cents
                FROM groups g LEFT JOIN group_spend_limits l ON l.org_id = g.org_id AND l.group_id = g.id
                WHERE g.org_id = ? ORDER BY lower(g.display_name), g.id""",
                row -> new GroupRow(row.getObject(1, UUID.class), row.getString(2), row.getString(3),
                        Limit.fromColumns(row.getString(4), (Long) row.getObject(5))), orgId)
                .forEach(group -> groups.put(group.id(), group));
        Map<UUID, long[]> totals = new HashMap<>(); // group -> {members, spent, atOrOver}
        groups.keySet().forEach(id -> totals.put(id, new long[3]));
        sql.query("""
                SELECT gm.member_id, array_agg(gm.group_id) AS member_groups,
                       il.kind, il.amount_cents, coalesce(ms.spent_cents, 0) AS spent_cents
                FROM group_members gm
                LEFT JOIN member_spend_limits il ON il.org_id = gm.org_id AND il.member_id = gm.member_id
                LEFT JOIN member_monthly_spend ms ON ms.org_id = gm.org_id AND ms.member_id = gm.member_id AND ms.month = ?::date
                WHERE gm.org_id = ?
                GROUP BY gm.member_id, il.kind, il.amount_cents, ms.spent_cents""", row -> {
            Object[] memberGroups = (Object[]) row.getArray(2).getArray();
            Limit individual = Limit.fromColumns(row.getString(3), (Long) row.getObject(4));
            long spent = row.getLong(5);
            List<GroupLimit> limits = new ArrayList<>();
            for (Object id : memberGroups) {
                GroupRow group = groups.get((UUID) id);
                if (group != null && group.limit() != null) {
                    limits.add(new GroupLimit(group.id(), group.limit()));
                }
            }
            boolean atOrOver = atOrOver(SpendLimitResolver.resolve(individual, limits), spent);
            for (Object id : memberGroups) {
                long[] total = totals.get((UUID) id);
                if (total != null) {
                    total[0]++;
                    total[1] += spent;
                    total[2] += atOrOver ? 1 : 0;
                }
            }
            return null;
        }, SpendMonth.sqlDate(month), orgId);
        List<GroupUsage> items = new ArrayList<>(groups.size());
        for (GroupRow group : groups.values()) {
            long[] total = totals.get(group.id());
            items.add(new GroupUsage(group.id(), group.name(), group.source(), group.limit(), (int) total[0], total[1], (int) total[2]));
        }
        return new GroupReport(month.toString(), items);
    }

    /** The org's members (by id), each with their spend in {@code month} and their effective limit. */
    public Page<MemberUsage> byMember(UUID orgId, YearMonth month, String cursor, String limit) {
        int size = pageSize(limit);
        Optional<UUID> after = decodeCursor(cursor);
        if (sql.queryOne("SELECT 1 FROM orgs WHERE id = ?", row -> 1, orgId).isEmpty()) {
            throw DomainException.notFound("organization", orgId);
        }
        String query = """
                SELECT m.id, m.user_name, m.display_name, m.active, %s
                FROM members m
                %s
                WHERE m.org_id = ? %s
                ORDER BY m.id LIMIT ?""".formatted(SpendQueries.LIMIT_COLUMNS, SpendQueries.LIMIT_JOINS,
                after.isPresent() ? "AND m.id > ?" : "");
        List<Object> params = new ArrayList<>(List.of(SpendMonth.sqlDate(month), orgId));
        after.ifPresent(params::add);
        params.add(size + 1);
        List<MemberUsage> rows = sql.query(query, row -> {
            EffectiveLimit effective = SpendLimitResolver.resolve(SpendQueries.individual(row), SpendQueries.groupLimits(row));
            long spent = row.getLong("spent_cents");
            return new MemberUsage(row.getObject("id", UUID.class), row.getString("user_name"), row.getString("display_name"),
                    row.getBoolean("active"), spent, effective, effective.remaining(spent), atOrOver(effective, spent));
        }, params.toArray());
        if (rows.size() <= size) {
            return new Page<>(month.toString(), rows, null);
        }
        List<MemberUsage> page = List.copyOf(rows.subList(0, size));
        return new Page<>(month.toString(), page, encodeCursor(page.get(size - 1).memberId()));
    }

    private static boolean atOrOver(EffectiveLimit effective, long spent) {
        return effective.limit() != null && effective.limit().isAmount() && spent >= effective.limit().amountCents();
    }

    private static int pageSize(String limit) {
        if (limit == null || limit.isBlank()) {
            return DEFAULT_PAGE;
        }
        try {
            int size = Integer.parseInt(limit.strip());
            if (size >= 1 && size <= MAX_PAGE) {
                return size;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw DomainException.invalid("limit", "limit must be an integer from 1 to " + MAX_PAGE);
    }

    private static String encodeCursor(UUID lastId) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(lastId.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static Optional<UUID> decodeCursor(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return Optional.empty();
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor.strip()), StandardCharsets.UTF_8);
            return Optional.of(dev.roster.common.Ids.parse(text).orElseThrow(IllegalArgumentException::new));
        } catch (IllegalArgumentException e) {
            throw DomainException.invalid("cursor", "The cursor is not one this list handed out");
        }
    }
}
