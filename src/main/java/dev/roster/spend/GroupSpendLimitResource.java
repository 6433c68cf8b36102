package dev.roster.spend;

import dev.roster.common.Actor;
import dev.roster.common.Limit;
import io.quarkus.security.Authenticated;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

/**
 * {@code /groups/{id}/spend-limit}: a per-member monthly limit for every member of the group (enterprise
 * plan only). SCIM groups take limits like manual ones.
 */
@Path("/api/v1/orgs/{orgId}/groups/{groupId}/spend-limit")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "Spend limits")
public class GroupSpendLimitResource {

    private final SpendRights rights;
    private final SpendLimitService limits;

    public GroupSpendLimitResource(SpendRights rights, SpendLimitService limits) {
        this.rights = rights;
        this.limits = limits;
    }

    @GET
    @Operation(summary = "The group's limit, null when not set (billing view)")
    public GroupSpendLimitView get(@PathParam("orgId") UUID orgId, @PathParam("groupId") String groupId) {
        rights.requireBillingView(orgId);
        return limits.group(orgId, groupId);
    }

    @PUT
    @Operation(summary = "Set the group's per-member limit (billing manage; enterprise)")
    public GroupSpendLimitView put(@PathParam("orgId") UUID orgId, @PathParam("groupId") String groupId,
                                   @Valid @NotNull(message = Limit.REQUIRED) Limit body) {
        Actor actor = rights.requireBillingManage(orgId);
        return limits.setGroup(actor, orgId, groupId, body);
    }

    @DELETE
    @Operation(summary = "Clear the group's limit (billing manage; enterprise)")
    public GroupSpendLimitView delete(@PathParam("orgId") UUID orgId, @PathParam("groupId") String groupId) {
        Actor actor = rights.requireBillingManage(orgId);
        return limits.clearGroup(actor, orgId, groupId);
    }
}
