package dev.roster.scim.schema;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One attribute of a SCIM schema (RFC 7643 §7), as read from the files in {@code scim-schemas/}.
 * Sub-attributes are looked up case-insensitively, as attribute names are in SCIM.
 */
public record AttributeDefinition(String name, String type, boolean multiValued, boolean caseExact,
                                  String mutability, String returned, String uniqueness,
                                  Map<String, AttributeDefinition> subAttributes) {

    public boolean isComplex() {
        return "complex".equals(type);
    }

    public boolean isReadOnly() {
        return "readOnly".equals(mutability);
    }

    public boolean neverReturned() {
        return "never".equals(returned);
    }

    public Optional<AttributeDefinition> sub(String name) {
        return Optional.ofNullable(subAttributes.get(name.toLowerCase(Locale.ROOT)));
    }

    public List<AttributeDefinition> subList() {
        return List.copyOf(subAttributes.values());
    }
}
