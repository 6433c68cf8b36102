package dev.roster.scim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.roster.scim.schema.ScimError;
import dev.roster.scim.schema.ScimMediaType;
import dev.roster.scim.schema.ScimSchemas;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import java.io.UncheckedIOException;
import java.util.List;

/** Reading request bodies and writing {@code application/scim+json} responses. */
@ApplicationScoped
public class ScimJson {

    public static final int MAX_BODY_CHARS = 1_000_000;

    private final ObjectMapper json;

    public ScimJson(ObjectMapper json) {
        this.json = json;
    }

    public JsonNode read(String body) {
        if (body == null || body.isBlank()) {
            throw ScimError.invalidSyntax("The request has no body");
        }
        if (body.length() > MAX_BODY_CHARS) {
            throw new ScimError(413, null, "The request body is larger than " + MAX_BODY_CHARS + " characters");
        }
        try {
            return json.readTree(body);
        } catch (JsonProcessingException e) {
            throw ScimError.invalidSyntax("The request body is not valid JSON: " + e.getOriginalMessage());
        }
    }

    public Response.ResponseBuilder ok(JsonNode body) {
        return Response.ok(write(body), ScimMediaType.SCIM_JSON);
    }

    public Response.ResponseBuilder status(int status, JsonNode body) {
        return Response.status(status).type(ScimMediaType.SCIM_JSON).entity(write(body));
    }

    public ObjectNode listResponse(List<ObjectNode> resources, long total, int startIndex) {
        ObjectNode list = json.createObjectNode();
        list.putArray("schemas").add(ScimSchemas.LIST_RESPONSE);
        list.put("totalResults", total);
        list.put("itemsPerPage", resources.size());
        list.put("startIndex", startIndex);
        ArrayNode array = list.putArray("Resources");
        resources.forEach(array::add);
        return list;
    }

    public ObjectNode object() {
        return json.createObjectNode();
    }

    private byte[] write(JsonNode body) {
        try {
            return json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
