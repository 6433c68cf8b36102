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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

/** {@code /members/{id}/spend-limit}: the member's individual limit and the effective one, with its source. */
@Path("/api/v1/orgs/{orgId}/members/{memberId}/spend-limit")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "Spend limits", description = "Individual and group spend limits, resolved with their source")
public class MemberSpendLimitResource {

    private final SpendRights rights;
    private final SpendLimitService limits;
    private final SpendClock clock;

    public MemberSpendLimitResource(SpendRights rights, SpendLimitService limits, SpendClock clock) {
        this.rights = rights;
        this.limits = limits;
        this.clock = clock;
    }

    @GET
    @Operation(summary = "Individual and effective limit, month-to-date spend and remaining (billing view, or the member themself)")
    public SpendLimitView get(@PathParam("orgId") UUID orgId, @PathParam("memberId") String memberId,
                              @QueryParam("month") String month) {
        rights.requireBillingViewOrSelf(orgId, memberId);
        return limits.view(orgId, memberId, SpendMonth.parse(month, clock.currentMonth()));
    }

    @PUT
    @Operation(summary = "Set the individual limit: {\"type\":\"unlimited\"} or {\"type\":\"amount\",\"amountCents\":N} (billing manage)")
    public SpendLimitView put(@PathParam("orgId") UUID orgId, @PathParam("memberId") String memberId,
                              @Valid @NotNull(message = Limit.REQUIRED) Limit body) {
        Actor actor = rights.requireBillingManage(orgId);
        return limits.setIndividual(actor, orgId, memberId, body);
    }

    @DELETE
    @Operation(summary = "Clear the individual limit; the groups' limits apply again (billing manage)")
    public SpendLimitView delete(@PathParam("orgId") UUID orgId, @PathParam("memberId") String memberId) {
        Actor actor = rights.requireBillingManage(orgId);
        return limits.clearIndividual(actor, orgId, memberId);
    }
}
