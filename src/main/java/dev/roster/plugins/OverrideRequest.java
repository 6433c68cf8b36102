package dev.roster.plugins;

import jakarta.validation.constraints.NotNull;

/** {@code PUT /plugins/{id}/overrides/{groupId}}: {@code {"state": …}}. */
public record OverrideRequest(@NotNull(message = "is required: an override needs a state") PluginState state) {
}
