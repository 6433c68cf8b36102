package dev.roster.plugins;

import jakarta.enterprise.context.ApplicationScoped;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Plugin and override rows, and the reads effective states are resolved from. Every statement names
 * the org; the rules (validation, rights, audit) are {@link PluginService}'s, precedence is
 * {@link PluginPrecedence}'s.
 */
@ApplicationScoped
class PluginStore {

    private static final String COLUMNS = "org_id, id, name, description, default_state, created_at, updated_at";

    static final String FIND = "SELECT " + COLUMNS + " FROM plugins WHERE org_id = :orgId AND id = :pluginId";
    static final String FIND_FOR_UPDATE = FIND + " FOR NO KEY UPDATE";
    static final String ID_BY_NAME = "SELECT id FROM plugins WHERE org_id = :orgId AND lower(name) = lower(:name)";
    /** A page in name order; {@code <after>} is empty or {@link #AFTER_NAME}. */
    static final String PAGE = "SELECT " + COLUMNS + ", lower(name) AS sort_key FROM plugins WHERE org_id = :orgId <after>"
            + " ORDER BY lower(name) LIMIT :fetch";
    static final String AFTER_NAME = "AND lower(name) > :afterSortKey";
    static final String INSERT = "INSERT INTO plugins (" + COLUMNS + ")"
            + " VALUES (:orgId, :pluginId, :name, :description, :defaultState, :createdAt, :updatedAt)";
    static final String UPDATE = """
            UPDATE plugins SET name = :name, description = :description, default_state = :defaultState, updated_at = :updatedAt
            WHERE org_id = :orgId AND id = :pluginId""";
    /** Deletes the plugin; its overrides go with it (foreign key cascade). */
    static final String DELETE = "DELETE FROM plugins WHERE org_id = :orgId AND id = :pluginId";

    static final String OVERRIDES = """
            SELECT plugin_id, group_id, state FROM plugin_group_overrides
            WHERE org_id = :orgId AND plugin_id = ANY(:pluginIds) ORDER BY plugin_id, group_id""";
    static final String OVERRIDE_STATE = """
            SELECT state FROM plugin_group_overrides WHERE org_id = :orgId AND plugin_id = :pluginId AND group_id = :groupId""";
    static final String UPSERT_OVERRIDE = """
            INSERT INTO plugin_group_overrides (org_id, plugin_id, group_id, state, created_at, updated_at)
            VALUES (:orgId, :pluginId, :groupId, :state, :at, :at)
            ON CONFLICT (org_id, plugin_id, group_id) DO UPDATE SET state = EXCLUDED.state, updated_at = EXCLUDED.updated_at""";
    static final String DELETE_OVERRIDE = """
            DELETE FROM plugin_group_overrides WHERE org_id = :orgId AND plugin_id = :pluginId AND group_id = :groupId""";

    /** The overrides of plugin {@code p.id} among member {@code m.id}'s groups, in group order (name, then id). */
    private static final String MEMBER_GROUP_OVERRIDES = """
            CROSS JOIN LATERAL (
                SELECT array_agg(o.state ORDER BY lower(g.display_name), g.id) AS override_states,
                       array_agg(o.group_id ORDER BY lower(g.display_name), g.id) AS override_groups
                FROM plugin_group_overrides o
                JOIN group_members gm ON gm.org_id = o.org_id AND gm.group_id = o.group_id AND gm.member_id = m.id
                JOIN groups g ON g.org_id = o.org_id AND g.id = o.group_id
                WHERE o.org_id = m.org_id AND o.plugin_id = p.id
            ) ov
            """;

    /** Every plugin of an active member's org, in name order, with the overrides of the member's groups. */
    static final String PLUGINS_OF_MEMBER = """
            SELECT p.id, p.name, p.default_state, ov.override_states, ov.override_groups
            FROM members m
            JOIN plugins p ON p.org_id = m.org_id
            """ + MEMBER_GROUP_OVERRIDES + """
            WHERE m.org_id = :orgId AND m.id = :memberId AND m.active
            ORDER BY lower(p.name)""";

    /**
     * A page of active members in userName order (case-insensitive; unique that way) with the overrides
     * of their groups for plugin {@code :pluginId}; {@code <after>} is empty or {@link #AFTER_USER_NAME},
     * {@code <inState>} empty or one of {@link #IN_STATE}, {@link #IN_STATE_OR_DEFAULT}. The overrides are
     * only looked up for the rows of the page.
     */
    static final String MEMBERS_OF_PLUGIN = """
            SELECT m.id, m.user_name, m.display_name, m.sort_key, ov.override_states, ov.override_groups
            FROM (
                SELECT m.org_id, m.id, m.user_name, m.display_name, lower(m.user_name) AS sort_key
                FROM members m
                WHERE m.org_id = :orgId AND m.active <after> <inState>
                ORDER BY lower(m.user_name) LIMIT :fetch
            ) m
            CROSS JOIN (SELECT CAST(:pluginId AS uuid) AS id) p
            """ + MEMBER_GROUP_OVERRIDES + """
            ORDER BY m.sort_key""";

