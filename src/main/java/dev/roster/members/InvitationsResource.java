package dev.roster.members;

import com.fasterxml.jackson.databind.JsonNode;
import dev.roster.access.AccessLevel;
import dev.roster.access.AdminArea;
import dev.roster.access.AdminAuthorizer;
import dev.roster.access.AdminCaller;
import dev.roster.common.CursorPage;
import dev.roster.common.JsonBody;
import dev.roster.common.PageRequest;
import jakarta.transaction.Transactional;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.UUID;

/**
 * Invitations in the admin API. Reading needs {@code user_management} view, inviting and cancelling
 * {@code user_management} manage; which roles the caller may invite as is {@link InvitationService}'s rule.
 */
@Path("/api/v1/orgs/{orgId}/invitations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Transactional
@Tag(name = "Invitations", description = "Invite people by email with an org role")
public class InvitationsResource {

    /** POST body. */
    public record Invite(String email, String orgRole) {
    }

    public static final class InvitationPage {
        public List<Invitation> items;
        public String nextCursor;
    }

    private final AdminAuthorizer authorizer;
    private final InvitationService invitations;

    public InvitationsResource(AdminAuthorizer authorizer, InvitationService invitations) {
        this.authorizer = authorizer;
        this.invitations = invitations;
    }

    @GET
    @Operation(summary = "Pending invitations, newest first")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = InvitationPage.class)))
    public CursorPage<Invitation> list(@PathParam("orgId") UUID orgId, @QueryParam("cursor") String cursor,
                                       @QueryParam("limit") String limit) {
        authorizer.require(orgId, AdminArea.USER_MANAGEMENT, AccessLevel.VIEW);
        return invitations.list(orgId, PageRequest.parse(cursor, limit, 2));
    }

    @POST
    @Operation(summary = "Invite an email address with an org role",
            description = "Owners invite with any role but primary_owner (custom_roles included); admins only as user. "
                    + "409 name_taken when the email already has a pending invitation or is a member.")
    @RequestBody(content = @Content(schema = @Schema(implementation = Invite.class)))
    public Response invite(@PathParam("orgId") UUID orgId, JsonNode body) {
        AdminCaller caller = authorizer.require(orgId, AdminArea.USER_MANAGEMENT, AccessLevel.MANAGE);
        JsonBody fields = JsonBody.of(body, "email", "orgRole");
        String email = fields.requiredString("email");
        String orgRole = fields.requiredString("orgRole");
        Invitation invitation = invitations.invite(caller, email, orgRole);
        return Response.status(Response.Status.CREATED).entity(invitation).build();
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Cancel a pending invitation")
    public Response cancel(@PathParam("orgId") UUID orgId, @PathParam("id") String id) {
        AdminCaller caller = authorizer.require(orgId, AdminArea.USER_MANAGEMENT, AccessLevel.MANAGE);
        invitations.cancel(caller, id);
        return Response.noContent().build();
    }
}
