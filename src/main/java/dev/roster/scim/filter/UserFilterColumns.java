package dev.roster.scim.filter;

import com.unboundid.scim2.common.Path;
import dev.roster.scim.filter.FilterTarget.Type;
import dev.roster.scim.filter.FilterTarget.Value;
import dev.roster.scim.schema.AttributeDefinition;
import dev.roster.scim.schema.ScimError;
import dev.roster.scim.schema.ScimSchema;
import dev.roster.scim.schema.ScimSchemas;

import java.util.Locale;

/**
 * Where User attributes live for filtering and sorting, in a query over {@code members m}: userName,
 * displayName, externalId, active and meta in indexed columns; the rest in the scim_attributes jsonb;
 * groups through the membership table.
 */
public final class UserFilterColumns implements FilterColumns {

    private final ScimSchema core;
    private final ScimSchema enterprise;

    public UserFilterColumns(ScimSchemas schemas) {
        this.core = schemas.schema(ScimSchemas.USER);
        this.enterprise = schemas.schema(ScimSchemas.ENTERPRISE_USER);
    }

    @Override
    public FilterTarget resolve(Path path) {
        ScimSchema schema = schemaOf(path);
        String first = path.getElement(0).getAttribute();
        String sub = path.size() > 1 ? path.getElement(1).getAttribute() : null;
        if (path.size() > 2) {
            throw ScimError.invalidFilter("Attribute path too deep: '" + path + "'");
        }
        if (schema == core) {
            switch (first.toLowerCase(Locale.ROOT)) {
                case "id" -> {
                    return new Value("m.id", Type.UUID, true, false);
                }
                case "username" -> {
                    return new Value("m.user_name", Type.STRING, false, false);
                }
                case "displayname" -> {
                    return new Value("m.display_name", Type.STRING, false, false);
                }
                case "externalid" -> {
                    return new Value("m.external_id", Type.STRING, true, false);
                }
                case "active" -> {
                    return new Value("m.active", Type.BOOLEAN, true, false);
                }
                case "meta" -> {
                    return meta(sub, path);
                }
                case "groups" -> {
                    return groups(sub);
                }
                default -> {
                    // stored in jsonb, below
                }
            }
        }
        AttributeDefinition attribute = schema.attribute(first)
                .orElseThrow(() -> ScimError.invalidFilter("Unknown attribute '" + first + "' in filter"));
        String base = schema == core ? "m.scim_attributes" : "(m.scim_attributes -> '" + enterprise.id() + "')";
        if (attribute.multiValued()) {
            return jsonElements(base + " -> '" + attribute.name() + "'", attribute, sub);
        }
        if (attribute.isComplex()) {
            if (sub == null) {
                throw ScimError.invalidFilter("'" + attribute.name() + "' is complex: name a sub-attribute, e.g. "
                        + attribute.name() + "." + attribute.subList().get(0).name());
            }
            AttributeDefinition subAttribute = attribute.sub(sub)
                    .orElseThrow(() -> ScimError.invalidFilter("Unknown sub-attribute '" + sub + "' of '" + attribute.name() + "'"));
            return jsonValue("(" + base + " -> '" + attribute.name() + "' ->> '" + subAttribute.name() + "')", subAttribute);
        }
        if (sub != null) {
            throw ScimError.invalidFilter("'" + attribute.name() + "' has no sub-attributes");
        }
        return jsonValue("(" + base + " ->> '" + attribute.name() + "')", attribute);
    }

    @Override
    public boolean defines(Path path) {
        if (path.size() == 0) {
            return false;
        }
        String urn = path.getSchemaUrn();
        String first = path.getElement(0).getAttribute();
        if (urn != null && urn.equalsIgnoreCase(enterprise.id())) {
            return enterprise.attribute(first).isPresent();
        }
        return (urn == null || urn.equalsIgnoreCase(core.id())) && core.attribute(first).isPresent();
    }

    @Override
    public String sortExpression(Path path) {
        FilterTarget target = resolve(path);
        if (target instanceof Value value) {
            return value.type() == Type.STRING && !value.caseExact() ? "lower(" + value.sql() + ")" : value.sql();
        }
        String first = path.getElement(0).getAttribute();
        if (first.equalsIgnoreCase("emails")) {
            return "(m.email_values)[1]";
        }
        throw ScimError.invalidValue("Cannot sort by the multi-valued attribute '" + path + "'");
    }