    static final String AFTER_USER_NAME = "AND lower(m.user_name) > :afterSortKey";

    /** Opens "one of member m's groups overrides plugin :pluginId", to be completed by a condition and ")". */
    private static final String MEMBER_HAS_OVERRIDE = """
            EXISTS (SELECT 1 FROM group_members gm
                    JOIN plugin_group_overrides o ON o.org_id = gm.org_id AND o.group_id = gm.group_id
                    WHERE gm.org_id = m.org_id AND gm.member_id = m.id AND o.plugin_id = :pluginId""";

    /**
     * Members whose state is {@code :state}, said as set membership so that it runs as index probes per
     * member: none of their groups overrides the plugin with a stronger state (strength is the position
     * in {@code :weakestFirst}), and one of them overrides it with {@code :state}.
     */
    static final String IN_STATE = "AND NOT " + MEMBER_HAS_OVERRIDE
            + " AND array_position(CAST(:weakestFirst AS text[]), o.state) > :strength)"
            + " AND " + MEMBER_HAS_OVERRIDE + " AND o.state = :state)";

    /** {@link #IN_STATE} when {@code :state} is the default: also the members none of whose groups overrides it. */
    static final String IN_STATE_OR_DEFAULT = "AND NOT " + MEMBER_HAS_OVERRIDE
            + " AND array_position(CAST(:weakestFirst AS text[]), o.state) > :strength)"
            + " AND (" + MEMBER_HAS_OVERRIDE + " AND o.state = :state) OR NOT " + MEMBER_HAS_OVERRIDE + "))";

    /** A plugin of a list, with its sort key (the lower-cased name, as the database lower-cases it). */
    record Listed(Plugin plugin, String sortKey) {
    }

    /** One plugin for one member: its default and the overrides of the member's groups, in group order. */
    record PluginOfMember(UUID pluginId, String name, PluginState defaultState, List<PluginOverride> overrides) {
    }

    /** One member for one plugin: the overrides of the member's groups, in group order, and the sort key. */
    record MemberOfPlugin(UUID memberId, String userName, String displayName, String sortKey, List<PluginOverride> overrides) {
    }

    private static final RowMapper<Plugin> PLUGIN = (row, ctx) -> new Plugin(row.getObject("org_id", UUID.class),
            row.getObject("id", UUID.class), row.getString("name"), row.getString("description"),
            state(row.getString("default_state")), row.getTimestamp("created_at").toInstant(),
            row.getTimestamp("updated_at").toInstant());

    private final Jdbi jdbi;

    PluginStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    Optional<Plugin> find(UUID orgId, UUID pluginId) {
        return findBy(FIND, orgId, pluginId);
    }

    /** The plugin, its row locked until the transaction ends (changes to one plugin go one at a time). */
    Optional<Plugin> findForUpdate(UUID orgId, UUID pluginId) {
        return findBy(FIND_FOR_UPDATE, orgId, pluginId);
    }

    /** The id of the plugin with this name (case-insensitively), if any. */
    Optional<UUID> idByName(UUID orgId, String name) {
        return jdbi.withHandle(handle -> handle.createQuery(ID_BY_NAME).bind("orgId", orgId).bind("name", name)
                .mapTo(UUID.class).findOne());
    }

    /** Up to {@code fetch} plugins in name order (case-insensitive; names are unique that way), after a sort key. */
    List<Listed> list(UUID orgId, Optional<String> afterSortKey, int fetch) {
        return jdbi.withHandle(handle -> {
            var query = handle.createQuery(PAGE)
                    .define("after", afterSortKey.isPresent() ? AFTER_NAME : "")
                    .bind("orgId", orgId)
                    .bind("fetch", fetch);
            afterSortKey.ifPresent(key -> query.bind("afterSortKey", key));
            return query.map((row, ctx) -> new Listed(PLUGIN.map(row, ctx), row.getString("sort_key"))).list();
        });
    }

    void insert(Plugin plugin) {
        jdbi.useHandle(handle -> handle.createUpdate(INSERT)
                .bind("orgId", plugin.orgId())
                .bind("pluginId", plugin.id())
                .bind("name", plugin.name())
                .bind("description", plugin.description())
                .bind("defaultState", plugin.defaultState().wire())
                .bind("createdAt", plugin.createdAt())
                .bind("updatedAt", plugin.updatedAt())
                .execute());
    }

    void update(Plugin plugin) {
        jdbi.useHandle(handle -> handle.createUpdate(UPDATE)
                .bind("orgId", plugin.orgId())
                .bind("pluginId", plugin.id())
                .bind("name", plugin.name())
                .bind("description", plugin.description())
                .bind("defaultState", plugin.defaultState().wire())
                .bind("updatedAt", plugin.updatedAt())
                .execute());
    }

    void delete(UUID orgId, UUID pluginId) {
        jdbi.useHandle(handle -> handle.createUpdate(DELETE).bind("orgId", orgId).bind("pluginId", pluginId).execute());
    }

