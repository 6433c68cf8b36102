package dev.roster.plugins;

import java.util.UUID;

/** The answer of {@code PUT /plugins/{id}/overrides/{groupId}}: {@code {pluginId, groupId, state}}. */
public record PluginOverrideView(UUID pluginId, UUID groupId, String state) {
}
