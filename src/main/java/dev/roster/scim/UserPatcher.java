package dev.roster.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.Path;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import com.unboundid.scim2.common.exceptions.ScimException;
import com.unboundid.scim2.common.filters.Filter;
import com.unboundid.scim2.common.messages.PatchOpType;
import com.unboundid.scim2.common.messages.PatchOperation;
import dev.roster.scim.filter.LenientFilterSyntax;
import dev.roster.scim.schema.AttributeDefinition;
import dev.roster.scim.schema.ScimDocumentNormalizer;
import dev.roster.scim.schema.ScimError;
import dev.roster.scim.schema.ScimSchema;
import dev.roster.scim.schema.ScimSchemas;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Applies PATCH operations to a User document. Paths are put in their schema spelling first, path-less
 * values are split into one operation per attribute (so {@code "name.givenName"} and
 * {@code "urn:…:enterprise:2.0:User:manager"} keys reach their attribute instead of becoming literal
 * keys), a path naming the enterprise extension itself applies its value as the extension's attributes
 * as the path-less form does, the operations themselves are applied by the UnboundID SDK, and the result
 * is normalised against the schema again as a PUT would be. A null value unassigns the attribute, as a
 * remove does (RFC 7643 §2.5).
 */
final class UserPatcher {

    private final ScimSchema core;
    private final ScimSchema enterprise;

    UserPatcher(ScimSchemas schemas) {
        this.core = schemas.schema(ScimSchemas.USER);
        this.enterprise = schemas.schema(ScimSchemas.ENTERPRISE_USER);
    }

    ObjectNode apply(ObjectNode document, List<ScimPatchOperation> operations) {
        ObjectNode doc = document.deepCopy();
        for (ScimPatchOperation operation : operations) {
            if (operation.path() == null) {
                applyPathless(doc, operation);
            } else if (operation.path().equalsIgnoreCase(enterprise.id())) {
                applyToExtension(doc, operation.op(), operation.value());
            } else {
                applyAt(doc, operation.op(), canonical(parsePath(operation.path())), operation.value());
            }
        }
        return doc;
    }

    private void applyPathless(ObjectNode doc, ScimPatchOperation operation) {
        if (!operation.value().isObject()) {
            throw ScimError.invalidValue("An operation without 'path' needs an object 'value'");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = operation.value().fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String key = field.getKey();
            if (ScimDocumentNormalizer.isEnvelope(key)) {
                continue;
            }
            if (key.equalsIgnoreCase(enterprise.id())) {
                applyToExtension(doc, operation.op(), field.getValue());
            } else {
                applyAt(doc, operation.op(), canonical(parsePath(key)), field.getValue());
            }
        }
    }

    /** The enterprise extension as a whole: its attributes added or replaced one by one, or all removed. */
    private void applyToExtension(ObjectNode doc, PatchOpType op, JsonNode value) {
        if (op == PatchOpType.REMOVE) {
            doc.remove(enterprise.id());
            return;
        }
        if (!value.isObject()) {
            throw ScimError.invalidValue("The value for '" + enterprise.id() + "' must be an object of its attributes");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            applyAt(doc, op, canonical(parsePath(enterprise.id() + ":" + field.getKey())), field.getValue());
        }
    }

    private void applyAt(ObjectNode doc, PatchOpType op, Path path, JsonNode value) {
        try {
            if (op == PatchOpType.REMOVE || value == null || value.isNull()) {
                PatchOperation.remove(path).apply(doc);
            } else if (op == PatchOpType.ADD) {
                PatchOperation.add(path, value).apply(doc);
            } else {
                replace(doc, path, value);
            }
        } catch (IllegalArgumentException e) {
            throw ScimError.invalidValue("The value for '" + path + "' is empty");
        } catch (BadRequestException e) {
            throw new ScimError(400, e.getScimError().getScimType(), e.getMessage());
        } catch (ScimException e) {
            throw ScimError.invalidValue(e.getMessage());
        }
    }

    /**
     * Replace; on a value filter that matches nothing ({@code emails[type eq "work"].value} for a user
     * with no work email), adds the element the IdP describes, as Entra ID expects.
     */
    private static void replace(ObjectNode doc, Path path, JsonNode value) throws ScimException {
        try {
            PatchOperation.replace(path, value).apply(doc);
        } catch (BadRequestException e) {
            Filter filter = path.getElement(0).getValueFilter();
            if (!"noTarget".equals(e.getScimError().getScimType()) || filter == null || !filter.isComparisonFilter()
                    || filter.getAttributePath().size() != 1) {
                throw e;
            }
            ObjectNode element = doc.objectNode();
            element.set(filter.getAttributePath().getElement(0).getAttribute(), filter.getComparisonValue());
            if (path.size() == 2) {
                element.set(path.getElement(1).getAttribute(), value);
            } else if (value.isObject()) {
                element.setAll((ObjectNode) value);
            } else {
                throw e;
            }
            Path attribute = path.getSchemaUrn() == null ? Path.root() : Path.root(path.getSchemaUrn());
            PatchOperation.add(attribute.attribute(path.getElement(0).getAttribute()),
                    doc.arrayNode().add(element)).apply(doc);
        }
    }

    /** The path with attribute names in their schema spelling; unknown names are {@code invalidPath}. */
    private Path canonical(Path path) {
        ScimSchema schema = core;
        String urn = path.getSchemaUrn();
        if (urn != null && urn.equalsIgnoreCase(enterprise.id())) {
            schema = enterprise;
        } else if (urn != null && !urn.equalsIgnoreCase(core.id())) {
            throw ScimError.invalidPath("Unknown schema '" + urn + "' in path");
        }
        if (path.size() == 0 || path.size() > 2) {
            throw ScimError.invalidPath("Invalid path '" + path + "'");
        }
        Path.Element first = path.getElement(0);
        AttributeDefinition attribute = schema.attribute(first.getAttribute())
                .orElseThrow(() -> ScimError.invalidPath("Unknown attribute '" + first.getAttribute() + "' in path"));
        if (attribute.isReadOnly()) {
            throw ScimError.mutability("'" + attribute.name() + "' is read-only");
        }
        Path canonical = (schema == enterprise ? Path.root(enterprise.id()) : Path.root())
                .attribute(attribute.name(), first.getValueFilter());
        if (path.size() == 2) {
            String subName = path.getElement(1).getAttribute();
            AttributeDefinition sub = attribute.sub(subName)
                    .orElseThrow(() -> ScimError.invalidPath("Unknown sub-attribute '" + subName + "' of '" + attribute.name() + "'"));
            canonical = canonical.attribute(sub.name());
        }
        return canonical;
    }

    static Path parsePath(String text) {
        try {
            return Path.fromString(LenientFilterSyntax.quoteBareValues(text));
        } catch (BadRequestException | RuntimeException e) {
            throw ScimError.invalidPath("'" + text + "' is not an attribute path such as name.givenName,"
                    + " urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager or emails[type eq \"work\"].value");
        }
    }
}
