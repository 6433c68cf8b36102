package dev.roster.spend;

import dev.roster.common.Limit;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

/**
 * {@code GET /spend-cap}: the org's monthly spend cap with how much of it the org has used in a month.
 * The cap is set and removed through {@code PATCH /api/v1/orgs/{orgId} {"spendCap": Limit|null}}
 * ({@link SpendCapService#apply}).
 */
@Path("/api/v1/orgs/{orgId}/spend-cap")
@Produces(MediaType.APPLICATION_JSON)
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
}
