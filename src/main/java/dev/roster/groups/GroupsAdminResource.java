package dev.roster.groups;

import com.fasterxml.jackson.databind.JsonNode;
import dev.roster.access.AccessLevel;
import dev.roster.access.AdminArea;
import dev.roster.access.AdminAuthorizer;
import dev.roster.common.Actor;
import dev.roster.common.CursorPage;
import dev.roster.common.DomainException;
import dev.roster.common.JsonBody;
import dev.roster.common.PageRequest;
import dev.roster.members.Member;
import dev.roster.members.MemberService;
import dev.roster.orgs.OrgService;
import jakarta.transaction.Transactional;
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
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Groups in the admin API (SPEC §2, §9). Thin: it checks the caller's rights and the plan, reads the
 * body, and leaves every rule (cap, unique names, SCIM groups read-only) to {@link GroupService}, the
 * same code SCIM and the sync job go through. Reading needs {@code identity_access} view, writing
 * {@code identity_access} manage; enterprise plan only.
 */
@Path("/api/v1/orgs/{orgId}/groups")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Transactional
@Tag(name = "Groups", description = "Manual and SCIM groups, their custom roles and members (enterprise plan)")
public class GroupsAdminResource {

    /** POST body (documentation; the body is read field by field so that errors name the field). */
    public record CreateGroup(String name, List<UUID> customRoleIds, List<UUID> memberIds) {
    }

    /** PATCH body: fields left out stay as they are. */
    public record UpdateGroup(String name, List<UUID> customRoleIds) {
    }

    /** POST body of {@code /groups/{id}/members}. */
    public record AddMembers(List<UUID> memberIds) {
    }

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
    private final GroupRoleAssignments roles;
    private final GroupQueries queries;
    private final MemberService members;

    public GroupsAdminResource(AdminAuthorizer authorizer, OrgService orgs, GroupService groups, GroupRoleAssignments roles,
                               GroupQueries queries, MemberService members) {
        this.authorizer = authorizer;
        this.orgs = orgs;
        this.groups = groups;
        this.roles = roles;
        this.queries = queries;
        this.members = members;
    }

    @GET
    @Operation(summary = "List groups by name, with member counts and custom-role ids (never loads members)")
    @org.eclipse.microprofile.openapi.annotations.responses.APIResponse(responseCode = "200",
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
                    + "member or custom-role ids.")
    @RequestBody(content = @Content(schema = @Schema(implementation = CreateGroup.class)))
    public Response create(@PathParam("orgId") UUID orgId, JsonNode body) {
        Actor actor = authorizer.require(orgId, AdminArea.IDENTITY_ACCESS, AccessLevel.MANAGE).actor();
        requireEnterprise(orgId);
        JsonBody fields = JsonBody.of(body, "name", "customRoleIds", "memberIds");
        String name = fields.requiredString("name");
        List<UUID> customRoleIds = fields.uuids("customRoleIds");
        List<UUID> memberIds = fields.uuids("memberIds");
        Group group = adminFields(() -> groups.create(actor, name, GroupSource.MANUAL, null, memberIds));
        roles.set(actor, group, customRoleIds);
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
                    + "custom roles are editable. customRoleIds replaces the whole set.")
    @RequestBody(content = @Content(schema = @Schema(implementation = UpdateGroup.class)))
    public GroupView update(@PathParam("orgId") UUID orgId, @PathParam("id") String id, JsonNode body) {
        Actor actor = authorizer.require(orgId, AdminArea.IDENTITY_ACCESS, AccessLevel.MANAGE).actor();
        requireEnterprise(orgId);
        JsonBody fields = JsonBody.of(body, "name", "customRoleIds");
        var name = fields.stringIfPresent("name");
        var customRoleIds = fields.uuidsIfPresent("customRoleIds");
        Group group = groups.getForUpdate(actor, id);
        // sending the current name back (e.g. a whole edit form) is not a rename, not even of a SCIM group
        if (name.isPresent() && !name.get().strip().equals(group.displayName)) {
            adminFields(() -> {
                groups.rename(actor, group, name.get());
                return null;
            });
        }
        customRoleIds.ifPresent(ids -> roles.set(actor, group, ids));
        return queries.view(group);
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a manual group (its memberships and role assignments go; members and custom roles stay)",
            description = "409 group_managed_by_scim for a SCIM group: delete it in the identity provider.")
    public Response delete(@PathParam("orgId") UUID orgId, @PathParam("id") String id) {
        Actor actor = authorizer.require(orgId, AdminArea.IDENTITY_ACCESS, AccessLevel.MANAGE).actor();
        requireEnterprise(orgId);
        groups.delete(actor, groups.getForUpdate(actor, id));
        return Response.noContent().build();
    }

    @GET
    @Path("/{id}/members")
    @Operation(summary = "A group's members, paged")
    @org.eclipse.microprofile.openapi.annotations.responses.APIResponse(responseCode = "200",
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
            description = "409 group_managed_by_scim for a SCIM group: its members come from the identity provider.")
    @RequestBody(content = @Content(schema = @Schema(implementation = AddMembers.class)))
    public GroupView addMembers(@PathParam("orgId") UUID orgId, @PathParam("id") String id, JsonNode body) {
        Actor actor = authorizer.require(orgId, AdminArea.IDENTITY_ACCESS, AccessLevel.MANAGE).actor();
        requireEnterprise(orgId);
        JsonBody fields = JsonBody.of(body, "memberIds");
        if (!fields.has("memberIds")) {
            throw DomainException.invalid("memberIds", "'memberIds' is required");
        }
        List<UUID> memberIds = fields.uuids("memberIds");
        Group group = groups.getForUpdate(actor, id);
        adminFields(() -> groups.addMembers(actor, group, memberIds));
        return queries.view(group);
    }

    @DELETE
    @Path("/{id}/members/{memberId}")
    @Operation(summary = "Remove a member from a manual group (a member not in the group is a no-op)",
            description = "404 when the member is not in the organization; 409 group_managed_by_scim for a SCIM group.")
    public Response removeMember(@PathParam("orgId") UUID orgId, @PathParam("id") String id,
                                 @PathParam("memberId") String memberId) {
        Actor actor = authorizer.require(orgId, AdminArea.IDENTITY_ACCESS, AccessLevel.MANAGE).actor();
        requireEnterprise(orgId);
        Group group = groups.getForUpdate(actor, id);
        Member member = members.get(orgId, memberId);
        groups.removeMembers(actor, group, List.of(member.id));
        return Response.noContent().build();
    }

    private void requireEnterprise(UUID orgId) {
        orgs.requireEnterprise(orgs.get(orgId));
    }

    /** The domain names fields as SCIM does (displayName, members); the admin API calls them name, memberIds. */
    private static <T> T adminFields(Supplier<T> action) {
        try {
            return action.get();
        } catch (DomainException e) {
            if ("displayName".equals(e.field())) {
                throw new DomainException(e.code(), e.getMessage(), "name");
            }
            if ("members".equals(e.field())) {
                throw new DomainException(e.code(), e.getMessage(), "memberIds");
            }
            throw e;
        }
    }
}
