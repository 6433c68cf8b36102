package dev.roster.plugins;

import java.time.Instant;
import java.util.UUID;

/** A plugin of an org's marketplace, as stored: name, description and the org-wide default state. */
public record Plugin(UUID orgId, UUID id, String name, String description, PluginState defaultState,
                    Instant createdAt, Instant updatedAt) {
}
