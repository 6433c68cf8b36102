package dev.roster.spend;

import com.fasterxml.jackson.databind.JsonNode;
import dev.roster.common.Actor;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

/**
 * {@code /spend-cap}: the org's monthly spend cap. The same setting is {@code spendCap} of
 * {@code PATCH /api/v1/orgs/{orgId}} (both call {@link SpendCapService#apply}).
 */
@Path("/api/v1/orgs/{orgId}/spend-cap")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Spend limits")
public class SpendCapResource {

    private final SpendRights rights;
    private final SpendCapService caps;
    private final SpendClock clock;

    public SpendCapResource(SpendRights rights, SpendCapService caps, SpendClock clock) {
        this.rights = rights;
        this.caps = caps;
        this.clock = clock;
    }

    @GET
    @Operation(summary = "The org spend cap with the org's spend in the month (billing view)")
    public SpendCapView get(@PathParam("orgId") UUID orgId, @QueryParam("month") String month) {
        rights.requireBillingView(orgId);
        return caps.view(orgId, SpendMonth.parse(month, clock.currentMonth()));
    }

    @PUT
    @Operation(summary = "Set the org spend cap, a Limit (billing manage)")
    public SpendCapView put(@PathParam("orgId") UUID orgId, JsonNode body) {
        Actor actor = rights.requireBillingManage(orgId);
        return caps.apply(actor, orgId, SpendJson.limit(body, ""));
    }

    @DELETE
    @Operation(summary = "Remove the org spend cap (billing manage)")
    public SpendCapView delete(@PathParam("orgId") UUID orgId) {
        Actor actor = rights.requireBillingManage(orgId);
        return caps.apply(actor, orgId, null);
    }
}
