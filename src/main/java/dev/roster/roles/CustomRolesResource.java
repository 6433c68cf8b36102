package dev.roster.roles;

import dev.roster.common.CursorPage;
import dev.roster.common.PageRequest;
import dev.roster.access.AccessLevel;
import dev.roster.access.AdminArea;
import dev.roster.access.AdminAuthorizer;
import dev.roster.access.AdminCaller;
import dev.roster.orgs.OrgService;
import dev.roster.roles.CustomRoleRequests.CustomRoleChanges;
import dev.roster.roles.CustomRoleRequests.NewCustomRole;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
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
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.util.UUID;

/** Custom roles of an enterprise org: read with identity_access view, change with identity_access manage. */
@Path("/api/v1/orgs/{orgId}/custom-roles")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Custom roles", description = "Roles that grant catalog capabilities and admin-area levels to the members of the groups they are assigned to")
public class CustomRolesResource {

    private final AdminAuthorizer authorizer;
    private final OrgService orgs;
    private final CustomRoleService roles;

    public CustomRolesResource(AdminAuthorizer authorizer, OrgService orgs, CustomRoleService roles) {
        this.authorizer = authorizer;
        this.orgs = orgs;
        this.roles = roles;
    }

    @GET
    @Operation(summary = "List custom roles", description = "Ordered by name; cursor paging")
    public CursorPage<CustomRole> list(@PathParam("orgId") UUID orgId, @QueryParam("cursor") String cursor,
                                       @QueryParam("limit") String limit) {
        allowed(orgId, AccessLevel.VIEW);
        return roles.list(orgId, PageRequest.parse(cursor, limit, 1));
    }

    @POST
    @Operation(summary = "Create a custom role", description = "name (unique, case-insensitive), description, "
            + "capabilities from GET /permissions, adminAreas {area: none|view|manage} (within your own levels)")
    @APIResponse(responseCode = "201", content = @Content(schema = @Schema(implementation = CustomRole.class)))
    public Response create(@PathParam("orgId") UUID orgId, @Valid @NotNull NewCustomRole body) {
        AdminCaller caller = allowed(orgId, AccessLevel.MANAGE);
        CustomRole role = roles.create(caller, body);
        return Response.created(URI.create("/api/v1/orgs/" + orgId + "/custom-roles/" + role.id())).entity(role).build();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "Get a custom role")
    public CustomRole get(@PathParam("orgId") UUID orgId, @PathParam("id") String id) {
        allowed(orgId, AccessLevel.VIEW);
        return roles.get(orgId, id);
    }

    @PATCH
    @Path("{id}")
    @Operation(summary = "Change a custom role", description = "Each given field replaces the stored one (adminAreas whole)")
    public CustomRole update(@PathParam("orgId") UUID orgId, @PathParam("id") String id,
                             @Valid @NotNull CustomRoleChanges body) {
        AdminCaller caller = allowed(orgId, AccessLevel.MANAGE);
        return roles.update(caller, id, body);
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Delete a custom role", description = "Removes its assignments to groups; groups and members stay")
    public Response delete(@PathParam("orgId") UUID orgId, @PathParam("id") String id) {
        AdminCaller caller = allowed(orgId, AccessLevel.MANAGE);
        roles.delete(caller, id);
        return Response.noContent().build();
    }

    private AdminCaller allowed(UUID orgId, AccessLevel level) {
        AdminCaller caller = authorizer.require(orgId, AdminArea.IDENTITY_ACCESS, level);
        orgs.requireEnterprise(orgs.get(orgId));
        return caller;
    }
}
