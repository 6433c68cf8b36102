package dev.roster.plugins;

import dev.roster.common.Sql;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Plugin and override rows, in plain SQL on the current transaction. Every statement names the org;
 * the rules (validation, rights, audit) are {@link PluginService}'s.
 */
@ApplicationScoped
class PluginStore {

    private static final String COLUMNS = "org_id, id, name, description, default_state, created_at, updated_at";

    private final Sql sql;

    PluginStore(Sql sql) {
        this.sql = sql;
    }

    Optional<Plugin> find(UUID orgId, UUID pluginId) {
        return sql.queryOne("SELECT " + COLUMNS + " FROM plugins WHERE org_id = ? AND id = ?", PluginStore::plugin,
                orgId, pluginId);
    }

    /** The plugin, its row locked until the transaction ends (changes to one plugin go one at a time). */
    Optional<Plugin> findForUpdate(UUID orgId, UUID pluginId) {
        return sql.queryOne("SELECT " + COLUMNS + " FROM plugins WHERE org_id = ? AND id = ? FOR NO KEY UPDATE",
                PluginStore::plugin, orgId, pluginId);
    }

    /** The id of the plugin with this name (case-insensitively), if any. */
    Optional<UUID> idByName(UUID orgId, String name) {
        return sql.queryOne("SELECT id FROM plugins WHERE org_id = ? AND lower(name) = lower(?)",
                row -> Sql.uuid(row, "id"), orgId, name);
    }

    /** A plugin of a list, with its sort key (the lower-cased name, as the database lower-cases it). */
    record Listed(Plugin plugin, String sortKey) {
    }

    /** A page in name order (case-insensitive; names are unique that way), after {@code afterSortKey} if given. */
    List<Listed> list(UUID orgId, String afterSortKey, int fetch) {
        String select = "SELECT " + COLUMNS + ", lower(name) AS sort_key FROM plugins WHERE org_id = ? ";
        Sql.RowMapper<Listed> mapper = row -> new Listed(plugin(row), row.getString("sort_key"));
        if (afterSortKey == null) {
            return sql.query(select + "ORDER BY lower(name) LIMIT ?", mapper, orgId, fetch);
        }
        return sql.query(select + "AND lower(name) > ? ORDER BY lower(name) LIMIT ?", mapper, orgId, afterSortKey, fetch);
    }

    void insert(Plugin plugin) {
        sql.update("INSERT INTO plugins (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)", plugin.orgId(), plugin.id(),
                plugin.name(), plugin.description(), plugin.defaultState().wire(), plugin.createdAt(), plugin.updatedAt());
    }

    void update(Plugin plugin) {
        sql.update("UPDATE plugins SET name = ?, description = ?, default_state = ?, updated_at = ? WHERE org_id = ? AND id = ?",
                plugin.name(), plugin.description(), plugin.defaultState().wire(), plugin.updatedAt(), plugin.orgId(),
                plugin.id());
    }

    /** Deletes the plugin; its overrides go with it (foreign key cascade). */
    void delete(UUID orgId, UUID pluginId) {
        sql.update("DELETE FROM plugins WHERE org_id = ? AND id = ?", orgId, pluginId);
    }

    /** The overrides of one plugin, in group-id order. */
    List<PluginOverride> overrides(UUID orgId, UUID pluginId) {
        return sql.query("SELECT group_id, state FROM plugin_group_overrides WHERE org_id = ? AND plugin_id = ? ORDER BY group_id",
                PluginStore::override, orgId, pluginId);
    }

    /** The overrides of several plugins at once (one query for a whole page). */
    Map<UUID, List<PluginOverride>> overrides(UUID orgId, List<UUID> pluginIds) {
        Map<UUID, List<PluginOverride>> byPlugin = new LinkedHashMap<>();
        pluginIds.forEach(id -> byPlugin.put(id, new java.util.ArrayList<>()));
        if (pluginIds.isEmpty()) {
            return byPlugin;
        }
        sql.query("""
                SELECT plugin_id, group_id, state FROM plugin_group_overrides
                WHERE org_id = ? AND plugin_id = ANY(?::uuid[]) ORDER BY plugin_id, group_id""",
                row -> byPlugin.get(Sql.uuid(row, "plugin_id")).add(override(row)), orgId, pluginIds);
        return byPlugin;
    }

    Optional<PluginState> overrideState(UUID orgId, UUID pluginId, UUID groupId) {
        return sql.queryOne("SELECT state FROM plugin_group_overrides WHERE org_id = ? AND plugin_id = ? AND group_id = ?",
                row -> PluginState.fromWire(row.getString(1)).orElseThrow(), orgId, pluginId, groupId);
    }

    void upsertOverride(UUID orgId, UUID pluginId, UUID groupId, PluginState state, Instant at) {
        sql.update("""
                INSERT INTO plugin_group_overrides (org_id, plugin_id, group_id, state, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (org_id, plugin_id, group_id) DO UPDATE SET state = EXCLUDED.state, updated_at = EXCLUDED.updated_at""",
                orgId, pluginId, groupId, state.wire(), at, at);
    }

    boolean deleteOverride(UUID orgId, UUID pluginId, UUID groupId) {
        return sql.update("DELETE FROM plugin_group_overrides WHERE org_id = ? AND plugin_id = ? AND group_id = ?",
                orgId, pluginId, groupId) > 0;
    }

    private static Plugin plugin(ResultSet row) throws SQLException {
        return new Plugin(Sql.uuid(row, "org_id"), Sql.uuid(row, "id"), row.getString("name"), row.getString("description"),
                PluginState.fromWire(row.getString("default_state")).orElseThrow(), Sql.instant(row, "created_at"),
                Sql.instant(row, "updated_at"));
    }

    private static PluginOverride override(ResultSet row) throws SQLException {
        return new PluginOverride(Sql.uuid(row, "group_id"), PluginState.fromWire(row.getString("state")).orElseThrow());
    }
}
