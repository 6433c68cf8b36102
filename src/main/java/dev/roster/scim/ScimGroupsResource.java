package dev.roster.scim;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.roster.groups.Group;
import dev.roster.groups.GroupService;
import dev.roster.scim.ScimGroupQueries.GroupRow;
import dev.roster.scim.schema.AttributeSelection;
import dev.roster.scim.schema.ScimError;
import dev.roster.scim.schema.ScimMediaType;
import dev.roster.scim.schema.ScimSchemas;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** {@code /scim/v2/Groups}: the organization's SCIM groups (manual groups are not visible here). */
@Path("/scim/v2/Groups")
@Consumes("*/*")
@Produces({ScimMediaType.SCIM_JSON, "application/json"})
@Tag(name = "SCIM Groups")
public class ScimGroupsResource {

    private final ScimContext scim;
    private final ScimGroups scimGroups;
    private final ScimGroupQueries queries;
    private final ScimGroupService service;
    private final GroupService groups;
    private final ScimSchemas schemas;
    private final ScimJson json;

    public ScimGroupsResource(ScimContext scim, ScimGroups scimGroups, ScimGroupQueries queries, ScimGroupService service,
                              GroupService groups, ScimSchemas schemas, ScimJson json) {
        this.scim = scim;
        this.scimGroups = scimGroups;
        this.queries = queries;
        this.service = service;
        this.groups = groups;
        this.schemas = schemas;
        this.json = json;
    }

    @GET
    @ProvesTokenLiveness
    @Operation(summary = "List or filter groups")
    public Response list(@QueryParam("filter") String filter, @QueryParam("startIndex") String startIndex,
                         @QueryParam("count") String count, @QueryParam("sortBy") String sortBy,
                         @QueryParam("sortOrder") String sortOrder, @QueryParam("attributes") String attributes,
                         @QueryParam("excludedAttributes") String excludedAttributes, @Context UriInfo uri) {
        return list(ScimListRequest.of(filter, startIndex, count, sortBy, sortOrder, attributes, excludedAttributes,
                schemas.maxResults()), uri);
    }

    @POST
    @Path(".search")
    @ProvesTokenLiveness
    @Operation(summary = "Search groups (POST /.search)")
    public Response search(String body, @Context UriInfo uri) {
        return list(ScimListRequest.fromSearchBody(json.read(body), schemas.maxResults()), uri);
    }

    @POST
    @Operation(summary = "Create a group")
    public Response create(String body, @Context UriInfo uri) {
        GroupRow row = service.create(scim.actor(), json.read(body));
        Response response = respond(row, AttributeSelection.ALL, uri, 201);
        return Response.fromResponse(response).location(URI.create(ScimUrls.base(uri) + "/Groups/" + row.group().id)).build();
    }

    @GET
    @Path("{id}")
    @ProvesTokenLiveness
    @Operation(summary = "Get a group")
    public Response get(@PathParam("id") String id, @QueryParam("attributes") String attributes,
                        @QueryParam("excludedAttributes") String excluded, @Context HttpHeaders headers, @Context UriInfo uri) {
        AttributeSelection selection = AttributeSelection.of(attributes, excluded);
        Group group = groups.find(scim.actor(), id).orElseThrow(() -> ScimError.notFound("Group " + id + " not found"));
        if (ETags.notModified(headers.getHeaderString(HttpHeaders.IF_NONE_MATCH), group.version)) {
            return Response.notModified().header(HttpHeaders.ETAG, ETags.of(group.version)).build();
        }
        return respond(queries.row(group, selection.wants("members")), selection, uri, 200);
    }

    @PUT
    @Path("{id}")
    @Operation(summary = "Replace a group (name, externalId, members)")
    public Response replace(@PathParam("id") String id, String body, @QueryParam("attributes") String attributes,
                            @QueryParam("excludedAttributes") String excluded,
                            @Context HttpHeaders headers, @Context UriInfo uri) {
        AttributeSelection selection = AttributeSelection.of(attributes, excluded);
        GroupRow row = service.replace(scim.actor(), id, json.read(body), headers.getHeaderString(HttpHeaders.IF_MATCH),
                selection.wants("members"));
        return respond(row, selection, uri, 200);
    }

    /** 204 (members are not echoed back: a large group would make every PATCH cost its size), unless attributes are asked for. */
    @PATCH
    @Path("{id}")
    @Operation(summary = "Modify a group: rename, add or remove members")
    public Response patch(@PathParam("id") String id, String body, @QueryParam("attributes") String attributes,
                          @QueryParam("excludedAttributes") String excluded,
                          @Context HttpHeaders headers, @Context UriInfo uri) {
        boolean echo = attributes != null && !attributes.isBlank() || excluded != null && !excluded.isBlank();
        AttributeSelection selection = AttributeSelection.of(attributes, excluded);
        GroupRow row = service.patch(scim.actor(), id, json.read(body), headers.getHeaderString(HttpHeaders.IF_MATCH),
                echo && selection.wants("members"));
        if (!echo) {
            return Response.noContent().header(HttpHeaders.ETAG, ETags.of(row.group().version)).build();
        }
        return respond(row, selection, uri, 200);
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Delete a group (its members stay in the organization)")
    public Response delete(@PathParam("id") String id, @Context HttpHeaders headers) {
        service.delete(scim.actor(), id, headers.getHeaderString(HttpHeaders.IF_MATCH));
        return Response.noContent().build();
    }

    private Response list(ScimListRequest request, UriInfo uri) {
        ScimPage<Group> page = queries.list(scim.liveTenantScope("g"), request);
        scim.provedLiveBy(page.items().size());
        String base = ScimUrls.base(uri);
        Map<UUID, List<ScimGroupQueries.MemberRef>> members = request.selection().wants("members")
                ? queries.members(scim.orgId(), page.items().stream().map(g -> g.id).toList()) : Map.of();
        List<ObjectNode> resources = page.items().stream()
                .map(group -> request.selection().apply(scimGroups.resource(group, members.get(group.id), base)))
                .toList();
        return json.ok(json.listResponse(resources, page.totalResults(), request.startIndex())).build();
    }

    private Response respond(GroupRow row, AttributeSelection selection, UriInfo uri, int status) {
        return json.status(status, selection.apply(scimGroups.resource(row.group(), row.members(), ScimUrls.base(uri))))
                .header(HttpHeaders.ETAG, ETags.of(row.group().version))
                .build();
    }
}
