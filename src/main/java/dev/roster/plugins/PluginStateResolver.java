package dev.roster.plugins;

import dev.roster.common.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Effective plugin states (SPEC §5), computed in SQL with one statement per question, whatever the
 * number of plugins, groups or members:
 * <ul>
 *   <li>a member with at least one group that overrides the plugin gets the <em>strongest</em> of those
 *       overrides (required &gt; pre_installed &gt; available &gt; hidden), from the group that sets it
 *       (ties: the group first by name, case-insensitively, then by id);</li>
 *   <li>a member none of whose groups overrides it gets the plugin's org default;</li>
 *   <li>a suspended member gets nothing: no entry at all.</li>
 * </ul>
 * Strongest presence wins so that a plugin an admin made required for a team stays required for a
 * member of that team who is also in a group that hides it.
 */
@ApplicationScoped
public class PluginStateResolver {

    /** The strongest override of plugin {@code p.id} among the groups of member {@code m.id}. */
    private static final String STRONGEST_OVERRIDE = """
            LEFT JOIN LATERAL (
                SELECT o.state, o.group_id
                FROM plugin_group_overrides o
                JOIN group_members gm ON gm.org_id = o.org_id AND gm.group_id = o.group_id AND gm.member_id = m.id
                JOIN groups g ON g.org_id = o.org_id AND g.id = o.group_id
                WHERE o.org_id = m.org_id AND o.plugin_id = p.id
                ORDER BY array_position(?::text[], o.state) DESC, lower(g.display_name), g.id
                LIMIT 1
            ) best ON true
            """;

    private final Sql sql;

    public PluginStateResolver(Sql sql) {
        this.sql = sql;
    }

    /** Every plugin's state for the member, in plugin-name order; empty when suspended or unknown. One query. */
    @Transactional
    public List<EffectivePluginState> forMember(UUID orgId, UUID memberId) {
        return sql.query("""
                SELECT p.id, p.name, coalesce(best.state, p.default_state) AS state, best.group_id
                FROM members m
                JOIN plugins p ON p.org_id = m.org_id
                """ + STRONGEST_OVERRIDE + """
                WHERE m.org_id = ? AND m.id = ? AND m.active
                ORDER BY lower(p.name)""",
                row -> new EffectivePluginState(Sql.uuid(row, "id"), row.getString("name"), state(row), source(row)),
                PluginState.weakestFirst(), orgId, memberId);
    }

    /** A member of a {@link #members} page, with its sort key (the lower-cased userName). */
    record Listed(PluginMemberState member, String sortKey) {
    }

    /**
     * The active members' states for one plugin, in userName order (case-insensitive; unique that way),
     * optionally only those with state {@code only}, after {@code afterSortKey}. One query. The filter
     * is said as set membership, so that it runs as index probes per member (or semi-joins from the
     * overriding groups) and the strongest override is only looked up for the rows of the page:
     * a member's state is {@code s} when none of their groups overrides the plugin with a state stronger
     * than {@code s}, and either one of them overrides it with {@code s}, or none overrides it at all
     * and {@code s} is the default.
     */
    @Transactional
    List<Listed> members(Plugin plugin, PluginState only, String afterSortKey, int fetch) {
        List<Object> params = new ArrayList<>();
        StringBuilder page = new StringBuilder("""
                SELECT m.org_id, m.id, m.user_name, m.display_name, lower(m.user_name) AS sort_key
                FROM members m
                WHERE m.org_id = ? AND m.active
                """);
        params.add(plugin.orgId());
        if (afterSortKey != null) {
            page.append("AND lower(m.user_name) > ?\n");
            params.add(afterSortKey);
        }
        if (only != null) {
            page.append("AND NOT ").append(MEMBER_HAS_OVERRIDE).append("AND array_position(?::text[], o.state) > ?)\n");
            params.add(plugin.id());
            params.add(PluginState.weakestFirst());
            params.add(only.ordinal() + 1);
            page.append("AND (").append(MEMBER_HAS_OVERRIDE).append("AND o.state = ?)");
            params.add(plugin.id());
            params.add(only.wire());
            if (only == plugin.defaultState()) {
                page.append(" OR NOT ").append(MEMBER_HAS_OVERRIDE).append(")");
                params.add(plugin.id());
            }
            page.append(")\n");
        }
        page.append("ORDER BY lower(m.user_name) LIMIT ?");
        params.add(fetch);

        List<Object> all = new ArrayList<>();
        all.add(plugin.defaultState().wire());
        all.addAll(params);
        all.add(plugin.id());
        all.add(PluginState.weakestFirst());
        String query = """
                SELECT m.id, m.user_name, m.display_name, m.sort_key, coalesce(best.state, ?) AS state, best.group_id
                FROM (""" + page + """
                ) m
                CROSS JOIN (SELECT ?::uuid AS id) p
                """ + STRONGEST_OVERRIDE + """
                ORDER BY m.sort_key""";
        return sql.query(query, row -> new Listed(new PluginMemberState(Sql.uuid(row, "id"),
                        row.getString("user_name"), row.getString("display_name"), state(row), source(row)),
                        row.getString("sort_key")), all.toArray());
    }

    /** Opens "one of member m's groups overrides plugin ?", to be completed by a condition and ")". */
    private static final String MEMBER_HAS_OVERRIDE = """
            EXISTS (SELECT 1 FROM group_members gm
                    JOIN plugin_group_overrides o ON o.org_id = gm.org_id AND o.group_id = gm.group_id
                    WHERE gm.org_id = m.org_id AND gm.member_id = m.id AND o.plugin_id = ?
            """;

    private static String state(ResultSet row) throws SQLException {
        return PluginState.fromWire(row.getString("state")).orElseThrow().wire();
    }

    private static PluginSource source(ResultSet row) throws SQLException {
        return PluginSource.of(Sql.uuid(row, "group_id"));
    }
}
