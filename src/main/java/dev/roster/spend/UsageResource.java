package dev.roster.spend;

import dev.roster.common.PageRequest;
import io.quarkus.security.Authenticated;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

/** {@code /usage}: ingestion of usage events (idempotent per eventId) and the usage reports. */
@Path("/api/v1/orgs/{orgId}/usage")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "Usage", description = "Usage events, month-to-date spend and reports")
public class UsageResource {

    private final SpendRights rights;
    private final UsageLedger ledger;
    private final UsageReports reports;
    private final SpendClock clock;

    public UsageResource(SpendRights rights, UsageLedger ledger, UsageReports reports, SpendClock clock) {
        this.rights = rights;
        this.ledger = ledger;
        this.reports = reports;
        this.clock = clock;
    }

    @POST
    @Path("/events")
    @Operation(summary = "Record a batch of up to 1,000 usage events; replays of an eventId are counted once "
            + "(the product's service account with a platform-admin JWT, or billing manage)")
    public IngestResult events(@PathParam("orgId") UUID orgId,
                               @Valid @NotNull(message = "A JSON object body is required") UsageEventsRequest body) {
        rights.requireUsageWriter(orgId);
        return ledger.record(orgId, body.events());
    }

    @GET
    @Path("/by-group")
    @Operation(summary = "Per group: limit, members, month-to-date spend, members at or over their limit (analytics or billing view)")
    public UsageReports.GroupReport byGroup(@PathParam("orgId") UUID orgId, @QueryParam("month") String month) {
        rights.requireReports(orgId);
        return reports.byGroup(orgId, SpendMonth.parse(month, clock.currentMonth()));
    }

    @GET
    @Path("/by-member")
    @Operation(summary = "Per member, paged: month-to-date spend and effective limit with its source (analytics or billing view)")
    public UsageReports.MemberReport byMember(@PathParam("orgId") UUID orgId, @QueryParam("month") String month,
                                              @QueryParam("cursor") String cursor, @QueryParam("limit") String limit) {
        rights.requireReports(orgId);
        return reports.byMember(orgId, SpendMonth.parse(month, clock.currentMonth()), PageRequest.parse(cursor, limit, 1));
    }
}
