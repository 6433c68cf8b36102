package dev.roster.plugins;

import java.util.List;

/**
 * Which state of a plugin a member gets (SPEC §5), from the overrides of the groups they are in:
 * <ul>
 *   <li>at least one of their groups overrides the plugin: the <em>strongest</em> of those overrides
 *       (required &gt; pre_installed &gt; available &gt; hidden, {@link PluginState}'s order), from the
 *       group that sets it; among groups that set the same strongest state, the first in group order
 *       (by name case-insensitively, then by id, as the store lists them);</li>
 *   <li>none of their groups overrides it: the plugin's org default.</li>
 * </ul>
 * Strongest presence wins so that a plugin an admin made required for a team stays required for a
 * member of that team who is also in a group that hides it. (Suspended members get no state at all;
 * that is the store's filter, not a precedence.)
 */
public final class PluginPrecedence {

    /** A member's state of one plugin and where it comes from. */
    public record Outcome(PluginState state, PluginSource source) {
    }

    private PluginPrecedence() {
    }

    /** @param overrides the overrides of the member's groups for this plugin, in group order */
    public static Outcome resolve(PluginState orgDefault, List<PluginOverride> overrides) {
        PluginOverride strongest = null;
        for (PluginOverride override : overrides) {
            if (strongest == null || override.state().compareTo(strongest.state()) > 0) {
                strongest = override;
            }
        }
        return strongest == null ? new Outcome(orgDefault, PluginSource.of(null))
                : new Outcome(strongest.state(), PluginSource.of(strongest.groupId()));
    }
}
