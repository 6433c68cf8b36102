package dev.roster.plugins;

import java.util.UUID;

/** A group's override of a plugin's state: the state the plugin has for that group's members. */
public record PluginOverride(UUID groupId, PluginState state) {
}
