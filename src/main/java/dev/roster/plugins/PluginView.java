package dev.roster.plugins;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A plugin as the admin API shows it: {@code {id, name, description, defaultState,
 * overrides:[{groupId, state}], createdAt, updatedAt}}. States are always our names, never the aliases.
 */
public record PluginView(UUID id, String name, String description, String defaultState,
                         List<OverrideView> overrides, Instant createdAt, Instant updatedAt) {

    public record OverrideView(UUID groupId, String state) {
    }

    static PluginView of(Plugin plugin, List<PluginOverride> overrides) {
        return new PluginView(plugin.id(), plugin.name(), plugin.description(), plugin.defaultState().wire(),
                overrides.stream().map(o -> new OverrideView(o.groupId(), o.state().wire())).toList(),
                plugin.createdAt(), plugin.updatedAt());
    }
}
