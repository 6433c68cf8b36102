package dev.roster.scim;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.roster.common.Sql;
import dev.roster.common.SqlPart;
import dev.roster.members.Member;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Reads Users for SCIM: one SQL statement per page, with the filter translated to SQL, the total
 * counted by a window function, and each user's SCIM groups aggregated in the same statement.
 */
@ApplicationScoped
public class ScimUserQueries {

    private static final String COLUMNS = "m.id, m.org_id, m.user_name, m.display_name, m.external_id, m.active, m.org_role,"
            + " m.scim_managed, m.scim_attributes::text AS scim_attributes, m.email_values, m.version, m.created_at, m.updated_at";
    private static final String GROUPS = "(SELECT json_agg(json_build_object('id', gg.id, 'name', gg.display_name) ORDER BY gg.display_name)"
            + " FROM group_members gm JOIN groups gg ON gg.org_id = gm.org_id AND gg.id = gm.group_id"
            + " WHERE gm.org_id = m.org_id AND gm.member_id = m.id AND gg.source = 'scim')::text AS groups_json";

    /** A member and, when asked for, its SCIM groups. */
    public record UserRow(Member member, List<ScimGroupRef> groups) {
    }

    private final Sql sql;
    private final ObjectMapper json;
    private final UserFilterColumns columns;

    public ScimUserQueries(Sql sql, ObjectMapper json, ScimSchemas schemas) {
        this.sql = sql;
        this.json = json;
        this.columns = new UserFilterColumns(schemas);
    }

    /** A page of users; {@code tenant} is the caller's scope over alias {@code m} (see ScimContext). */
    public ScimPage<UserRow> list(SqlPart tenant, ScimListRequest request) {
        boolean withGroups = request.selection().wants("groups");
        return ScimListQuery.page(sql, request, columns, "members m", "m", tenant.sql(), tenant.params(),
                select(withGroups), row -> userRow(row, withGroups));
    }

    /** One user, with its SCIM groups when asked for; {@code tenant} as for {@link #list}. One statement. */
    public java.util.Optional<UserRow> get(SqlPart tenant, UUID memberId, boolean withGroups) {
        List<Object> params = new java.util.ArrayList<>(tenant.params());
        params.add(memberId);
        return sql.queryOne("SELECT " + select(withGroups) + " FROM members m WHERE " + tenant.sql() + " AND m.id = ?",
                row -> userRow(row, withGroups), params.toArray());
    }

    private static String select(boolean withGroups) {
        return COLUMNS + (withGroups ? ", " + GROUPS : "");
    }

    private UserRow userRow(ResultSet row, boolean withGroups) throws SQLException {
        return new UserRow(member(row), withGroups ? groups(row.getString("groups_json")) : null);
    }

    public List<ScimGroupRef> groupsOf(UUID orgId, UUID memberId) {
        return sql.queryOne("SELECT " + GROUPS + " FROM members m WHERE m.org_id = ? AND m.id = ?",
                row -> groups(row.getString(1)), orgId, memberId).orElse(List.of());
    }

    private List<ScimGroupRef> groups(String groupsJson) {
        if (groupsJson == null) {
            return List.of();
        }
        try {
            List<Map<String, String>> raw = json.readValue(groupsJson, new TypeReference<>() { });
            return raw.stream().map(g -> new ScimGroupRef(UUID.fromString(g.get("id")), g.get("name"))).toList();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static Member member(ResultSet row) throws SQLException {
        Member member = new Member();
        member.id = Sql.uuid(row, "id");
        member.orgId = Sql.uuid(row, "org_id");
        member.userName = row.getString("user_name");
        member.displayName = row.getString("display_name");
        member.externalId = row.getString("external_id");
        member.active = row.getBoolean("active");
        member.orgRole = row.getString("org_role");
        member.scimManaged = row.getBoolean("scim_managed");
        member.scimAttributes = row.getString("scim_attributes");
        Array emails = row.getArray("email_values");
        member.emailValues = emails == null ? new String[0] : (String[]) emails.getArray();
        member.version = row.getLong("version");
        member.createdAt = Sql.instant(row, "created_at");
        member.updatedAt = Sql.instant(row, "updated_at");
        return member;
    }
}
