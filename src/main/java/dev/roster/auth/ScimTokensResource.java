package dev.roster.auth;

import dev.roster.access.AdminAuthorizer;
import dev.roster.access.AccessLevel;
import dev.roster.access.AdminArea;
import com.fasterxml.jackson.databind.JsonNode;
import dev.roster.audit.AuditLog;
import dev.roster.common.Actor;
import dev.roster.common.DomainException;
import dev.roster.common.Ids;
import dev.roster.common.JsonBody;
import jakarta.transaction.Transactional;
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
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.Map;
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
@Transactional
@Tag(name = "SCIM tokens", description = "Bearer tokens an identity provider uses on /scim/v2")
public class ScimTokensResource {

    public static final int MAX_NAME_LENGTH = 200;

    /** POST body. */
    public record CreateToken(String name) {
    }

    private final AdminAuthorizer authorizer;
    private final ScimTokenService tokens;
    private final AuditLog audit;

    public ScimTokensResource(AdminAuthorizer authorizer, ScimTokenService tokens, AuditLog audit) {
        this.authorizer = authorizer;
        this.tokens = tokens;
        this.audit = audit;
    }

    @GET
    @Operation(summary = "The organization's SCIM tokens, newest first (never the secret)")
    public List<ScimTokenView> list(@PathParam("orgId") UUID orgId) {
        authorizer.require(orgId, AdminArea.IDENTITY_ACCESS, AccessLevel.VIEW);
        return tokens.list(orgId);
    }

    @POST
    @Operation(summary = "Create a SCIM token; the answer is the only time the token is shown")
    @RequestBody(content = @Content(schema = @Schema(implementation = CreateToken.class)))
    @APIResponse(responseCode = "201", content = @Content(schema = @Schema(implementation = IssuedScimToken.class)))
    public Response create(@PathParam("orgId") UUID orgId, JsonNode body) {
        Actor actor = authorizer.require(orgId, AdminArea.IDENTITY_ACCESS, AccessLevel.MANAGE).actor();
        String name = JsonBody.of(body, "name").requiredString("name").strip();
        if (name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
            throw DomainException.invalid("name", "A token needs a name of 1 to " + MAX_NAME_LENGTH + " characters");
        }
        IssuedScimToken issued = tokens.issue(orgId, name, null);
        audit.record(actor, "scim_token.created", "scim_token", issued.id(), null, Map.of("name", name));
        return Response.status(Response.Status.CREATED).entity(issued).build();
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Revoke a SCIM token (at once: its next SCIM request gets 401); revoking twice is a no-op")
    public Response revoke(@PathParam("orgId") UUID orgId, @PathParam("id") String id) {
        Actor actor = authorizer.require(orgId, AdminArea.IDENTITY_ACCESS, AccessLevel.MANAGE).actor();
        ScimTokenView token = Ids.parse(id).flatMap(tokenId -> tokens.find(orgId, tokenId))
                .orElseThrow(() -> DomainException.notFound("SCIM token", id));
        if (tokens.revoke(orgId, token.id())) {
            audit.record(actor, "scim_token.revoked", "scim_token", token.id(), Map.of("name", token.name()), null);
        }
        return Response.noContent().build();
    }
}
