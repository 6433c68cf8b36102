package dev.roster.plugins;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.UUID;

/**
 * Why a member has a plugin's state: the org default ({@code {"type":"org_default"}}), or a group's
 * override ({@code {"type":"group","groupId":…}}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PluginSource(String type, UUID groupId) {

    public static final String ORG_DEFAULT = "org_default";
    public static final String GROUP = "group";

    static PluginSource of(UUID overridingGroupId) {
        return overridingGroupId == null ? new PluginSource(ORG_DEFAULT, null) : new PluginSource(GROUP, overridingGroupId);
    }
}