    /** The overrides of one plugin, in group-id order. */
    List<PluginOverride> overrides(UUID orgId, UUID pluginId) {
        return overrides(orgId, List.of(pluginId)).get(pluginId);
    }

    /** The overrides of several plugins at once (one query for a whole page), each in group-id order. */
    Map<UUID, List<PluginOverride>> overrides(UUID orgId, List<UUID> pluginIds) {
        Map<UUID, List<PluginOverride>> byPlugin = new LinkedHashMap<>();
        pluginIds.forEach(id -> byPlugin.put(id, new ArrayList<>()));
        if (pluginIds.isEmpty()) {
            return byPlugin;
        }
        record Row(UUID pluginId, PluginOverride override) {
        }
        jdbi.withHandle(handle -> handle.createQuery(OVERRIDES)
                        .bind("orgId", orgId)
                        .bindArray("pluginIds", UUID.class, pluginIds)
                        .map((row, ctx) -> new Row(row.getObject("plugin_id", UUID.class),
                                new PluginOverride(row.getObject("group_id", UUID.class), state(row.getString("state")))))
                        .list())
                .forEach(row -> byPlugin.get(row.pluginId()).add(row.override()));
        return byPlugin;
    }

    Optional<PluginState> overrideState(UUID orgId, UUID pluginId, UUID groupId) {
        return jdbi.withHandle(handle -> handle.createQuery(OVERRIDE_STATE)
                .bind("orgId", orgId).bind("pluginId", pluginId).bind("groupId", groupId)
                .map((row, ctx) -> state(row.getString("state"))).findOne());
    }

    void upsertOverride(UUID orgId, UUID pluginId, UUID groupId, PluginState state, Instant at) {
        jdbi.useHandle(handle -> handle.createUpdate(UPSERT_OVERRIDE)
                .bind("orgId", orgId).bind("pluginId", pluginId).bind("groupId", groupId)
                .bind("state", state.wire()).bind("at", at)
                .execute());
    }

    void deleteOverride(UUID orgId, UUID pluginId, UUID groupId) {
        jdbi.useHandle(handle -> handle.createUpdate(DELETE_OVERRIDE)
                .bind("orgId", orgId).bind("pluginId", pluginId).bind("groupId", groupId)
                .execute());
    }

    /** Every plugin with the overrides of the member's groups; empty when the member is suspended or unknown. */
    List<PluginOfMember> pluginsOfMember(UUID orgId, UUID memberId) {
        return jdbi.withHandle(handle -> handle.createQuery(PLUGINS_OF_MEMBER)
                .bind("orgId", orgId)
                .bind("memberId", memberId)
                .map((row, ctx) -> new PluginOfMember(row.getObject("id", UUID.class), row.getString("name"),
                        state(row.getString("default_state")), overrides(row)))
                .list());
    }

    /** Up to {@code fetch} active members after a sort key, only those in state {@code only} when given. */
    List<MemberOfPlugin> membersOfPlugin(Plugin plugin, Optional<PluginState> only, Optional<String> afterSortKey, int fetch) {
        return jdbi.withHandle(handle -> {
            var query = handle.createQuery(MEMBERS_OF_PLUGIN)
                    .define("after", afterSortKey.isPresent() ? AFTER_USER_NAME : "")
                    .define("inState", only.map(state -> state == plugin.defaultState() ? IN_STATE_OR_DEFAULT : IN_STATE).orElse(""))
                    .bind("orgId", plugin.orgId())
                    .bind("pluginId", plugin.id())
                    .bind("fetch", fetch);
            afterSortKey.ifPresent(key -> query.bind("afterSortKey", key));
            only.ifPresent(state -> query
                    .bindArray("weakestFirst", String.class, PluginState.weakestFirst())
                    .bind("strength", state.ordinal() + 1)
                    .bind("state", state.wire()));
            return query.map((row, ctx) -> new MemberOfPlugin(row.getObject("id", UUID.class), row.getString("user_name"),
                    row.getString("display_name"), row.getString("sort_key"), overrides(row))).list();
        });
    }

    private Optional<Plugin> findBy(String sql, UUID orgId, UUID pluginId) {
        return jdbi.withHandle(handle -> handle.createQuery(sql).bind("orgId", orgId).bind("pluginId", pluginId)
                .map(PLUGIN).findOne());
    }

    /** The {@code override_states, override_groups} arrays of a row as overrides, in their order. */
    private static List<PluginOverride> overrides(ResultSet row) throws SQLException {
        Array states = row.getArray("override_states");
        if (states == null) {
            return List.of();
        }
        String[] stateNames = (String[]) states.getArray();
        UUID[] groupIds = (UUID[]) row.getArray("override_groups").getArray();
        List<PluginOverride> overrides = new ArrayList<>(stateNames.length);
        for (int i = 0; i < stateNames.length; i++) {
            overrides.add(new PluginOverride(groupIds[i], state(stateNames[i])));
        }
        return overrides;
    }

    private static PluginState state(String stored) {
        return PluginState.fromWire(stored).orElseThrow(() -> new IllegalStateException("unknown plugin state in the database: " + stored));
    }
}
