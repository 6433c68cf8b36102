package dev.roster.access;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/** Admin-area levels: parsing the stored {@code admin_areas} JSON and writing the full wire map. */
public final class AdminLevels {

    private AdminLevels() {
    }

    /** The stored JSON object as levels; unknown areas or levels are ignored. */
    public static Map<AdminArea, AccessLevel> parse(ObjectMapper json, String text) {
        Map<AdminArea, AccessLevel> levels = new EnumMap<>(AdminArea.class);
        if (text == null) {
            return levels;
        }
        try {
            JsonNode node = json.readTree(text);
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                AdminArea.fromWire(entry.getKey()).ifPresent(area -> AccessLevel.fromWire(entry.getValue().asText())
                        .ifPresent(level -> levels.put(area, level)));
            }
            return levels;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("custom_roles.admin_areas is not JSON", e);
        }
    }

    /** Every area with its level ({@code none} included), in the areas' declared order. */
    public static Map<String, String> wire(Map<AdminArea, AccessLevel> levels) {
        Map<String, String> wire = new LinkedHashMap<>();
        for (AdminArea area : AdminArea.values()) {
            wire.put(area.wire(), levels.getOrDefault(area, AccessLevel.NONE).wire());
        }
        return wire;
    }
}
