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
     * optionally only those with state {@code only}, after {@code afterSortKey}. One query; a member can
     * only have a state other than the default through an override, so such a filter starts from the
     * members of the groups that set it.
     */
    @Transactional
    List<Listed> members(Plugin plugin, PluginState only, String afterSortKey, int fetch) {
        List<Object> params = new ArrayList<>();
        StringBuilder query = new StringBuilder("""
                SELECT m.id, m.user_name, m.display_name, lower(m.user_name) AS sort_key,
                       coalesce(best.state, ?) AS state, best.group_id
                FROM members m
                CROSS JOIN (SELECT ?::uuid AS id) p
                """).append(STRONGEST_OVERRIDE).append("WHERE m.org_id = ? AND m.active\n");
        params.add(plugin.defaultState().wire());
        params.add(plugin.id());
        params.add(PluginState.weakestFirst());
        params.add(plugin.orgId());
        if (afterSortKey != null) {
            query.append("AND lower(m.user_name) > ?\n");
            params.add(afterSortKey);
        }
        if (only != null) {
            query.append("AND coalesce(best.state, ?) = ?\n");
            params.add(plugin.defaultState().wire());
            params.add(only.wire());
            if (only != plugin.defaultState()) {
                query.append("""
                        AND m.id IN (SELECT gm.member_id
                                     FROM plugin_group_overrides o
                                     JOIN group_members gm ON gm.org_id = o.org_id AND gm.group_id = o.group_id
                                     WHERE o.org_id = ? AND o.plugin_id = ? AND o.state = ?)
                        """);
                params.add(plugin.orgId());
                params.add(plugin.id());
                params.add(only.wire());
            }
        }
        query.append("ORDER BY lower(m.user_name) LIMIT ?");
        params.add(fetch);
        return sql.query(query.toString(), row -> new Listed(new PluginMemberState(Sql.uuid(row, "id"),
                        row.getString("user_name"), row.getString("display_name"), state(row), source(row)),
                        row.getString("sort_key")), params.toArray());
    }

    private static String state(ResultSet row) throws SQLException {
        return PluginState.fromWire(row.getString("state")).orElseThrow().wire();
    }

    private static PluginSource source(ResultSet row) throws SQLException {
        return PluginSource.of(Sql.uuid(row, "group_id"));
    }
}
