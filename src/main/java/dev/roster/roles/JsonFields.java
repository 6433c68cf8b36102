package dev.roster.roles;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.roster.common.DomainException;

import java.util.Iterator;
import java.util.Optional;
import java.util.Set;

/**
 * Reads admin-API request bodies taken as {@link JsonNode}, so that every wrong type or unknown field
 * is a {@code 400 validation_failed} naming the field (malformed JSON never gets this far: Jackson
 * refuses it and it becomes {@code 400 malformed_request}).
 */
public final class JsonFields {

    private JsonFields() {
    }

    /** The body as an object that has no fields but {@code allowed}. */
    public static ObjectNode object(JsonNode body, Set<String> allowed) {
        if (body == null || body.isMissingNode() || body.isNull()) {
            throw DomainException.invalid("body", "A JSON object body is required");
        }
        if (!(body instanceof ObjectNode object)) {
            throw DomainException.invalid("body", "The body must be a JSON object");
        }
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw DomainException.invalid(name, "Unknown field '" + name + "'; allowed fields: " + String.join(", ", allowed));
            }
        }
        return object;
    }

    /** A string field; absent or null gives empty. */
    public static Optional<String> text(ObjectNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw DomainException.invalid(field, field + " must be a string");
        }
        return Optional.of(value.asText());
    }

    public static String requiredText(ObjectNode body, String field) {
        return text(body, field).filter(s -> !s.isBlank())
                .orElseThrow(() -> DomainException.invalid(field, field + " is required"));
    }

    public static boolean requiredBoolean(ObjectNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            throw DomainException.invalid(field, field + " is required");
        }
        if (!value.isBoolean()) {
            throw DomainException.invalid(field, field + " must be true or false");
        }
        return value.booleanValue();
    }
}
