package dev.roster.common;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * A JSON request body of the admin API, read field by field. Resources take the body as a
 * {@link JsonNode} (so that malformed JSON fails in Jackson and becomes {@code 400 malformed_request})
 * and read it through this class, so that a missing field, a wrong type or an unknown field becomes
 * {@code 400 validation_failed} naming the field, never a 500 or a silently ignored typo.
 *
 * <p>PATCH semantics: a field left out means "unchanged"; a field sent as {@code null} is refused
 * unless the field documents null as a value (e.g. "back to the default").
 */
public final class JsonBody {

    private final JsonNode node;

    private JsonBody(JsonNode node) {
        this.node = node;
    }

    /** The body, which must be a JSON object with no fields other than {@code allowed}. */
    public static JsonBody of(JsonNode node, String... allowed) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            throw DomainException.invalid("body", "A JSON object body is required");
        }
        if (!node.isObject()) {
            throw DomainException.invalid("body", "The body must be a JSON object");
        }
        Set<String> known = Set.of(allowed);
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                throw DomainException.invalid(name, "Unknown field '" + name + "'; expected one of " + String.join(", ", allowed));
            }
        }
        return new JsonBody(node);
    }

    public boolean has(String field) {
        return node.has(field);
    }

    /** A present, non-null JSON string (blank strings are left to the caller's rules). */
    public String requiredString(String field) {
        return stringIfPresent(field).orElseThrow(() -> DomainException.invalid(field, "'" + field + "' is required"));
    }

    /** The string if the field is present; present but null or not a string is refused. */
    public Optional<String> stringIfPresent(String field) {
        if (!node.has(field)) {
            return Optional.empty();
        }
        JsonNode value = node.get(field);
        if (!value.isTextual()) {
            throw DomainException.invalid(field, "'" + field + "' must be a string");
        }
        return Optional.of(value.textValue());
    }

    /** A list of ids; an absent field is an empty list. */
    public List<UUID> uuids(String field) {
        return uuidsIfPresent(field).orElse(List.of());
    }

    /** The ids if the field is present (duplicates collapsed, order kept); anything but an array of UUID strings is refused. */
    public Optional<List<UUID>> uuidsIfPresent(String field) {
        if (!node.has(field)) {
            return Optional.empty();
        }
        JsonNode value = node.get(field);
        if (!value.isArray()) {
            throw DomainException.invalid(field, "'" + field + "' must be an array of ids");
        }
        Set<UUID> ids = new LinkedHashSet<>();
        for (JsonNode element : value) {
            Optional<UUID> id = element.isTextual() ? Ids.parse(element.textValue()) : Optional.empty();
            if (id.isEmpty()) {
                throw DomainException.invalid(field, "'" + field + "' contains " + element + ", which is not an id (a UUID string)");
            }
            ids.add(id.get());
        }
        return Optional.of(new ArrayList<>(ids));
    }

    /** The raw value of a present field (possibly JSON null). */
    public Optional<JsonNode> nodeIfPresent(String field) {
        return Optional.ofNullable(node.get(field));
    }
}
