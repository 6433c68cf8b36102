package dev.roster.auth;

import dev.roster.access.AdminAuthorizer;
import dev.roster.access.AccessLevel;
import dev.roster.access.AdminArea;
import dev.roster.common.Actor;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.UUID;

/**
 * SCIM bearer tokens for the organization's identity provider. The secret is shown once, in the answer
 * to POST; afterwards only its hash exists. Several tokens may be live at once, so a token can be
 * rotated without downtime: create the new one, switch the IdP, revoke the old one.
 * Reading needs {@code identity_access} view, creating and revoking {@code identity_access} manage.
 */
@Path("/api/v1/orgs/{orgId}/scim-tokens")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "SCIM tokens", description = "Bearer tokens an identity provider uses on /scim/v2")
public class ScimTokensResource {

    public static final int MAX_NAME_LENGTH = 200;

    /** {@code POST /scim-tokens}. */
    public record CreateToken(@NotBlank @Size(max = MAX_NAME_LENGTH) String name) {
    }

    private final AdminAuthorizer authorizer;
    private final ScimTokenService tokens;
    public ScimTokensResource(AdminAuthorizer authorizer, ScimTokenService tokens) {
        this.authorizer = authorizer;
        this.tokens = tokens;
    }

    @GET
    @Operation(summary = "The organization's SCIM tokens, newest first (never the secret)")
    public List<ScimTokenView> list(@PathParam("orgId") UUID orgId) {
        authorizer.require(orgId, AdminArea.IDENTITY_ACCESS, AccessLevel.VIEW);
        return tokens.list(orgId);
    }

    @POST
    @Operation(summary = "Create a SCIM token (owners); the answer is the only time the token is shown")
    @APIResponse(responseCode = "201", content = @Content(schema = @Schema(implementation = IssuedScimToken.class)))
    public Response create(@PathParam("orgId") UUID orgId, @Valid @NotNull CreateToken body) {
        Actor actor = authorizer.requireOwner(orgId, "create SCIM tokens (a SCIM token has the identity provider's power)").actor();
        return Response.status(Response.Status.CREATED).entity(tokens.create(actor, body.name())).build();
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Revoke a SCIM token (owners; at once: its next SCIM request gets 401); revoking twice is a no-op")
    @APIResponse(responseCode = "204")
    public Response revoke(@PathParam("orgId") UUID orgId, @PathParam("id") String id) {
        tokens.revoke(authorizer.requireOwner(orgId, "revoke SCIM tokens").actor(), id);
        return Response.noContent().build();
    }
}
