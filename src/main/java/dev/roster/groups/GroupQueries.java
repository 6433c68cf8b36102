package dev.roster.groups;

import dev.roster.common.CursorPage;
import dev.roster.common.Limit;
import dev.roster.common.PageRequest;
import dev.roster.common.Sql;
import dev.roster.spend.SpendLimitStore;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * The admin API's reads of groups. A page of groups is one indexed query (groups in name order, with
 * their custom-role ids aggregated per row); it never touches {@code group_members}, so listing 100
 * groups of 10,000 members costs what listing 100 empty groups costs.
 */
@ApplicationScoped
public class GroupQueries {

    private final Sql sql;
    private final GroupRoleAssignments roles;
    private final SpendLimitStore spendLimits;

    public GroupQueries(Sql sql, GroupRoleAssignments roles, SpendLimitStore spendLimits) {
        this.sql = sql;
        this.roles = roles;
        this.spendLimits = spendLimits;
    }

    /** Groups by name (case-insensitively; unique per org, so the lowered name is the keyset cursor). */
    public CursorPage<GroupView> list(UUID orgId, PageRequest page) {
        boolean after = page.after().isPresent();
        String query = """
                SELECT g.id, g.display_name, g.source, g.external_id, g.member_count, g.created_at, g.updated_at,
                       ARRAY(SELECT gcr.custom_role_id FROM group_custom_roles gcr
                             WHERE gcr.org_id = g.org_id AND gcr.group_id = g.id
                             ORDER BY gcr.custom_role_id) AS role_ids,
                       lower(g.display_name) AS sort_key, l.kind AS limit_kind, l.amount_cents AS limit_amount
                FROM groups g
                LEFT JOIN group_spend_limits l ON l.org_id = g.org_id AND l.group_id = g.id
                WHERE g.org_id = ?""" + (after ? " AND lower(g.display_name) > ?" : "")
                + " ORDER BY lower(g.display_name) LIMIT ?";
        List<Listed> rows = after
                ? sql.query(query, GroupQueries::row, orgId, page.after().get().get(0), page.fetchSize())
                : sql.query(query, GroupQueries::row, orgId, page.fetchSize());
        CursorPage<Listed> listed = CursorPage.of(rows, page.limit(), row -> PageRequest.cursor(row.sortKey()));
        return new CursorPage<>(listed.items().stream().map(Listed::view).toList(), listed.nextCursor());
    }

    public GroupView view(Group group) {
        return GroupView.of(group, roles.roleIds(group.orgId, group.id),
                spendLimits.groupLimits(group.orgId, List.of(group.id)).get(group.id));
    }

    /** The group's members by id: a walk of the membership primary key, whatever the group's size. */
    public CursorPage<GroupMemberView> members(UUID orgId, UUID groupId, PageRequest page) {
        boolean after = page.after().isPresent();
        String query = """
                SELECT m.id, m.user_name, m.display_name, m.org_role, m.active
                FROM group_members gm
                JOIN members m ON m.org_id = gm.org_id AND m.id = gm.member_id
                WHERE gm.org_id = ? AND gm.group_id = ?""" + (after ? " AND gm.member_id > ?" : "")
                + " ORDER BY gm.member_id LIMIT ?";
        Sql.RowMapper<GroupMemberView> mapper = row -> new GroupMemberView(row.getObject(1, UUID.class),
                row.getString(2), row.getString(3), row.getString(4), row.getBoolean(5));
        List<GroupMemberView> rows = after
                ? sql.query(query, mapper, orgId, groupId, page.uuidAt(0), page.fetchSize())
                : sql.query(query, mapper, orgId, groupId, page.fetchSize());
        return CursorPage.of(rows, page.limit(), member -> PageRequest.cursor(member.id()));
    }

    /** A listed group and its position in the name order (lower() as PostgreSQL computes it). */
    private record Listed(GroupView view, String sortKey) {
    }

    private static Listed row(ResultSet row) throws SQLException {
        return new Listed(new GroupView(row.getObject(1, UUID.class), row.getString(2), row.getString(3), row.getString(4),
                row.getInt(5), uuids(row.getArray(8)), Limit.fromColumns(row.getString(10), (Long) row.getObject(11)),
                Sql.instant(row, "created_at"), Sql.instant(row, "updated_at")),
                row.getString(9));
    }

    private static List<UUID> uuids(Array array) throws SQLException {
        if (array == null) {
            return List.of();
        }
        Object[] values = (Object[]) array.getArray();
        List<UUID> ids = new ArrayList<>(values.length);
        Arrays.stream(values).forEach(value -> ids.add((UUID) value));
        return ids;
    }
}
