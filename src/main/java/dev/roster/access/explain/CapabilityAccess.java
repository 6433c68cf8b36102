package dev.roster.access.explain;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * One capability of a member's effective access: granted or not, every source that grants it, and,
 * when a source exists but the capability is still withheld, what blocks it ({@code org_disabled} or
 * {@code inactive}). No sources and no {@code blockedBy}: nothing grants it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CapabilityAccess(String key, boolean granted, List<CapabilitySource> sources, String blockedBy) {

    public static final String ORG_DISABLED = "org_disabled";
    public static final String INACTIVE = "inactive";
}
