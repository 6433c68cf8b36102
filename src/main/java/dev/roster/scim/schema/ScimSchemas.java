package dev.roster.scim.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The SCIM schemas, resource types and service provider configuration, loaded from the JSON files in
 * {@code scim-schemas/} (packaged on the class path). They are the single source of truth: discovery
 * serves them, and validation and filtering read attribute definitions from them.
 */
@ApplicationScoped
public class ScimSchemas {

    public static final String USER = "urn:ietf:params:scim:schemas:core:2.0:User";
    public static final String ENTERPRISE_USER = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    public static final String GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";
    public static final String LIST_RESPONSE = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
    public static final String PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
    public static final String SEARCH_REQUEST = "urn:ietf:params:scim:api:messages:2.0:SearchRequest";

    /** RFC 7643 §3.1: attributes every resource has, though no schema document lists them. */
    private static final Map<String, AttributeDefinition> COMMON_ATTRIBUTES = Map.of(
            "id", new AttributeDefinition("id", "string", false, true, "readOnly", "always", "server", Map.of()),
            "externalid", new AttributeDefinition("externalId", "string", false, true, "readWrite", "default", "none", Map.of()),
            "meta", new AttributeDefinition("meta", "complex", false, true, "readOnly", "default", "none", Map.of()));

    private final Map<String, ScimSchema> byId = new LinkedHashMap<>();
    private final ArrayNode resourceTypes;
    private final ObjectNode serviceProviderConfig;

    public ScimSchemas(ObjectMapper json) {
        for (String file : List.of("User.json", "EnterpriseUser.json", "Group.json")) {
            ObjectNode document = (ObjectNode) read(json, file);
            Map<String, AttributeDefinition> attributes = attributes(document.path("attributes"));
            if (!file.startsWith("Enterprise")) {
                attributes.putAll(COMMON_ATTRIBUTES);
            }
            ScimSchema schema = new ScimSchema(document.path("id").asText(), document, attributes);
            byId.put(schema.id().toLowerCase(Locale.ROOT), schema);
        }
        resourceTypes = (ArrayNode) read(json, "ResourceTypes.json");
        serviceProviderConfig = (ObjectNode) read(json, "ServiceProviderConfig.json");
    }

    public ScimSchema schema(String id) {
        return find(id).orElseThrow(() -> new IllegalStateException("Unknown schema " + id));
    }

    public Optional<ScimSchema> find(String id) {
        return Optional.ofNullable(byId.get(id.toLowerCase(Locale.ROOT)));
    }

    public List<ScimSchema> all() {
        return List.copyOf(byId.values());
    }

    public ArrayNode resourceTypes() {
        return resourceTypes;
    }

    public ObjectNode serviceProviderConfig() {
        return serviceProviderConfig;
    }

    /** The server's page-size cap, as advertised in ServiceProviderConfig (filter.maxResults). */
    public int maxResults() {
        return serviceProviderConfig.path("filter").path("maxResults").asInt(500);
    }

    private static Map<String, AttributeDefinition> attributes(JsonNode list) {
        Map<String, AttributeDefinition> attributes = new LinkedHashMap<>();
        for (JsonNode node : list) {
            AttributeDefinition definition = new AttributeDefinition(
                    node.path("name").asText(),
                    node.path("type").asText("string"),
                    node.path("multiValued").asBoolean(false),
                    node.path("caseExact").asBoolean(false),
                    node.path("mutability").asText("readWrite"),
                    node.path("returned").asText("default"),
                    node.path("uniqueness").asText("none"),
                    attributes(node.path("subAttributes")));
            attributes.put(definition.name().toLowerCase(Locale.ROOT), definition);
        }
        return attributes;
    }

    private static JsonNode read(ObjectMapper json, String file) {
        try (InputStream in = ScimSchemas.class.getClassLoader().getResourceAsStream("scim-schemas/" + file)) {
            if (in == null) {
                throw new IllegalStateException("scim-schemas/" + file + " is missing from the class path");
            }
            return json.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read scim-schemas/" + file, e);
        }
    }
}
