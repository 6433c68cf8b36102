package dev.roster.plugins;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Effective plugin states (SPEC §5): one statement per question, whatever the number of plugins, groups
 * or members, reads each plugin's default with the overrides of the member's groups; {@link PluginPrecedence}
 * decides. A suspended member gets nothing: no entry at all.
 */
@ApplicationScoped
public class PluginStateResolver {

    private final PluginStore store;

    public PluginStateResolver(PluginStore store) {
        this.store = store;
    }

    /** Every plugin's state for the member, in plugin-name order; empty when suspended or unknown. */
    public List<EffectivePluginState> forMember(UUID orgId, UUID memberId) {
        return store.pluginsOfMember(orgId, memberId).stream().map(plugin -> {
            PluginPrecedence.Outcome outcome = PluginPrecedence.resolve(plugin.defaultState(), plugin.overrides());
            return new EffectivePluginState(plugin.pluginId(), plugin.name(), outcome.state().wire(), outcome.source());
        }).toList();
    }

    /** A member of a {@link #members} page, with its sort key (the lower-cased userName). */
    record Listed(PluginMemberState member, String sortKey) {
    }

    /**
     * The active members' states for one plugin, in userName order (case-insensitive; unique that way),
     * optionally only those with state {@code only}, after {@code afterSortKey}. One statement.
     */
    List<Listed> members(Plugin plugin, Optional<PluginState> only, Optional<String> afterSortKey, int fetch) {
        return store.membersOfPlugin(plugin, only, afterSortKey, fetch).stream().map(member -> {
            PluginPrecedence.Outcome outcome = PluginPrecedence.resolve(plugin.defaultState(), member.overrides());
            return new Listed(new PluginMemberState(member.memberId(), member.userName(), member.displayName(),
                    outcome.state().wire(), outcome.source()), member.sortKey());
        }).toList();
    }
}
