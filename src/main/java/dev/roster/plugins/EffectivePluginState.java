package dev.roster.plugins;

import java.util.UUID;

/**
 * One plugin's state for one member, with its source: an entry of {@code plugins} in
 * {@code /members/{id}/access}: {@code {pluginId, name, state, source}}.
 */
public record EffectivePluginState(UUID pluginId, String name, String state, PluginSource source) {
}
