package dev.roster.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.roster.common.Ids;
import dev.roster.groups.Group;
import dev.roster.scim.schema.ScimDocumentNormalizer;
import dev.roster.scim.schema.ScimError;
import dev.roster.scim.schema.ScimSchemas;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** The SCIM Group view of a group, and the member ids a Group document names. */
@ApplicationScoped
public class ScimGroups {

    private final ObjectMapper json;
    private final ScimDocumentNormalizer normalizer;

    public ScimGroups(ObjectMapper json, ScimSchemas schemas) {
        this.json = json;
        this.normalizer = new ScimDocumentNormalizer(schemas.schema(ScimSchemas.GROUP), List.of());
    }

    public ScimDocumentNormalizer normalizer() {
        return normalizer;
    }

    public ObjectNode resource(Group group, List<ScimGroupQueries.MemberRef> members, String baseUrl) {
        ObjectNode resource = json.createObjectNode();
        resource.putArray("schemas").add(ScimSchemas.GROUP);
        resource.put("id", group.id.toString());
        resource.put("displayName", group.displayName);
        if (group.externalId != null) {
            resource.put("externalId", group.externalId);
        }
        if (members != null && !members.isEmpty()) { // no values: omitted (RFC 7643 §2.5)
            ArrayNode array = resource.putArray("members");
            for (ScimGroupQueries.MemberRef member : members) {
                ObjectNode ref = array.addObject();
                ref.put("value", member.id().toString());
                ref.put("$ref", baseUrl + "/Users/" + member.id());
                ref.put("display", member.display());
                ref.put("type", "User");
            }
        }
        ETags.putMeta(resource, "Group", group.createdAt, group.updatedAt, baseUrl + "/Groups/" + group.id, group.version);
        return resource;
    }

    /**
     * The member ids in a {@code members} value: an array of {@code {"value": id}} (Entra adds
     * {@code "$ref": null}), or one such object. A value that is not a member id is refused.
     */
    public static Set<UUID> memberIds(JsonNode value) {
        Set<UUID> ids = new LinkedHashSet<>();
        if (value == null || value.isNull()) {
            return ids;
        }
        if (value.isArray()) {
            for (JsonNode element : value) {
                ids.add(memberId(element));
            }
        } else {
            ids.add(memberId(value));
        }
        return ids;
    }

    static UUID memberId(JsonNode element) {
        JsonNode value = element.isObject() ? ScimDocumentNormalizer.field(element, "value") : element;
        if (value == null || !value.isTextual()) {
            throw ScimError.invalidValue("Each member needs a 'value' with the user's id");
        }
        return Ids.parse(value.asText().trim())
                .orElseThrow(() -> ScimError.invalidValue("'" + value.asText() + "' is not the id of a user of this organization"));
    }
}
