package dev.roster.members;

import dev.roster.access.OrgRole;
import dev.roster.common.CursorPage;
import dev.roster.common.PageRequest;
import dev.roster.common.DomainException;
import dev.roster.common.Ids;
import dev.roster.common.Sql;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * Reads members for the admin API: one query per page or member, group ids included (no N+1).
 * Lists are in userName order (case-insensitive), paged by keyset on the unique userName index.
 */
@ApplicationScoped
public class MemberDirectory {

    public static final int MAX_QUERY_LENGTH = 200;

    private static final String SELECT = """
            SELECT m.id, m.user_name, m.display_name, m.email_values, m.active, m.org_role, m.scim_managed,
                   ARRAY(SELECT gm.group_id FROM group_members gm
                         WHERE gm.org_id = m.org_id AND gm.member_id = m.id ORDER BY gm.group_id) AS group_ids,
                   m.created_at, m.updated_at
            FROM members m
            """;

    private final Sql sql;

    public MemberDirectory(Sql sql) {
        this.sql = sql;
    }

    /** What to search for; every part is optional. */
    public record Search(String text, OrgRole role, UUID groupId) {

        /** Parses the query parameters, refusing what is malformed with the parameter's name. */
        public static Search parse(String q, String role, String groupId) {
            String text = q == null || q.isBlank() ? null : q.strip();
            if (text != null && text.length() > MAX_QUERY_LENGTH) {
                throw DomainException.invalid("q", "q has at most " + MAX_QUERY_LENGTH + " characters");
            }
            OrgRole orgRole = role == null || role.isEmpty() ? null : OrgRole.fromWire(role).orElseThrow(() ->
                    DomainException.invalid("role", "Unknown role '" + role + "'; roles are primary_owner, owner, admin, user, custom_roles"));
            UUID group = groupId == null || groupId.isEmpty() ? null : Ids.parse(groupId).orElseThrow(() ->
                    DomainException.invalid("groupId", "groupId must be a group id (UUID)"));
            return new Search(text, orgRole, group);
        }
    }

    public CursorPage<MemberView> search(UUID orgId, Search search, PageRequest page) {
        StringBuilder where = new StringBuilder(" WHERE m.org_id = ? AND lower(m.user_name) > ?");
        List<Object> params = new ArrayList<>(List.of(orgId, page.after().map(p -> p.get(0)).orElse("")));
        if (search.text() != null) {
            String pattern = "%" + search.text().toLowerCase(Locale.ROOT)
                    .replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
            where.append(" AND (lower(m.user_name) LIKE ? OR lower(coalesce(m.display_name, '')) LIKE ?)");
            params.add(pattern);
            params.add(pattern);
        }
        if (search.role() != null) {
            where.append(" AND m.org_role = ?");
            params.add(search.role().wire());
        }
        if (search.groupId() != null) {
            where.append(" AND EXISTS (SELECT 1 FROM group_members f WHERE f.org_id = m.org_id AND f.group_id = ?"
                    + " AND f.member_id = m.id)");
            params.add(search.groupId());
        }
        params.add(page.fetchSize());
        List<MemberView> rows = sql.query(SELECT + where + " ORDER BY lower(m.user_name) LIMIT ?",
                MemberDirectory::map, params.toArray());
        return CursorPage.of(rows, page.limit(), member -> PageRequest.cursor(member.userName().toLowerCase(Locale.ROOT)));
    }

    public Optional<MemberView> find(UUID orgId, String memberId) {
        return Ids.parse(memberId).flatMap(id -> sql.queryOne(SELECT + " WHERE m.org_id = ? AND m.id = ?",
                MemberDirectory::map, orgId, id));
    }

    public MemberView get(UUID orgId, String memberId) {
        return find(orgId, memberId).orElseThrow(() -> DomainException.notFound("member", memberId));
    }

    private static MemberView map(ResultSet row) throws SQLException {
        String[] emails = (String[]) row.getArray("email_values").getArray();
        UUID[] groups = (UUID[]) row.getArray("group_ids").getArray();
        return new MemberView(row.getObject("id", UUID.class), row.getString("user_name"), row.getString("display_name"),
                List.of(emails), row.getBoolean("active"), row.getString("org_role"), row.getBoolean("scim_managed"),
                Arrays.asList(groups), Sql.instant(row, "created_at"), Sql.instant(row, "updated_at"));
    }
}
