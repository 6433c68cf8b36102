package dev.roster.scim.schema;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** A schema document (its JSON, as served by /Schemas) and its attributes by lower-cased name. */
public record ScimSchema(String id, ObjectNode document, Map<String, AttributeDefinition> attributes) {

    public Optional<AttributeDefinition> attribute(String name) {
        return Optional.ofNullable(attributes.get(name.toLowerCase(Locale.ROOT)));
    }
}
