package dev.roster.roles;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A custom role as the admin API shows it (SPEC §9): the capabilities it grants and its admin-area
 * levels; an area left out of {@code adminAreas} is {@code none}.
 */
public record CustomRole(UUID id, String name, String description, List<String> capabilities,
                         Map<String, String> adminAreas) {
}
