package dev.roster.access;

import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Who the caller is, as the database says now: what an admin console needs to draw itself. */
@Path("/api/v1/me")
@Transactional
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Me", description = "The authenticated admin")
public class MeResource {

    /** {@code GET /api/v1/me}: every admin area is listed, {@code none} included. */
    public record Me(UUID memberId, UUID orgId, String userName, String orgRole, Map<String, String> adminAreas) {
    }

    private final AdminAuthorizer authorizer;

    public MeResource(AdminAuthorizer authorizer) {
        this.authorizer = authorizer;
    }

    @GET
    @Operation(summary = "The caller: member id, org id, org role and effective admin levels (read from the database on every call)")
    public Me me() {
        AdminCaller caller = authorizer.caller();
        Map<String, String> areas = new LinkedHashMap<>();
        for (AdminArea area : AdminArea.values()) {
            areas.put(area.wire(), caller.level(area).wire());
        }
        return new Me(caller.memberId(), caller.orgId(), caller.userName(), caller.orgRole().wire(), areas);
    }
}
