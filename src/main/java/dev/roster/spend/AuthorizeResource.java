package dev.roster.spend;

import com.fasterxml.jackson.databind.JsonNode;
import dev.roster.common.Limit;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Set;
import java.util.UUID;

/** {@code POST /spend/authorize}: may this member spend this much now? The product asks on every request. */
@Path("/api/v1/orgs/{orgId}/spend")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
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
    public AuthorizeAnswer authorize(@PathParam("orgId") UUID orgId, JsonNode body) {
        rights.requireCaller(orgId);
        SpendJson.object(body);
        SpendJson.onlyFields(body, "", Set.of("memberId", "amountCents"));
        UUID memberId = SpendJson.id(body.get("memberId"), "memberId");
        long cost = SpendJson.cents(body.get("amountCents"), "amountCents", Limit.MAX_AMOUNT_CENTS);
        rights.requireAuthorizeFor(orgId, memberId);
        return authorize.authorize(orgId, memberId, cost);
    }
}
