package dev.roster.scim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.roster.common.SqlPart;
import dev.roster.members.Member;
import dev.roster.scim.filter.AcrossResourceTypes;
import dev.roster.scim.filter.FilterColumns;
import dev.roster.scim.filter.UserFilterColumns;
import dev.roster.scim.schema.ScimSchemas;
import jakarta.enterprise.context.ApplicationScoped;
import org.jdbi.v3.core.Jdbi;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    /** Placeholders: the selected columns, the tenant scope. */
    private static final String GET = "SELECT %s FROM members m WHERE %s AND m.id = :memberId";
    private static final String GROUPS_OF = "SELECT " + GROUPS + " FROM members m WHERE m.org_id = :orgId AND m.id = :memberId";

    /** A member and, when asked for, its SCIM groups. */
    public record UserRow(Member member, List<ScimGroupRef> groups) {
    }

    private final Jdbi jdbi;
    private final ObjectMapper json;
    private final FilterColumns columns;
    private final FilterColumns acrossTypes;

    public ScimUserQueries(Jdbi jdbi, ObjectMapper json, ScimSchemas schemas) {
        this.jdbi = jdbi;
        this.json = json;
        this.columns = new UserFilterColumns(schemas);
        this.acrossTypes = new AcrossResourceTypes(columns);
    }

    /** A page of users; {@code tenant} is the caller's scope over alias {@code m} (see ScimContext). */
    public ScimPage<UserRow> list(SqlPart tenant, ScimListRequest request) {
        return ScimListQuery.page(jdbi, request, tenant, source(request, columns));
    }

    /** The users' part of a search across resource types: attributes Users lack have no value. */
    public ScimPage<UserRow> listAcrossTypes(SqlPart tenant, ScimListRequest request) {
        return ScimListQuery.page(jdbi, request, tenant, source(request, acrossTypes));
    }

    /** Where User attributes live for filters. */
    public FilterColumns columns() {
        return columns;
    }

    private ScimListQuery.Source<UserRow> source(ScimListRequest request, FilterColumns filterColumns) {
        boolean withGroups = request.selection().wants("groups");
        return new ScimListQuery.Source<>("members m", "m", select(withGroups), (row, context) -> userRow(row, withGroups),
                filterColumns);
    }

    /** One user, with its SCIM groups when asked for; {@code tenant} as for {@link #list}. One statement. */
    public Optional<UserRow> get(SqlPart tenant, UUID memberId, boolean withGroups) {
        return jdbi.withHandle(h -> h.createQuery(GET.formatted(select(withGroups), tenant.sql()))
                .bindMap(tenant.with(Map.of("memberId", memberId)))
                .map((row, context) -> userRow(row, withGroups))
                .findOne());
    }

    /** A member's SCIM groups. */
    public List<ScimGroupRef> groupsOf(UUID orgId, UUID memberId) {
        return jdbi.withHandle(h -> h.createQuery(GROUPS_OF).bind("orgId", orgId).bind("memberId", memberId)
                .map((row, context) -> groups(row.getString(1)))
                .findOne()).orElse(List.of());
    }

    private static String select(boolean withGroups) {
        return withGroups ? COLUMNS + ", " + GROUPS : COLUMNS;
    }

    private UserRow userRow(ResultSet row, boolean withGroups) throws SQLException {
        return new UserRow(member(row), withGroups ? groups(row.getString("groups_json")) : null);
    }

    private List<ScimGroupRef> groups(String groupsJson) {
        if (groupsJson == null) {
            return List.of();
        }
        try {
            List<Map<String, String>> raw = json.readValue(groupsJson, new TypeReference<>() { });
            return raw.stream().map(g -> new ScimGroupRef(UUID.fromString(g.get("id")), g.get("name"))).toList();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Member member(ResultSet row) throws SQLException {
        Member member = new Member();
        member.id = row.getObject("id", UUID.class);
        member.orgId = row.getObject("org_id", UUID.class);
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
        member.createdAt = row.getObject("created_at", OffsetDateTime.class).toInstant();
        member.updatedAt = row.getObject("updated_at", OffsetDateTime.class).toInstant();
        return member;
    }
}
