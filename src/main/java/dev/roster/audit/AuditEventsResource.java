package dev.roster.audit;

import dev.roster.access.AccessLevel;
import dev.roster.access.AdminArea;
import dev.roster.access.AdminAuthorizer;
import dev.roster.common.CursorPage;
import dev.roster.common.PageRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Optional;
import java.util.UUID;

/** The audit log of the admin API, SCIM and sync: who changed what, when, before and after. Needs {@code privacy} view. */
@Path("/api/v1/orgs/{orgId}/audit-events")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Audit log", description = "Every change, newest first")
public class AuditEventsResource {

    private final AdminAuthorizer authorizer;
    private final AuditEvents events;

    public AuditEventsResource(AdminAuthorizer authorizer, AuditEvents events) {
        this.authorizer = authorizer;
        this.events = events;
    }

    @GET
    @Operation(summary = "Audit events, newest first, paged; optionally only one action (or prefix, e.g. group.*) or one target")
    public CursorPage<AuditEvent> list(@PathParam("orgId") UUID orgId,
                                       @Parameter(description = "e.g. group.created, or group.*") @QueryParam("action") String action,
                                       @Parameter(description = "id of the changed group, member, token, …") @QueryParam("targetId") String targetId,
                                       @QueryParam("cursor") String cursor, @QueryParam("limit") String limit) {
        authorizer.require(orgId, AdminArea.PRIVACY, AccessLevel.VIEW);
        return events.list(orgId, Optional.ofNullable(action), Optional.ofNullable(targetId), PageRequest.parse(cursor, limit, 1));
    }
}
