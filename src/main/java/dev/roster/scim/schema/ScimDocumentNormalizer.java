package dev.roster.scim.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a resource body as an IdP sent it into its canonical form, checked against the schema files:
 * attribute names in their schema spelling (names are case-insensitive in SCIM), booleans sent as
 * strings ({@code "False"}) made booleans, a single value for a multi-valued attribute wrapped in an
 * array, a plain string for a complex attribute with a {@code value} (the enterprise {@code manager})
 * made {@code {"value": …}}, and read-only and write-only attributes ({@code id}, {@code meta},
 * {@code groups}, {@code password}) dropped. Anything the schemas do not define is refused.
 */
public final class ScimDocumentNormalizer {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ScimSchema core;
    private final List<ScimSchema> extensions;

    public ScimDocumentNormalizer(ScimSchema core, List<ScimSchema> extensions) {
        this.core = core;
        this.extensions = extensions;
    }

    public ObjectNode normalize(JsonNode input) {
        if (input == null || !input.isObject()) {
            throw ScimError.invalidSyntax("The resource must be a JSON object");
        }
        checkSchemas(input);
        ObjectNode out = NODES.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = input.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String key = field.getKey();
            if (isEnvelope(key)) {
                continue;
            }
            Optional<ScimSchema> extension = extension(key);
            if (extension.isPresent()) {
                ObjectNode normalized = normalizeAttributes(extension.get(), field.getValue(), key);
                if (!normalized.isEmpty()) {
                    out.set(extension.get().id(), normalized);
                }
                continue;
            }
            AttributeDefinition definition = core.attribute(key)
                    .orElseThrow(() -> ScimError.invalidSyntax("Unknown attribute '" + key + "' for schema " + core.id()));
            put(out, definition, normalizeValue(definition, field.getValue(), definition.name()));
        }
        return out;
    }

    /** Keys of the envelope, never stored: the server owns them. */
    public static boolean isEnvelope(String key) {
        return key.equalsIgnoreCase("schemas") || key.equalsIgnoreCase("id") || key.equalsIgnoreCase("meta");
    }

    Optional<ScimSchema> extension(String key) {
        return extensions.stream().filter(e -> e.id().equalsIgnoreCase(key)).findFirst();
    }

    private void checkSchemas(JsonNode input) {
        JsonNode schemas = field(input, "schemas");
        if (schemas == null || schemas.isNull()) {
            return; // liberal: some clients leave it out
        }
        if (!schemas.isArray()) {
            throw ScimError.invalidSyntax("'schemas' must be an array of schema URIs");
        }
        boolean hasCore = false;
        for (JsonNode schema : schemas) {
            hasCore |= schema.isTextual() && schema.asText().equalsIgnoreCase(core.id());
        }
        if (!hasCore) {
            throw ScimError.invalidValue("'schemas' must include " + core.id());
        }
    }

    ObjectNode normalizeAttributes(ScimSchema schema, JsonNode value, String where) {
        if (!value.isObject()) {
            throw ScimError.invalidValue("'" + where + "' must be an object");
        }
        ObjectNode out = NODES.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            AttributeDefinition definition = schema.attribute(field.getKey())
                    .orElseThrow(() -> ScimError.invalidSyntax("Unknown attribute '" + field.getKey() + "' for schema " + schema.id()));
            put(out, definition, normalizeValue(definition, field.getValue(), definition.name()));
        }
        return out;
    }

    /** The canonical value, or null when the attribute is to be left out (null, empty, not writable). */
    JsonNode normalizeValue(AttributeDefinition definition, JsonNode value, String where) {
        if (value == null || value.isNull() || definition.isReadOnly() || "writeOnly".equals(definition.mutability())) {
            return null;
        }
        if (definition.multiValued()) {
            ArrayNode out = NODES.arrayNode();
            if (value.isArray()) {
                for (JsonNode element : value) {
                    JsonNode normalized = normalizeSingle(definition, element, where);
                    if (normalized != null) {
                        out.add(normalized);
                    }
                }
            } else {
                JsonNode normalized = normalizeSingle(definition, value, where);
                if (normalized != null) {
                    out.add(normalized);
                }
            }
            return out.isEmpty() ? null : out;
        }
        if (value.isArray()) {
            throw ScimError.invalidValue("'" + where + "' is single-valued; an array was sent");
        }
        return normalizeSingle(definition, value, where);
    }

    private JsonNode normalizeSingle(AttributeDefinition definition, JsonNode value, String where) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (definition.isComplex()) {
            if (value.isObject()) {
                ObjectNode out = NODES.objectNode();
                for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = it.next();
                    AttributeDefinition sub = definition.sub(field.getKey()).orElseThrow(() -> ScimError.invalidSyntax(
                            "Unknown sub-attribute '" + field.getKey() + "' of '" + where + "'"));
                    if (sub.isReadOnly() && !"display".equals(sub.name())) {
                        continue;
                    }
                    put(out, sub, normalizeSingle(sub, field.getValue(), where + "." + sub.name()));
                }
                return out.isEmpty() ? null : out;
            }
            if (value.isValueNode() && definition.sub("value").isPresent()) {
                ObjectNode out = NODES.objectNode();
                out.set("value", normalizeSingle(definition.sub("value").get(), value, where + ".value"));
                return out;
            }
            throw ScimError.invalidValue("'" + where + "' must be an object");
        }
        return switch (definition.type()) {
            case "boolean" -> bool(value, where);
            case "integer" -> {
                if (value.isIntegralNumber()) {
                    yield value;
                }
                if (value.isTextual() && value.asText().matches("-?\\d{1,18}")) {
                    yield NODES.numberNode(Long.parseLong(value.asText()));
                }
                throw ScimError.invalidValue("'" + where + "' must be an integer");
            }
            case "decimal" -> {
                if (value.isNumber()) {
                    yield value;
                }
                throw ScimError.invalidValue("'" + where + "' must be a number");
            }
            case "dateTime" -> {
                if (value.isTextual()) {
                    try {
                        OffsetDateTime.parse(value.asText());
                        yield value;
                    } catch (DateTimeParseException e) {
                        // fall through to the error below
                    }
                }
                throw ScimError.invalidValue("'" + where + "' must be an xsd:dateTime such as 2026-11-26T10:00:00Z");
            }
            default -> {
                if (value.isTextual()) {
                    yield value;
                }
                if (value.isNumber() || value.isBoolean()) {
                    yield TextNode.valueOf(value.asText());
                }
                throw ScimError.invalidValue("'" + where + "' must be a string");
            }
        };
    }

    /** Booleans, and Entra ID's "True"/"False" strings. */
    public static BooleanNode bool(JsonNode value, String where) {
        if (value.isBoolean()) {
            return (BooleanNode) value;
        }
        if (value.isTextual()) {
            String text = value.asText().trim().toLowerCase(Locale.ROOT);
            if (text.equals("true") || text.equals("false")) {
                return BooleanNode.valueOf(text.equals("true"));
            }
        }
        throw ScimError.invalidValue("'" + where + "' must be a boolean");
    }

    private static void put(ObjectNode out, AttributeDefinition definition, JsonNode value) {
        if (value != null) {
            out.set(definition.name(), value);
        }
    }

    /** A field by case-insensitive name. */
    public static JsonNode field(JsonNode object, String name) {
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (field.getKey().equalsIgnoreCase(name)) {
                return field.getValue();
            }
        }
        return null;
    }
}
