package dev.roster.members;

import dev.roster.access.OrgRole;
import dev.roster.common.CursorPage;
import dev.roster.common.PageRequest;
import dev.roster.common.JsonBody;
import com.fasterxml.jackson.databind.JsonNode;
import dev.roster.access.AccessLevel;
import dev.roster.access.AdminArea;
import dev.roster.access.AdminAuthorizer;
import dev.roster.access.AdminCaller;
import dev.roster.common.DomainException;
import dev.roster.common.ErrorCode;
import dev.roster.common.Ids;
import dev.roster.roles.RoleChangeService;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Members in the admin API: search, read, change the org role, remove, and transfer primary ownership.
 * Reading needs user_management view (or identity_access view, to find members for groups; a member may
 * always read themself); changes need user_management manage, and the role rules of
 * {@link RoleChangeService}.
 */
@Path("/api/v1/orgs/{orgId}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Members")
public class MembersAdminResource {

    private final AdminAuthorizer authorizer;
    private final MemberDirectory directory;
    private final MemberService members;
    private final RoleChangeService roleChanges;

    public MembersAdminResource(AdminAuthorizer authorizer, MemberDirectory directory, MemberService members,
                                RoleChangeService roleChanges) {
        this.authorizer = authorizer;
        this.directory = directory;
        this.members = members;
        this.roleChanges = roleChanges;
    }

    /** The body of {@code PATCH /members/{id}}, for the OpenAPI document. */
    public record MemberPatch(String orgRole) {
    }

    /** The body of {@code POST /primary-owner-transfer}, for the OpenAPI document. */
    public record PrimaryOwnerTransfer(String memberId) {
    }

    @GET
    @Path("members")
    @Operation(summary = "Search members", description = "q: text in userName or displayName; role; groupId; "
            + "ordered by userName, cursor paging")
    public CursorPage<MemberView> list(@PathParam("orgId") UUID orgId, @QueryParam("q") String q,
                                       @QueryParam("role") String role, @QueryParam("groupId") String groupId,
                                       @QueryParam("cursor") String cursor, @QueryParam("limit") String limit) {
        requireReader(orgId);
        return directory.search(orgId, MemberDirectory.Search.parse(q, role, groupId), PageRequest.parse(cursor, limit, 1));
    }

    @GET
    @Path("members/{memberId}")
    @Operation(summary = "Get a member", description = "With the ids of every group they are in")
    public MemberView get(@PathParam("orgId") UUID orgId, @PathParam("memberId") String memberId) {
        AdminCaller caller = authorizer.requireMemberOf(orgId);
        if (!Ids.parse(memberId).map(caller::is).orElse(false)) {
            requireReader(orgId);
        }
        return directory.get(orgId, memberId);
    }

    @PATCH
    @Transactional
    @Path("members/{memberId}")
    @Operation(summary = "Change a member's org role",
            description = "Owners (or a custom role with user_management manage) change roles; only owners grant owner "
                    + "or admin; never primary_owner (use primary-owner-transfer); a member in a mapped SCIM group → "
                    + "409 role_managed_by_group_mapping")
    @RequestBody(content = @Content(schema = @Schema(implementation = MemberPatch.class)))
    public MemberView patch(@PathParam("orgId") UUID orgId, @PathParam("memberId") String memberId, JsonNode body) {
        AdminCaller caller = authorizer.require(orgId, AdminArea.USER_MANAGEMENT, AccessLevel.MANAGE);
        String roleText = JsonBody.of(body, "orgRole").requiredString("orgRole");
        OrgRole role = OrgRole.fromWire(roleText).orElseThrow(() -> DomainException.invalid("orgRole",
                "Unknown role '" + roleText + "'; a member's role is owner, admin, user or custom_roles"));
        roleChanges.changeRole(caller, memberId, role);
        return directory.get(orgId, memberId);
    }

    @DELETE
    @Transactional
    @Path("members/{memberId}")
    @Operation(summary = "Remove a member from the organization",
            description = "Removes them from every group; the primary owner cannot be removed")
    public Response delete(@PathParam("orgId") UUID orgId, @PathParam("memberId") String memberId) {
        AdminCaller caller = authorizer.require(orgId, AdminArea.USER_MANAGEMENT, AccessLevel.MANAGE);
        Member member = members.getForUpdate(orgId, memberId);
        roleChanges.requireMayActOn(caller, member.role());
        members.delete(caller.actor(), member);
        return Response.noContent().build();
    }

    @POST
    @Transactional
    @Path("primary-owner-transfer")
    @Operation(summary = "Transfer primary ownership", description = "The primary owner only; they become an owner")
    @RequestBody(content = @Content(schema = @Schema(implementation = PrimaryOwnerTransfer.class)))
    public Map<String, MemberView> transferPrimaryOwnership(@PathParam("orgId") UUID orgId, JsonNode body) {
        AdminCaller caller = authorizer.requireMemberOf(orgId);
        if (caller.orgRole() != OrgRole.PRIMARY_OWNER) {
            throw new DomainException(ErrorCode.FORBIDDEN, "Only the primary owner can transfer primary ownership");
        }
        List<RoleChangeService.RoleChange> changes = roleChanges.transferPrimaryOwnership(caller,
                JsonBody.of(body, "memberId").requiredString("memberId"));
        Map<String, MemberView> result = new LinkedHashMap<>();
        result.put("previousPrimaryOwner", directory.get(orgId, changes.get(0).memberId().toString()));
        result.put("primaryOwner", directory.get(orgId, changes.get(1).memberId().toString()));
        return result;
    }

    /** user_management view, or identity_access view (admins of groups need to find members). */
    private void requireReader(UUID orgId) {
        AdminCaller caller = authorizer.requireMemberOf(orgId);
        if (!caller.level(AdminArea.USER_MANAGEMENT).atLeast(AccessLevel.VIEW)
                && !caller.level(AdminArea.IDENTITY_ACCESS).atLeast(AccessLevel.VIEW)) {
            authorizer.require(orgId, AdminArea.USER_MANAGEMENT, AccessLevel.VIEW);
        }
    }
}
