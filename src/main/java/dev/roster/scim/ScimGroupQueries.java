package dev.roster.scim;

import dev.roster.common.SqlPart;
import dev.roster.groups.Group;
import dev.roster.scim.filter.AcrossResourceTypes;
import dev.roster.scim.filter.FilterColumns;
import dev.roster.scim.filter.GroupFilterColumns;
import dev.roster.scim.schema.ScimSchemas;
import jakarta.enterprise.context.ApplicationScoped;
import org.jdbi.v3.core.Jdbi;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
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
    private static final SqlPart SCIM_GROUPS = new SqlPart("g.source = 'scim'", Map.of());
    private static final String MEMBERS = """
            SELECT gm.group_id, gm.member_id, COALESCE(m.display_name, m.user_name) AS display
            FROM group_members gm JOIN members m ON m.org_id = gm.org_id AND m.id = gm.member_id
            WHERE gm.org_id = :orgId AND gm.group_id = ANY(:groupIds)
            ORDER BY gm.group_id, gm.created_at, gm.member_id""";

    /** A member as listed in a Group's {@code members}. */
    public record MemberRef(UUID id, String display) {
    }

    /** A group and, when asked for, its members. */
    public record GroupRow(Group group, List<MemberRef> members) {
    }

    private final Jdbi jdbi;
    private final ScimListQuery.Source<Group> source;
    private final ScimListQuery.Source<Group> acrossTypes;

    public ScimGroupQueries(Jdbi jdbi, ScimSchemas schemas) {
        this.jdbi = jdbi;
        FilterColumns columns = new GroupFilterColumns(schemas);
        this.source = new ScimListQuery.Source<>("groups g", "g", COLUMNS, (row, context) -> group(row), columns);
        this.acrossTypes = new ScimListQuery.Source<>("groups g", "g", COLUMNS, (row, context) -> group(row),
                new AcrossResourceTypes(columns));
    }

    /** A page of SCIM groups; {@code tenant} is the caller's scope over alias {@code g} (see ScimContext). */
    public ScimPage<Group> list(SqlPart tenant, ScimListRequest request) {
        return ScimListQuery.page(jdbi, request, tenant.and(SCIM_GROUPS), source);
    }

    /** The groups' part of a search across resource types: attributes Groups lack have no value. */
    public ScimPage<Group> listAcrossTypes(SqlPart tenant, ScimListRequest request) {
        return ScimListQuery.page(jdbi, request, tenant.and(SCIM_GROUPS), acrossTypes);
    }

    /** Where Group attributes live for filters. */
    public FilterColumns columns() {
        return source.columns();
    }

    /** The group with its members when {@code withMembers}. */
    public GroupRow row(Group group, boolean withMembers) {
        return new GroupRow(group, withMembers ? members(group.orgId, List.of(group.id)).get(group.id) : null);
    }

    /** The members of each of the groups, in one query. */
    public Map<UUID, List<MemberRef>> members(UUID orgId, List<UUID> groupIds) {
        Map<UUID, List<MemberRef>> byGroup = new LinkedHashMap<>();
        groupIds.forEach(id -> byGroup.put(id, new ArrayList<>()));
        if (groupIds.isEmpty()) {
            return byGroup;
        }
        jdbi.withHandle(h -> h.createQuery(MEMBERS).bind("orgId", orgId).bindArray("groupIds", UUID.class, groupIds)
                .map((row, context) -> Map.entry(row.getObject("group_id", UUID.class),
                        new MemberRef(row.getObject("member_id", UUID.class), row.getString("display"))))
                .list())
                .forEach(member -> byGroup.get(member.getKey()).add(member.getValue()));
        return byGroup;
    }

    private static Group group(ResultSet row) throws SQLException {
        Group group = new Group();
        group.id = row.getObject("id", UUID.class);
        group.orgId = row.getObject("org_id", UUID.class);
        group.displayName = row.getString("display_name");
        group.source = row.getString("source");
        group.externalId = row.getString("external_id");
        group.memberCount = row.getInt("member_count");
        group.version = row.getLong("version");
        group.createdAt = row.getObject("created_at", OffsetDateTime.class).toInstant();
        group.updatedAt = row.getObject("updated_at", OffsetDateTime.class).toInstant();
        return group;
    }
}
