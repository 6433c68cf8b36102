package dev.roster.access.explain;

import dev.roster.access.AccessLevel;
import dev.roster.access.AdminArea;
import dev.roster.access.AdminAuthorizer;
import dev.roster.access.AdminCaller;
import dev.roster.common.DomainException;
import dev.roster.common.Ids;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Map;
import java.util.UUID;

/**
 * {@code GET /members/{id}/access}: what a member may do and why. Readable by the member themself and
 * by anyone with user_management view.
 */
@Path("/api/v1/orgs/{orgId}/members/{memberId}/access")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Members")
public class AccessResource {

    private final AdminAuthorizer authorizer;
    private final AccessService access;

    public AccessResource(AdminAuthorizer authorizer, AccessService access) {
        this.authorizer = authorizer;
        this.access = access;
    }

    @GET
    @Operation(summary = "Effective access of a member",
            description = "Capabilities with their sources (built-in role, or group → custom role) and what blocks them "
                    + "(org_disabled, inactive); admin-area levels; plus spend limit and plugins with their sources")
    public Map<String, Object> get(@PathParam("orgId") UUID orgId, @PathParam("memberId") String memberId) {
        AdminCaller caller = authorizer.requireMemberOf(orgId);
        UUID id = Ids.parse(memberId).orElse(null);
        if (!caller.is(id)) {
            authorizer.require(orgId, AdminArea.USER_MANAGEMENT, AccessLevel.VIEW);
        }
        if (id == null) {
            throw DomainException.notFound("member", memberId);
        }
        return access.describe(orgId, id);
    }
}
