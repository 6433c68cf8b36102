package dev.roster.access;

import com.fasterxml.jackson.databind.JsonNode;
import dev.roster.common.DomainException;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A level in each admin area ({@code none} where not given): what a built-in role, a custom role, an API
 * key or a caller holds. Immutable.
 */
public final class AdminRights {

    private static final AdminRights NONE = new AdminRights(new EnumMap<>(AdminArea.class));

    private final Map<AdminArea, AccessLevel> levels;

    private AdminRights(Map<AdminArea, AccessLevel> levels) {
        this.levels = levels;
    }

    public static AdminRights none() {
        return NONE;
    }

    /** Every area at {@code level}. */
    public static AdminRights all(AccessLevel level) {
        Map<AdminArea, AccessLevel> levels = new EnumMap<>(AdminArea.class);
        for (AdminArea area : AdminArea.values()) {
            levels.put(area, level);
        }
        return new AdminRights(levels);
    }

    public static AdminRights of(Map<AdminArea, AccessLevel> levels) {
        return levels.isEmpty() ? NONE : new AdminRights(new EnumMap<>(levels));
    }

    /**
     * The stored form ({@code custom_roles.admin_areas}, {@code api_keys.admin_areas}): a JSON object of
     * area → level. Areas or levels this version does not know are ignored.
     */
    public static AdminRights fromStored(JsonNode stored) {
        Map<AdminArea, AccessLevel> levels = new EnumMap<>(AdminArea.class);
        if (stored != null && stored.isObject()) {
            stored.fields().forEachRemaining(entry -> AdminArea.fromWire(entry.getKey())
                    .ifPresent(area -> AccessLevel.fromWire(entry.getValue().asText())
                            .ifPresent(level -> levels.put(area, level))));
        }
        return of(levels);
    }

    /**
     * Levels as a request gives them ({@code {"billing":"view"}}); an unknown area or level is
     * {@code 400 validation_failed} naming {@code field.area}. A null map is no levels.
     */
    public static AdminRights fromRequest(Map<String, String> requested, String field) {
        Map<AdminArea, AccessLevel> levels = new EnumMap<>(AdminArea.class);
        if (requested == null) {
            return NONE;
        }
        requested.forEach((areaName, levelName) -> {
            AdminArea area = AdminArea.fromWire(areaName).orElseThrow(() -> DomainException.invalid(field + "." + areaName,
                    "Unknown admin area '" + areaName + "'; the areas are: " + String.join(", ",
                            Arrays.stream(AdminArea.values()).map(AdminArea::wire).toList())));
            AccessLevel level = AccessLevel.fromWire(levelName).orElseThrow(() -> DomainException.invalid(
                    field + "." + areaName, "Unknown level '" + levelName + "' for " + areaName
                            + "; levels are none, view, manage"));
            levels.put(area, level);
        });
        return of(levels);
    }

    public AccessLevel level(AdminArea area) {
        return levels.getOrDefault(area, AccessLevel.NONE);
    }

    /** The higher level of the two in every area (a member's custom roles add up this way). */
    public AdminRights max(AdminRights other) {
        Map<AdminArea, AccessLevel> merged = new EnumMap<>(AdminArea.class);
        for (AdminArea area : AdminArea.values()) {
            merged.put(area, AccessLevel.max(level(area), other.level(area)));
        }
        return new AdminRights(merged);
    }

    /** The lower level of the two in every area (an API key is capped by its creator). */
    public AdminRights min(AdminRights other) {
        Map<AdminArea, AccessLevel> lowered = new EnumMap<>(AdminArea.class);
        for (AdminArea area : AdminArea.values()) {
            AccessLevel mine = level(area);
            AccessLevel theirs = other.level(area);
            lowered.put(area, mine.atLeast(theirs) ? theirs : mine);
        }
        return new AdminRights(lowered);
    }

    /** The first area in which these rights go above {@code holder}'s, if any. */
    public Optional<AdminArea> firstAbove(AdminRights holder) {
        for (AdminArea area : AdminArea.values()) {
            if (!holder.level(area).atLeast(level(area))) {
                return Optional.of(area);
            }
        }
        return Optional.empty();
    }

    /** Every area with its level, {@code none} included, in the areas' declared order. */
    public Map<String, String> wire() {
        Map<String, String> wire = new LinkedHashMap<>();
        for (AdminArea area : AdminArea.values()) {
            wire.put(area.wire(), level(area).wire());
        }
        return wire;
    }

    /** Only the areas above {@code none}: the stored form. */
    public Map<String, String> granted() {
        Map<String, String> granted = new LinkedHashMap<>();
        for (AdminArea area : AdminArea.values()) {
            if (level(area) != AccessLevel.NONE) {
                granted.put(area.wire(), level(area).wire());
            }
        }
        return granted;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AdminRights rights && wire().equals(rights.wire());
    }

    @Override
    public int hashCode() {
        return wire().hashCode();
    }

    @Override
    public String toString() {
        return granted().toString();
    }
}
