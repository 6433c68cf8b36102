package dev.roster.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.roster.scim.schema.ScimError;
import dev.roster.scim.schema.ScimMediaType;
import dev.roster.scim.schema.ScimSchemas;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.ArrayList;
import java.util.List;

/**
 * Discovery (RFC 7644 §4): served from the files in {@code scim-schemas/}, with locations made absolute.
 */
@Path("/scim/v2")
@Produces({ScimMediaType.SCIM_JSON, "application/json"})
@Tag(name = "SCIM discovery")
public class ScimDiscoveryResource {

    private final ScimSchemas schemas;
    private final ScimJson json;

    public ScimDiscoveryResource(ScimSchemas schemas, ScimJson json) {
        this.schemas = schemas;
        this.json = json;
    }

    @GET
    @Path("ServiceProviderConfig")
    public Response serviceProviderConfig(@Context UriInfo uri) {
        return json.ok(located(schemas.serviceProviderConfig(), uri)).build();
    }

    @GET
    @Path("ResourceTypes")
    public Response resourceTypes(@Context UriInfo uri) {
        List<ObjectNode> types = new ArrayList<>();
        schemas.resourceTypes().forEach(type -> types.add(located((ObjectNode) type, uri)));
        return json.ok(json.listResponse(types, types.size(), 1)).build();
    }

    @GET
    @Path("ResourceTypes/{id}")
    public Response resourceType(@PathParam("id") String id, @Context UriInfo uri) {
        for (JsonNode type : schemas.resourceTypes()) {
            if (type.path("id").asText().equalsIgnoreCase(id)) {
                return json.ok(located((ObjectNode) type, uri)).build();
            }
        }
        throw ScimError.notFound("No resource type '" + id + "'");
    }

    @GET
    @Path("Schemas")
    public Response schemas(@Context UriInfo uri) {
        List<ObjectNode> all = schemas.all().stream().map(schema -> located(schema.document(), uri)).toList();
        return json.ok(json.listResponse(all, all.size(), 1)).build();
    }

    @GET
    @Path("Schemas/{id}")
    public Response schema(@PathParam("id") String id, @Context UriInfo uri) {
        return schemas.find(id).map(schema -> json.ok(located(schema.document(), uri)).build())
                .orElseThrow(() -> ScimError.notFound("No schema '" + id + "'"));
    }

    private static ObjectNode located(ObjectNode document, UriInfo uri) {
        ObjectNode copy = document.deepCopy();
        JsonNode location = copy.path("meta").path("location");
        if (location.isTextual() && location.asText().startsWith("/scim/v2")) {
            ((ObjectNode) copy.get("meta")).put("location", ScimUrls.base(uri) + location.asText().substring("/scim/v2".length()));
        }
        return copy;
    }
}
