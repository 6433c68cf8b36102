package dev.roster.scim;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.roster.common.Ids;
import dev.roster.members.Member;
import dev.roster.scim.ScimUserQueries.UserRow;
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

/** {@code /scim/v2/Users} (RFC 7644 §3): the members of the token's organization. */
@Path("/scim/v2/Users")
@Consumes("*/*")
@Produces({ScimMediaType.SCIM_JSON, "application/json"})
@Tag(name = "SCIM Users")
public class ScimUsersResource {

    private final ScimContext scim;
    private final ScimUsers users;
    private final ScimUserQueries queries;
    private final ScimUserService service;
    private final ScimSchemas schemas;
    private final ScimJson json;

    public ScimUsersResource(ScimContext scim, ScimUsers users, ScimUserQueries queries, ScimUserService service,
                             ScimSchemas schemas, ScimJson json) {
        this.scim = scim;
        this.users = users;
        this.queries = queries;
        this.service = service;
        this.schemas = schemas;
        this.json = json;
    }

    @GET
    @ProvesTokenLiveness
    @Operation(summary = "List or filter users")
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
    @Operation(summary = "Search users (POST /.search)")
    public Response search(String body, @Context UriInfo uri) {
        return list(ScimListRequest.fromSearchBody(json.read(body), schemas.maxResults()), uri);
    }

    @POST
    @ProvesTokenLiveness
    @Operation(summary = "Create a user")
    public Response create(String body, @QueryParam("attributes") String attributes,
                           @QueryParam("excludedAttributes") String excluded, @Context UriInfo uri) {
        Member member = service.create(scim.actor(), json.read(body), scim.liveTokenGuard());
        scim.provedLiveBy(1);
        String base = ScimUrls.base(uri);
        return json.status(201, AttributeSelection.of(attributes, excluded).apply(users.resource(member, List.of(), base)))
                .location(URI.create(base + "/Users/" + member.id))
                .header(HttpHeaders.ETAG, ETags.of(member.version))
                .build();
    }

    @GET
    @Path("{id}")
    @ProvesTokenLiveness
    @Operation(summary = "Get a user")
    public Response get(@PathParam("id") String id, @QueryParam("attributes") String attributes,
                        @QueryParam("excludedAttributes") String excluded, @Context HttpHeaders headers, @Context UriInfo uri) {
        AttributeSelection selection = AttributeSelection.of(attributes, excluded);
        UserRow row = Ids.parse(id)
                .flatMap(memberId -> queries.get(scim.liveTenantScope("m"), memberId, selection.wants("groups")))
                .orElseThrow(() -> ScimError.notFound("User " + id + " not found"));
        scim.provedLiveBy(1);
        if (ETags.notModified(headers.getHeaderString(HttpHeaders.IF_NONE_MATCH), row.member().version)) {
            return Response.notModified().header(HttpHeaders.ETAG, ETags.of(row.member().version)).build();
        }
        return respond(row, selection, uri, 200);
    }

    @PUT
    @Path("{id}")
    @Operation(summary = "Replace a user")
    public Response replace(@PathParam("id") String id, String body, @Context HttpHeaders headers, @Context UriInfo uri) {
        UserRow row = service.replace(scim.actor(), id, json.read(body), headers.getHeaderString(HttpHeaders.IF_MATCH));
        return respond(row, AttributeSelection.ALL, uri, 200);
    }

    @PATCH
    @Path("{id}")
    @Operation(summary = "Modify a user (add, replace, remove)")
    public Response patch(@PathParam("id") String id, String body, @QueryParam("attributes") String attributes,
                          @QueryParam("excludedAttributes") String excluded,
                          @Context HttpHeaders headers, @Context UriInfo uri) {
        AttributeSelection selection = AttributeSelection.of(attributes, excluded);
        UserRow row = service.patch(scim.actor(), id, json.read(body), headers.getHeaderString(HttpHeaders.IF_MATCH),
                selection.wants("groups"));
        return respond(row, selection, uri, 200);
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Delete a user: removes them from the organization and every group")
    public Response delete(@PathParam("id") String id, @Context HttpHeaders headers) {
        service.delete(scim.actor(), id, headers.getHeaderString(HttpHeaders.IF_MATCH));
        return Response.noContent().build();
    }

    private Response list(ScimListRequest request, UriInfo uri) {
        ScimPage<UserRow> page = queries.list(scim.liveTenantScope("m"), request);
        scim.provedLiveBy(page.items().size());
        String base = ScimUrls.base(uri);
        List<ObjectNode> resources = page.items().stream()
                .map(row -> request.selection().apply(users.resource(row.member(), row.groups(), base)))
                .toList();
        return json.ok(json.listResponse(resources, page.totalResults(), request.startIndex())).build();
    }

    private Response respond(UserRow row, AttributeSelection selection, UriInfo uri, int status) {
        return json.status(status, selection.apply(users.resource(row.member(), row.groups(), ScimUrls.base(uri))))
                .header(HttpHeaders.ETAG, ETags.of(row.member().version))
                .build();
    }
}