    private ScimSchema schemaOf(Path path) {
        String urn = path.getSchemaUrn();
        if (urn == null || urn.equalsIgnoreCase(core.id())) {
            return core;
        }
        if (urn.equalsIgnoreCase(enterprise.id())) {
            return enterprise;
        }
        throw ScimError.invalidFilter("Unknown schema '" + urn + "' in filter");
    }

    private static Value meta(String sub, Path path) {
        if (sub == null) {
            throw ScimError.invalidFilter("Filter on a meta sub-attribute, e.g. meta.lastModified");
        }
        return switch (sub.toLowerCase(Locale.ROOT)) {
            case "created" -> new Value("m.created_at", Type.DATETIME, true, false);
            case "lastmodified" -> new Value("m.updated_at", Type.DATETIME, true, false);
            case "resourcetype" -> new Value("'User'", Type.STRING, false, false);
            default -> throw ScimError.invalidFilter("Cannot filter on '" + path + "'");
        };
    }

    private static Value jsonValue(String sql, AttributeDefinition attribute) {
        Type type = switch (attribute.type()) {
            case "boolean" -> Type.BOOLEAN;
            case "dateTime" -> Type.DATETIME;
            default -> Type.STRING;
        };
        return new Value(sql, type, attribute.caseExact(), true);
    }

    private static FilterTarget jsonElements(String array, AttributeDefinition attribute, String sub) {
        String elements = "jsonb_array_elements(CASE WHEN jsonb_typeof(" + array + ") = 'array' THEN " + array
                + " ELSE '[]'::jsonb END) AS e(v)";
        FilterTarget.Elements target = new FilterTarget.Elements(
                condition -> "EXISTS (SELECT 1 FROM " + elements + " WHERE " + condition + ")",
                name -> {
                    if (!attribute.isComplex()) {
                        return jsonValue("(e.v #>> '{}')", attribute);
                    }
                    AttributeDefinition subAttribute = attribute.sub(name).orElseThrow(() -> ScimError.invalidFilter(
                            "Unknown sub-attribute '" + name + "' of '" + attribute.name() + "'"));
                    return jsonValue("(e.v ->> '" + subAttribute.name() + "')", subAttribute);
                },
                "value",
                "COALESCE(jsonb_typeof(" + array + ") = 'array' AND jsonb_array_length(" + array + ") > 0, false)");
        if (sub == null) {
            return target;
        }
        // emails.value eq "x": one element's sub-attribute
        Value element = target.element().apply(sub);
        return new FilterTarget.Elements(target.exists(), name -> element, sub, target.exists().apply(
                "COALESCE(" + element.sql() + " <> '', false)"));
    }

    private static FilterTarget groups(String sub) {
        FilterTarget.Elements target = new FilterTarget.Elements(
                condition -> "EXISTS (SELECT 1 FROM group_members gm JOIN groups gg ON gg.org_id = gm.org_id AND gg.id = gm.group_id"
                        + " WHERE gm.org_id = m.org_id AND gm.member_id = m.id AND gg.source = 'scim' AND " + condition + ")",
                name -> switch (name.toLowerCase(Locale.ROOT)) {
                    case "value" -> new Value("gg.id", Type.UUID, true, false);
                    case "display" -> new Value("gg.display_name", Type.STRING, false, false);
                    case "type" -> new Value("'direct'", Type.STRING, false, false);
                    default -> throw ScimError.invalidFilter("Unknown sub-attribute '" + name + "' of 'groups'");
                },
                "value",
                "EXISTS (SELECT 1 FROM group_members gm JOIN groups gg ON gg.org_id = gm.org_id AND gg.id = gm.group_id"
                        + " WHERE gm.org_id = m.org_id AND gm.member_id = m.id AND gg.source = 'scim')");
        if (sub == null) {
            return target;
        }
        Value element = target.element().apply(sub);
        return new FilterTarget.Elements(target.exists(), name -> element, sub, target.present());
    }
}
