package dev.roster.access.explain;

import java.util.List;
import java.util.Map;

/** A member's effective capabilities (catalog order) and admin-area levels (every area, none included). */
public record Permissions(List<CapabilityAccess> capabilities, Map<String, String> adminAreas) {
}
