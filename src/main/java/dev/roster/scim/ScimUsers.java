package dev.roster.scim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.roster.members.Member;
import dev.roster.members.MemberProfile;
import dev.roster.scim.schema.ScimDocumentNormalizer;
import dev.roster.scim.schema.ScimError;
import dev.roster.scim.schema.ScimSchemas;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The SCIM User view of a member, both ways: a member's row as a User resource, and a canonical User
 * document as the {@link MemberProfile} the domain stores.
 */
@ApplicationScoped
public class ScimUsers {

    /** Attributes kept in their own columns rather than in scim_attributes. */
    private static final List<String> COLUMNS = List.of("userName", "displayName", "externalId", "active");

    private final ObjectMapper json;
    private final ScimDocumentNormalizer normalizer;

    public ScimUsers(ObjectMapper json, ScimSchemas schemas) {
        this.json = json;
        this.normalizer = new ScimDocumentNormalizer(schemas.schema(ScimSchemas.USER),
                List.of(schemas.schema(ScimSchemas.ENTERPRISE_USER)));
    }

    public ScimDocumentNormalizer normalizer() {
        return normalizer;
    }

    /** The canonical document stored for a member (no envelope: no schemas, id, meta, groups). */
    public ObjectNode document(Member member) {
        ObjectNode doc = json.createObjectNode();
        doc.put("userName", member.userName);
        if (member.displayName != null) {
            doc.put("displayName", member.displayName);
        }
        if (member.externalId != null) {
            doc.put("externalId", member.externalId);
        }
        doc.put("active", member.active);
        try {
            JsonNode attributes = json.readTree(member.scimAttributes == null ? "{}" : member.scimAttributes);
            attributes.fields().forEachRemaining(field -> doc.set(field.getKey(), field.getValue()));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        return doc;
    }

    /** The full User resource as served: envelope, document, groups and meta. */
    public ObjectNode resource(Member member, List<ScimGroupRef> groups, String baseUrl) {
        ObjectNode doc = document(member);
        ObjectNode resource = json.createObjectNode();
        ArrayNode schemas = resource.putArray("schemas").add(ScimSchemas.USER);
        if (doc.has(ScimSchemas.ENTERPRISE_USER)) {
            schemas.add(ScimSchemas.ENTERPRISE_USER);
        }
        resource.put("id", member.id.toString());
        resource.setAll(doc);
        if (groups != null && !groups.isEmpty()) { // no values: omitted (RFC 7643 §2.5)
            ArrayNode groupArray = resource.putArray("groups");
            for (ScimGroupRef group : groups) {
                ObjectNode ref = groupArray.addObject();
                ref.put("value", group.id().toString());
                ref.put("$ref", baseUrl + "/Groups/" + group.id());
                ref.put("display", group.displayName());
                ref.put("type", "direct");
            }
        }
        ETags.putMeta(resource, "User", member.createdAt, member.updatedAt, baseUrl + "/Users/" + member.id, member.version);
        return resource;
    }

    /** A canonical document as what the domain stores about the member. */
    public MemberProfile profile(ObjectNode doc) {
        JsonNode userName = doc.get("userName");
        if (userName == null || !userName.isTextual() || userName.asText().isBlank()) {
            throw ScimError.invalidValue("userName is required");
        }
        ObjectNode attributes = doc.deepCopy();
        COLUMNS.forEach(attributes::remove);
        List<String> emails = new ArrayList<>();
        JsonNode emailArray = doc.get("emails");
        if (emailArray != null) {
            for (JsonNode email : emailArray) {
                if (email.hasNonNull("value")) {
                    emails.add(email.get("value").asText());
                }
            }
        }
        try {
            return new MemberProfile(userName.asText(), text(doc, "displayName"), text(doc, "externalId"),
                    !doc.has("active") || doc.get("active").asBoolean(), json.writeValueAsString(attributes), emails);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String text(ObjectNode doc, String name) {
        JsonNode value = doc.get(name);
        return value == null || value.isNull() ? null : value.asText();
    }
}
