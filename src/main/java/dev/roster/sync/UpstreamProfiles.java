package dev.roster.sync;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.roster.common.DomainException;
import dev.roster.members.MemberProfile;
import dev.roster.scim.ScimUsers;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns an upstream SCIM User into the profile of the member a run creates, through the same schema
 * normalisation as a SCIM push (so a synced member looks like a pushed one). The member's externalId is
 * the upstream id. Attributes Roster's schemas do not define (vendor extensions) are dropped one by one
 * rather than refusing the person.
 */
@ApplicationScoped
public class UpstreamProfiles {

    static final int MAX_USER_NAME_LENGTH = 320;
    /** Server-owned or not stored: never copied from the upstream. */
    private static final Set<String> DROPPED = Set.of("id", "meta", "schemas", "groups", "password", "externalid");

    private final ScimUsers users;
    private final ObjectMapper json;

    public UpstreamProfiles(ScimUsers users, ObjectMapper json) {
        this.users = users;
        this.json = json;
    }

    public MemberProfile profile(String upstreamId, String documentJson) {
        ObjectNode doc = parse(documentJson);
        for (Iterator<Map.Entry<String, JsonNode>> fields = doc.fields(); fields.hasNext(); ) {
            if (DROPPED.contains(fields.next().getKey().toLowerCase(Locale.ROOT))) {
                fields.remove();
            }
        }
        JsonNode userName = field(doc, "userName");
        if (userName == null || !userName.isTextual() || userName.textValue().isBlank()) {
            throw DomainException.invalid("userName", "The upstream user " + upstreamId + " has no userName");
        }
        if (userName.textValue().length() > MAX_USER_NAME_LENGTH) {
            throw DomainException.invalid("userName", "The upstream user " + upstreamId + " has a userName longer than "
                    + MAX_USER_NAME_LENGTH + " characters");
        }
        doc.put("externalId", upstreamId);
        try {
            return users.profile(users.normalizer().normalize(doc));
        } catch (RuntimeException unknownAttributes) {
            return users.profile(users.normalizer().normalize(keepNormalizable(doc)));
        }
    }

    /** The attributes that normalise on their own, next to userName and externalId. */
    private ObjectNode keepNormalizable(ObjectNode doc) {
        ObjectNode kept = json.createObjectNode();
        kept.set("userName", field(doc, "userName"));
        kept.set("externalId", doc.get("externalId"));
        doc.fields().forEachRemaining(field -> {
            if (kept.has(field.getKey()) || field.getKey().equalsIgnoreCase("userName")) {
                return;
            }
            ObjectNode probe = kept.deepCopy();
            probe.set(field.getKey(), field.getValue());
            try {
                users.normalizer().normalize(probe);
                kept.set(field.getKey(), field.getValue());
            } catch (RuntimeException refused) {
                // an attribute Roster does not store
            }
        });
        return kept;
    }

    private ObjectNode parse(String documentJson) {
        try {
            JsonNode node = json.readTree(documentJson);
            if (node instanceof ObjectNode object) {
                return object;
            }
        } catch (JsonProcessingException e) {
            // staged by this server from a parsed resource: cannot happen
        }
        throw new IllegalStateException("A staged upstream user is not a JSON object");
    }

    private static JsonNode field(ObjectNode doc, String name) {
        for (Iterator<Map.Entry<String, JsonNode>> fields = doc.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getKey().equalsIgnoreCase(name)) {
                return field.getValue();
            }
        }
        return null;
    }
}
