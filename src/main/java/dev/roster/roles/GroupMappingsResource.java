package dev.roster.roles;

import dev.roster.common.CursorPage;
import dev.roster.common.PageRequest;
import dev.roster.access.AccessLevel;
import dev.roster.access.AdminArea;
import dev.roster.access.AdminAuthorizer;
import dev.roster.access.AdminCaller;
import dev.roster.orgs.OrgService;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.util.UUID;

/** SCIM group → org role mappings of an enterprise org (identity_access view to read, manage to change). */
@Path("/api/v1/orgs/{orgId}/group-mappings")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Group mappings", description = "Give the members of an identity-provider group an org role")
public class GroupMappingsResource {

    private final AdminAuthorizer authorizer;
    private final OrgService orgs;
    private final GroupMappingService mappings;

    public GroupMappingsResource(AdminAuthorizer authorizer, OrgService orgs, GroupMappingService mappings) {
        this.authorizer = authorizer;
        this.orgs = orgs;
        this.mappings = mappings;
    }

    @GET
    @Operation(summary = "List group mappings")
    public CursorPage<GroupMapping> list(@PathParam("orgId") UUID orgId, @QueryParam("cursor") String cursor,
                                         @QueryParam("limit") String limit) {
        allowed(orgId, AccessLevel.VIEW);
        return mappings.list(orgId, PageRequest.parse(cursor, limit, 1));
    }

    @POST
    @Operation(summary = "Map a SCIM group to an org role (owners)",
            description = "orgRole: user, admin, owner or custom_roles. Applied at once to the group's members and "
                    + "again on every membership change: highest mapped role wins (owner > admin > custom_roles > user); "
                    + "owners are never downgraded; the primary owner never changes. A mapping hands role decisions to the "
                    + "identity provider, so only owners create or delete one")
    @APIResponse(responseCode = "201", content = @Content(schema = @Schema(implementation = GroupMapping.class)))
    public Response create(@PathParam("orgId") UUID orgId, @Valid @NotNull GroupMappingInput body) {
        AdminCaller caller = owner(orgId, "map identity-provider groups to org roles");
        GroupMapping mapping = mappings.create(caller.actor(), body);
        return Response.created(URI.create("/api/v1/orgs/" + orgId + "/group-mappings/" + mapping.id()))
                .entity(mapping).build();
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Delete a group mapping (owners)", description = "Members keep the roles they have")
    @APIResponse(responseCode = "204")
    public Response delete(@PathParam("orgId") UUID orgId, @PathParam("id") String id) {
        AdminCaller caller = owner(orgId, "delete group mappings");
        mappings.delete(caller.actor(), id);
        return Response.noContent().build();
    }

    private AdminCaller owner(UUID orgId, String what) {
        AdminCaller caller = authorizer.requireOwner(orgId, what);
        orgs.requireEnterprise(orgs.get(orgId));
        return caller;
    }

    private AdminCaller allowed(UUID orgId, AccessLevel level) {
        AdminCaller caller = authorizer.require(orgId, AdminArea.IDENTITY_ACCESS, level);
        orgs.requireEnterprise(orgs.get(orgId));
        return caller;
    }
}
