package dev.roster.scim;

import dev.roster.common.Sql;
import dev.roster.common.SqlPart;
import dev.roster.groups.Group;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Reads SCIM groups (source = 'scim' only: manual groups are invisible to identity providers). Members
 * are loaded only when the answer includes them, for a whole page in one query.
 */
@ApplicationScoped
public class ScimGroupQueries {

    private static final String COLUMNS = "g.id, g.org_id, g.display_name, g.source, g.external_id, g.member_count,"
            + " g.version, g.created_at, g.updated_at";

    /** A member as listed in a Group's {@code members}. */
    public record MemberRef(UUID id, String display) {
    }

    private final Sql sql;
    private final GroupFilterColumns columns;

    public ScimGroupQueries(Sql sql, ScimSchemas schemas) {
        this.sql = sql;
        this.columns = new GroupFilterColumns(schemas);
    }

    /** A page of SCIM groups; {@code tenant} is the caller's scope over alias {@code g} (see ScimContext). */
    public ScimPage<Group> list(SqlPart tenant, ScimListRequest request) {
        return ScimListQuery.page(sql, request, columns, "groups g", "g", tenant.sql() + " AND g.source = 'scim'",
                tenant.params(), COLUMNS, ScimGroupQueries::group);
    }

    /** The members of each of the groups, in one query. */
    public Map<UUID, List<MemberRef>> members(UUID orgId, List<UUID> groupIds) {
        Map<UUID, List<MemberRef>> byGroup = new LinkedHashMap<>();
        groupIds.forEach(id -> byGroup.put(id, new ArrayList<>()));
        if (groupIds.isEmpty()) {
            return byGroup;
        }
        sql.query("""
                SELECT gm.group_id, gm.member_id, COALESCE(m.display_name, m.user_name) AS display
                FROM group_members gm JOIN members m ON m.org_id = gm.org_id AND m.id = gm.member_id
                WHERE gm.org_id = ? AND gm.group_id = ANY(?::uuid[])
                ORDER BY gm.group_id, gm.created_at, gm.member_id""", row -> {
            byGroup.get(Sql.uuid(row, "group_id")).add(new MemberRef(Sql.uuid(row, "member_id"), row.getString("display")));
            return null;
        }, orgId, groupIds);
        return byGroup;
    }

    static Group group(ResultSet row) throws SQLException {
        Group group = new Group();
        group.id = Sql.uuid(row, "id");
        group.orgId = Sql.uuid(row, "org_id");
        group.displayName = row.getString("display_name");
        group.source = row.getString("source");
        group.externalId = row.getString("external_id");
        group.memberCount = row.getInt("member_count");
        group.version = row.getLong("version");
        group.createdAt = Sql.instant(row, "created_at");
        group.updatedAt = Sql.instant(row, "updated_at");
        return group;
    }
}
