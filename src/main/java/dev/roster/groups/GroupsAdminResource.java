package dev.roster.groups;

import dev.roster.access.AccessLevel;
import dev.roster.access.AdminArea;
import dev.roster.access.AdminAuthorizer;
import dev.roster.access.AdminCaller;
import dev.roster.common.Actor;
import dev.roster.common.CursorPage;
import dev.roster.common.PageRequest;
import dev.roster.orgs.OrgService;
import dev.roster.groups.GroupRequests.GroupChanges;
import dev.roster.groups.GroupRequests.NewGroup;
import dev.roster.groups.GroupRequests.NewMembers;
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
import jakarta.ws.rs.core.UriBuilder;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.UUID;

/**
 * Groups in the admin API (SPEC §2, §9). Thin: it checks the caller's rights and the plan, reads the
 * body, and leaves every rule (cap, unique names, SCIM groups read-only) to {@link GroupService}, the
 * same code SCIM and the sync job go through. Reading needs {@code identity_access} view, writing
 * {@code identity_access} manage; enterprise plan only.
 */
@Path("/api/v1/orgs/{orgId}/groups")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Groups", description = "Manual and SCIM groups, their custom roles and members (enterprise plan)")
public class GroupsAdminResource {

    public static final class GroupPage {
        public List<GroupView> items;
        public String nextCursor;
    }

    public static final class GroupMemberPage {
        public List<GroupMemberView> items;
        public String nextCursor;
    }

    private final AdminAuthorizer authorizer;
    private final OrgService orgs;
    private final GroupService groups;
    private final GroupAdministration administration;
    private final GroupQueries queries;

    public GroupsAdminResource(AdminAuthorizer authorizer, OrgService orgs, GroupService groups,
                               GroupAdministration administration, GroupQueries queries) {
        this.authorizer = authorizer;
        this.orgs = orgs;
        this.groups = groups;
        this.administration = administration;
        this.queries = queries;
    }

    @GET
    @Operation(summary = "List groups by name, with member counts and custom-role ids (never loads members)")
    @APIResponse(responseCode = "200",
            content = @Content(schema = @Schema(implementation = GroupPage.class)))
    public CursorPage<GroupView> list(@PathParam("orgId") UUID orgId, @QueryParam("cursor") String cursor,
                                      @QueryParam("limit") String limit) {
        authorizer.require(orgId, AdminArea.IDENTITY_ACCESS, AccessLevel.VIEW);
        requireEnterprise(orgId);
        return queries.list(orgId, PageRequest.parse(cursor, limit, 1));
    }

    @POST
    @Operation(summary = "Create a manual group with optional custom roles and members",
            description = "409 group_limit_reached at the organization's group cap (manual and SCIM groups together); "
                    + "409 name_taken when the name is used, case-insensitively; 400 validation_failed for unknown "
                    + "member or custom-role ids; 403 exceeds_own_rights for custom roles above your own levels.")
    @APIResponse(responseCode = "201", content = @Content(schema = @Schema(implementation = GroupView.class)))
    public Response create(@PathParam("orgId") UUID orgId, @Valid @NotNull NewGroup body) {
        Group group = administration.create(manager(orgId), body);
        return Response.created(UriBuilder.fromPath("/api/v1/orgs/{orgId}/groups/{id}").build(orgId, group.id))
                .entity(queries.view(group)).build();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "A group")
    public GroupView get(@PathParam("orgId") UUID orgId, @PathParam("id") String id) {
        Actor actor = authorizer.require(orgId, AdminArea.IDENTITY_ACCESS, AccessLevel.VIEW).actor();
        requireEnterprise(orgId);
        return queries.view(groups.get(actor, id));
    }

    @PATCH
    @Path("/{id}")
    @Operation(summary = "Rename a group and/or set its custom roles",
            description = "A SCIM group's name belongs to the identity provider (409 group_managed_by_scim); its "
                    + "custom roles are editable. customRoleIds replaces the whole set; roles added must be within "
                    + "your own admin levels (403 exceeds_own_rights).")
    public GroupView update(@PathParam("orgId") UUID orgId, @PathParam("id") String id, @Valid @NotNull GroupChanges body) {
        return queries.view(administration.update(manager(orgId), id, body));
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a manual group (its memberships and role assignments go; members and custom roles stay)",
            description = "409 group_managed_by_scim for a SCIM group: delete it in the identity provider.")
    @APIResponse(responseCode = "204")
    public Response delete(@PathParam("orgId") UUID orgId, @PathParam("id") String id) {
        administration.delete(manager(orgId), id);
        return Response.noContent().build();
    }

    @GET
    @Path("/{id}/members")
    @Operation(summary = "A group's members, paged")
    @APIResponse(responseCode = "200",
            content = @Content(schema = @Schema(implementation = GroupMemberPage.class)))
    public CursorPage<GroupMemberView> listMembers(@PathParam("orgId") UUID orgId, @PathParam("id") String id,
                                                   @QueryParam("cursor") String cursor, @QueryParam("limit") String limit) {
        Actor actor = authorizer.require(orgId, AdminArea.IDENTITY_ACCESS, AccessLevel.VIEW).actor();
        requireEnterprise(orgId);
        Group group = groups.get(actor, id);
        return queries.members(orgId, group.id, PageRequest.parse(cursor, limit, 1));
    }

    @POST
    @Path("/{id}/members")
    @Operation(summary = "Add members to a manual group (members already in it are a no-op)",
            description = "409 group_managed_by_scim for a SCIM group: its members come from the identity provider; "
                    + "403 exceeds_own_rights when the group carries custom roles above your own admin levels.")
    public GroupView addMembers(@PathParam("orgId") UUID orgId, @PathParam("id") String id,
                                @Valid @NotNull NewMembers body) {
        return queries.view(administration.addMembers(manager(orgId), id, body));
    }

    @DELETE
    @Path("/{id}/members/{memberId}")
    @Operation(summary = "Remove a member from a manual group (a member not in the group is a no-op)",
            description = "404 when the member is not in the organization; 409 group_managed_by_scim for a SCIM group.")
    @APIResponse(responseCode = "204")
    public Response removeMember(@PathParam("orgId") UUID orgId, @PathParam("id") String id,
                                 @PathParam("memberId") String memberId) {
        administration.removeMember(manager(orgId), id, memberId);
        return Response.noContent().build();
    }

    private AdminCaller manager(UUID orgId) {
        AdminCaller caller = authorizer.require(orgId, AdminArea.IDENTITY_ACCESS, AccessLevel.MANAGE);
        requireEnterprise(orgId);
        return caller;
    }

    private void requireEnterprise(UUID orgId) {
        orgs.requireEnterprise(orgs.get(orgId));
    }
}
