package dev.roster.access;

import dev.roster.common.CursorPage;
import dev.roster.common.PageRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

/** Org API keys: {@code identity_access} view to list, manage to create (levels within your own) and revoke. */
@Path("/api/v1/orgs/{orgId}/api-keys")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "API keys", description = "Bearer keys (roster_ak_…) for scripts and CI jobs, with their own admin levels")
public class ApiKeysResource {

    private final AdminAuthorizer authorizer;
    private final ApiKeyService keys;

    public ApiKeysResource(AdminAuthorizer authorizer, ApiKeyService keys) {
        this.authorizer = authorizer;
        this.keys = keys;
    }

    @GET
    @Operation(summary = "The organization's API keys, newest first (never the key)")
    public CursorPage<ApiKey> list(@PathParam("orgId") UUID orgId, @QueryParam("cursor") String cursor,
                                   @QueryParam("limit") String limit) {
        authorizer.require(orgId, AdminArea.IDENTITY_ACCESS, AccessLevel.VIEW);
        return keys.list(orgId, PageRequest.parse(cursor, limit, 2));
    }

    @POST
    @Operation(summary = "Create an API key; the answer is the only time the key is shown")
    @APIResponse(responseCode = "201", content = @Content(schema = @Schema(implementation = IssuedApiKey.class)))
    public Response create(@PathParam("orgId") UUID orgId, @Valid @NotNull CreateApiKeyRequest body) {
        AdminCaller caller = authorizer.require(orgId, AdminArea.IDENTITY_ACCESS, AccessLevel.MANAGE);
        IssuedApiKey issued = keys.create(caller, body);
        return Response.created(UriBuilder.fromPath("/api/v1/orgs/{orgId}/api-keys/{id}").build(orgId, issued.id()))
                .entity(issued).build();
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Revoke an API key (at once, on every replica); revoking twice is a no-op")
    @APIResponse(responseCode = "204")
    public Response revoke(@PathParam("orgId") UUID orgId, @PathParam("id") String id) {
        keys.revoke(authorizer.require(orgId, AdminArea.IDENTITY_ACCESS, AccessLevel.MANAGE), id);
        return Response.noContent().build();
    }
}
