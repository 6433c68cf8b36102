package dev.roster.scim.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.Path;
import com.unboundid.scim2.common.exceptions.BadRequestException;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code attributes} / {@code excludedAttributes} parameters (RFC 7644 §3.9), applied to a
 * resource's JSON. {@code id} and {@code schemas} are always returned. The query side asks
 * {@link #wants(String)} so that an excluded attribute (a group's members) is never even loaded.
 */
public record AttributeSelection(List<Path> attributes, List<Path> excluded) {

    public static final AttributeSelection ALL = new AttributeSelection(List.of(), List.of());

    public static AttributeSelection of(String attributes, String excludedAttributes) {
        return new AttributeSelection(parse(attributes, "attributes"), parse(excludedAttributes, "excludedAttributes"));
    }

    /** Whether the top-level attribute (e.g. {@code members}) is part of the answer. */
    public boolean wants(String attribute) {
        if (!attributes.isEmpty()) {
            return attributes.stream().anyMatch(p -> p.size() > 0 && p.getElement(0).getAttribute().equalsIgnoreCase(attribute));
        }
        return excluded.stream().noneMatch(p -> p.size() == 1 && p.getSchemaUrn() == null
                && p.getElement(0).getAttribute().equalsIgnoreCase(attribute));
    }

    public ObjectNode apply(ObjectNode resource) {
        if (!attributes.isEmpty()) {
            ObjectNode out = resource.objectNode();
            out.set("schemas", resource.get("schemas"));
            out.set("id", resource.get("id"));
            for (Path path : attributes) {
                copy(resource, out, path);
            }
            return out;
        }
        for (Path path : excluded) {
            remove(resource, path);
        }
        return resource;
    }

    private static void copy(ObjectNode from, ObjectNode to, Path path) {
        ObjectNode source = container(from, path);
        if (source == null || path.size() == 0) {
            return;
        }
        ObjectNode target = path.getSchemaUrn() != null && !isCore(path) ? to.withObject("/" + key(from, path.getSchemaUrn())) : to;
        String name = key(source, path.getElement(0).getAttribute());
        JsonNode value = source.get(name);
        if (value == null) {
            return;
        }
        if (path.size() == 1) {
            target.set(name, value);
            return;
        }
        String sub = path.getElement(1).getAttribute();
        if (value.isObject()) {
            String subName = key((ObjectNode) value, sub);
            if (value.has(subName)) {
                ((ObjectNode) target.withObject("/" + name)).set(subName, value.get(subName));
            }
        } else if (value.isArray()) {
            for (JsonNode element : value) {
                if (element.isObject()) {
                    String subName = key((ObjectNode) element, sub);
                    if (element.has(subName)) {
                        ArrayNode array = target.get(name) instanceof ArrayNode existing ? existing : target.putArray(name);
                        array.addObject().set(subName, element.get(subName));
                    }
                }
            }
        }
    }

    private static void remove(ObjectNode resource, Path path) {
        ObjectNode source = container(resource, path);
        if (source == null || path.size() == 0) {
            return;
        }
        String name = key(source, path.getElement(0).getAttribute());
        if (name.equals("id") || name.equals("schemas")) {
            return;
        }
        if (path.size() == 1) {
            source.remove(name);
            return;
        }
        JsonNode value = source.get(name);
        String sub = path.getElement(1).getAttribute();
        if (value instanceof ObjectNode object) {
            object.remove(key(object, sub));
        } else if (value != null && value.isArray()) {
            for (JsonNode element : value) {
                if (element instanceof ObjectNode object) {
                    object.remove(key(object, sub));
                }
            }
        }
    }

    private static boolean isCore(Path path) {
        String urn = path.getSchemaUrn().toLowerCase(Locale.ROOT);
        return urn.equals(ScimSchemas.USER.toLowerCase(Locale.ROOT)) || urn.equals(ScimSchemas.GROUP.toLowerCase(Locale.ROOT));
    }

    /** The object holding the path's first attribute: the resource, or its extension object. */
    private static ObjectNode container(ObjectNode resource, Path path) {
        if (path.getSchemaUrn() == null || isCore(path)) {
            return resource;
        }
        JsonNode extension = resource.get(key(resource, path.getSchemaUrn()));
        if (path.size() == 0) {
            return null;
        }
        return extension instanceof ObjectNode object ? object : null;
    }

    /** The key as stored (canonical spelling) for a name given in any case. */
    private static String key(ObjectNode node, String name) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            String key = it.next().getKey();
            if (key.equalsIgnoreCase(name)) {
                return key;
            }
        }
        return name;
    }

    private static List<Path> parse(String list, String parameter) {
        List<Path> paths = new ArrayList<>();
        if (list == null || list.isBlank()) {
            return paths;
        }
        for (String item : list.split(",")) {
            String trimmed = item.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            // a filter inside an attribute name (attributes=emails[type eq "work"]) selects the attribute
            int bracket = trimmed.indexOf('[');
            String name = bracket > 0 ? trimmed.substring(0, bracket) + trimmed.substring(trimmed.indexOf(']', bracket) + 1) : trimmed;
            try {
                paths.add(Path.fromString(name));
            } catch (BadRequestException | RuntimeException e) {
                throw ScimError.invalidValue("Invalid attribute name '" + trimmed + "' in " + parameter);
            }
        }
        return paths;
    }
}
