package dev.roster.spend;

import io.quarkus.security.Authenticated;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

/**
 * {@code POST /spend/authorize}: may this member spend this much now? The product asks on every request.
 * {@code @Authenticated}: a request without a valid JWT is 401 before its body is read.
 */
@Path("/api/v1/orgs/{orgId}/spend")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "Usage")
public class AuthorizeResource {

    private final SpendRights rights;
    private final AuthorizeService authorize;

    public AuthorizeResource(SpendRights rights, AuthorizeService authorize) {
        this.rights = rights;
        this.authorize = authorize;
    }

    @POST
    @Path("/authorize")
    @Operation(summary = "{memberId, amountCents} → allowed or denied (limit_reached, org_cap_reached, inactive) with "
            + "limit, source, spent and remaining (platform-admin JWT, billing view, or the member themself)")
    public AuthorizeAnswer authorize(@PathParam("orgId") UUID orgId,
                                     @Valid @NotNull(message = "A JSON object body is required") AuthorizeRequest body) {
        rights.requireAuthorizeFor(orgId, body.memberId());
        return authorize.authorize(orgId, body.memberId(), body.amountCents());
    }
}
