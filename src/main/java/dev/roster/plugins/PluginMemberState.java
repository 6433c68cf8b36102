package dev.roster.plugins;

import java.util.UUID;

/**
 * One member's state for one plugin, with its source: an item of {@code GET /plugins/{id}/members},
 * what an admin checks before rolling a plugin out.
 */
public record PluginMemberState(UUID memberId, String userName, String displayName, String state, PluginSource source) {
}
