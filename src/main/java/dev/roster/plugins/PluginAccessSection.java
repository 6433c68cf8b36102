package dev.roster.plugins;

import dev.roster.access.explain.AccessSection;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/**
 * The {@code plugins} part of {@code /members/{id}/access}: every plugin's effective state for the
 * member with its source, {@code [{pluginId, name, state, source:{type, groupId?}}]}. A suspended
 * member gets an empty list (no plugin is shown, installed or required for them).
 */
@ApplicationScoped
public class PluginAccessSection implements AccessSection {

    private final PluginStateResolver resolver;

    public PluginAccessSection(PluginStateResolver resolver) {
        this.resolver = resolver;
    }

    @Override
    public String name() {
        return "plugins";
    }

    @Override
    public Object describe(UUID orgId, UUID memberId) {
        return resolver.forMember(orgId, memberId);
    }
}
