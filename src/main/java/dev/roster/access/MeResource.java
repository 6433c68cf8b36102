package dev.roster.access;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Map;
import java.util.UUID;

/** Who the caller is, as the database says now: what an admin console needs to draw itself. */
@Path("/api/v1/me")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Me", description = "The authenticated admin")
public class MeResource {

    /** {@code GET /api/v1/me}: every admin area is listed, {@code none} included. */
    public record Me(UUID memberId, UUID apiKeyId, UUID orgId, String userName, String orgRole,
                     Map<String, String> adminAreas, boolean platformOperator) {
    }

    private final AdminAuthorizer authorizer;

    public MeResource(AdminAuthorizer authorizer) {
        this.authorizer = authorizer;
    }

    @GET
    @Operation(summary = "The caller: member id, org id, org role and effective admin levels (read from the database on every call)")
    public Me me() {
        AdminCaller caller = authorizer.caller();
        boolean member = caller.kind() == AdminCaller.Kind.MEMBER;
        return new Me(caller.memberId(), member ? null : caller.id(), caller.orgId(), caller.name(),
                member ? caller.orgRole().wire() : null, caller.rights().wire(), caller.platformOperator());
    }

}
