package dev.roster.plugins;

import com.fasterxml.jackson.databind.JsonNode;
import dev.roster.common.DomainException;

import java.util.Iterator;
import java.util.Optional;
import java.util.Set;

/**
 * Reads plugin request bodies field by field, so that every refusal names the field: a missing or
 * blank name, a name or description too long, an unknown state, a field of the wrong type, a field
 * this resource does not have. Read-only fields of the resource ({@code id}, timestamps) are ignored,
 * so a client may send back what it read.
 */
final class PluginRequests {

    static final int MAX_NAME_LENGTH = 255;
    static final int MAX_DESCRIPTION_LENGTH = 4000;

    private static final Set<String> WRITABLE = Set.of("name", "description", "defaultState");
    private static final Set<String> READ_ONLY = Set.of("id", "createdAt", "updatedAt");

    /** POST body: name required; description defaults to empty; defaultState to {@code available}. */
    record NewPlugin(String name, String description, PluginState defaultState) {
    }

    /** PATCH body: a field left out stays as it is. */
    record PluginChanges(Optional<String> name, Optional<String> description, Optional<PluginState> defaultState) {
    }

    private PluginRequests() {
    }

    static NewPlugin newPlugin(JsonNode body) {
        requireObject(body, WRITABLE);
        if (!body.has("name") || body.get("name").isNull()) {
            throw DomainException.invalid("name", "A plugin needs a name");
        }
        return new NewPlugin(name(body.get("name")),
                body.has("description") ? description(body.get("description")) : "",
                body.has("defaultState") ? state("defaultState", body.get("defaultState")) : PluginState.AVAILABLE);
    }

    static PluginChanges changes(JsonNode body) {
        requireObject(body, WRITABLE);
        return new PluginChanges(
                body.has("name") ? Optional.of(name(body.get("name"))) : Optional.empty(),
                body.has("description") ? Optional.of(description(body.get("description"))) : Optional.empty(),
                body.has("defaultState") ? Optional.of(state("defaultState", body.get("defaultState"))) : Optional.empty());
    }

    /** PUT body of an override: {@code {"state": …}}. */
    static PluginState overrideState(JsonNode body) {
        requireObject(body, Set.of("state"));
        if (!body.has("state")) {
            throw DomainException.invalid("state", "An override needs a state");
        }
        return state("state", body.get("state"));
    }

    private static void requireObject(JsonNode body, Set<String> writable) {
        if (body == null || body.isMissingNode() || body.isNull()) {
            throw DomainException.invalid(null, "A JSON object body is required");
        }
        if (!body.isObject()) {
            throw DomainException.invalid(null, "The body must be a JSON object");
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String field = names.next();
            if (!writable.contains(field) && !READ_ONLY.contains(field)) {
                String hint = "overrides".equals(field)
                        ? "; set a group's override with PUT /plugins/{id}/overrides/{groupId}" : "";
                throw DomainException.invalid(field, "Unknown field '" + field + "'; this body takes "
                        + String.join(", ", writable.stream().sorted().toList()) + hint);
            }
        }
    }

    private static String name(JsonNode node) {
        if (!node.isTextual() || node.asText().isBlank()) {
            throw DomainException.invalid("name", "name must be a non-empty string");
        }
        String name = node.asText().strip();
        if (name.length() > MAX_NAME_LENGTH) {
            throw DomainException.invalid("name", "A plugin name has at most " + MAX_NAME_LENGTH + " characters");
        }
        if (name.chars().anyMatch(Character::isISOControl)) {
            throw DomainException.invalid("name", "A plugin name cannot contain control characters");
        }
        return name;
    }

    private static String description(JsonNode node) {
        if (node.isNull()) {
            return "";
        }
        if (!node.isTextual()) {
            throw DomainException.invalid("description", "description must be a string");
        }
        if (node.asText().length() > MAX_DESCRIPTION_LENGTH) {
            throw DomainException.invalid("description", "A description has at most " + MAX_DESCRIPTION_LENGTH + " characters");
        }
        return node.asText();
    }

    private static PluginState state(String field, JsonNode node) {
        if (!node.isTextual()) {
            throw DomainException.invalid(field, field + " must be one of hidden, available, pre_installed, required");
        }
        return PluginState.parse(field, node.asText());
    }
}
