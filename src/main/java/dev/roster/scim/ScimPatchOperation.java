package dev.roster.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.unboundid.scim2.common.messages.PatchOpType;
import dev.roster.scim.schema.ScimDocumentNormalizer;
import dev.roster.scim.schema.ScimError;
import dev.roster.scim.schema.ScimSchemas;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One operation of a PATCH request (RFC 7644 §3.5.2), read liberally: {@code op} in any case (Entra ID
 * sends {@code "Replace"}), the {@code Operations} key in any case, {@code schemas} optional.
 */
public record ScimPatchOperation(PatchOpType op, String path, JsonNode value) {

    public static final int MAX_OPERATIONS = 1000;

    public static List<ScimPatchOperation> parse(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ScimError.invalidSyntax("A PATCH body must be a JSON object with 'Operations'");
        }
        JsonNode schemas = ScimDocumentNormalizer.field(body, "schemas");
        if (schemas != null && schemas.isArray() && !schemas.isEmpty()) {
            boolean patchOp = false;
            for (JsonNode schema : schemas) {
                patchOp |= schema.asText().equalsIgnoreCase(ScimSchemas.PATCH_OP);
            }
            if (!patchOp) {
                throw ScimError.invalidValue("'schemas' of a PATCH must be [\"" + ScimSchemas.PATCH_OP + "\"]");
            }
        }
        JsonNode operations = ScimDocumentNormalizer.field(body, "Operations");
        if (operations == null || !operations.isArray()) {
            throw ScimError.invalidSyntax("A PATCH body needs an 'Operations' array");
        }
        if (operations.isEmpty()) {
            throw ScimError.invalidValue("'Operations' is empty; a PATCH needs at least one operation (RFC 7644 §3.5.2)");
        }
        if (operations.size() > MAX_OPERATIONS) {
            throw new ScimError(400, "tooMany", "At most " + MAX_OPERATIONS + " operations per PATCH");
        }
        List<ScimPatchOperation> parsed = new ArrayList<>();
        for (JsonNode operation : operations) {
            if (!operation.isObject()) {
                throw ScimError.invalidSyntax("Each operation must be a JSON object");
            }
            JsonNode op = ScimDocumentNormalizer.field(operation, "op");
            if (op == null || !op.isTextual()) {
                throw ScimError.invalidSyntax("Each operation needs an 'op': add, replace or remove");
            }
            PatchOpType type = switch (op.asText().trim().toLowerCase(Locale.ROOT)) {
                case "add" -> PatchOpType.ADD;
                case "replace" -> PatchOpType.REPLACE;
                case "remove" -> PatchOpType.REMOVE;
                default -> throw ScimError.invalidSyntax("Unknown op '" + op.asText() + "': use add, replace or remove");
            };
            JsonNode path = ScimDocumentNormalizer.field(operation, "path");
            if (path != null && !path.isNull() && !path.isTextual()) {
                throw ScimError.invalidPath("'path' must be a string");
            }
            String pathText = path == null || path.isNull() || path.asText().isBlank() ? null : path.asText().trim();
            JsonNode value = ScimDocumentNormalizer.field(operation, "value");
            if (type != PatchOpType.REMOVE && (value == null || value.isNull())) {
                throw ScimError.invalidValue("'" + op.asText() + "' needs a 'value'");
            }
            if (type == PatchOpType.REMOVE && pathText == null && (value == null || value.isNull())) {
                throw ScimError.noTarget("'remove' needs a 'path'");
            }
            parsed.add(new ScimPatchOperation(type, pathText, value));
        }
        return parsed;
    }
}
