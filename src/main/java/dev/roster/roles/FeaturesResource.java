package dev.roster.roles;

import dev.roster.common.CursorPage;
import dev.roster.common.PageRequest;
import dev.roster.common.JsonBody;
import com.fasterxml.jackson.databind.JsonNode;
import dev.roster.common.DomainException;
import dev.roster.access.AccessLevel;
import dev.roster.access.AdminArea;
import dev.roster.access.AdminAuthorizer;
import dev.roster.access.AdminCaller;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

/**
 * The capability catalog and the org's feature switches. Any active member reads them; switching
 * needs identity_access manage; the enable preview (which lists members) needs identity_access view.
 */
@Path("/api/v1/orgs/{orgId}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Features", description = "The capability catalog and the org-level feature switches")
public class FeaturesResource {

    private final AdminAuthorizer authorizer;
    private final CapabilityCatalog catalog;
    private final OrgFeatures features;
    private final FeaturePreview preview;

    public FeaturesResource(AdminAuthorizer authorizer, CapabilityCatalog catalog, OrgFeatures features,
                            FeaturePreview preview) {
        this.authorizer = authorizer;
        this.catalog = catalog;
        this.features = features;
        this.preview = preview;
    }

    /** The body of {@code PUT /features/{key}}, for the OpenAPI document. */
    public record FeatureSwitch(boolean enabled) {
    }

    @GET
    @Path("permissions")
    @Operation(summary = "The capability catalog", description = "Every capability a custom role can grant")
    public CursorPage<Capability> permissions(@PathParam("orgId") UUID orgId) {
        authorizer.requireMemberOf(orgId);
        return new CursorPage<>(catalog.all(), null);
    }

    @GET
    @Path("features")
    @Operation(summary = "Org features", description = "Each catalog capability with its org-level enabled flag")
    public CursorPage<FeatureView> list(@PathParam("orgId") UUID orgId) {
        authorizer.requireMemberOf(orgId);
        return new CursorPage<>(features.list(orgId), null);
    }

    @PUT
    @Transactional
    @Path("features/{key}")
    @Operation(summary = "Enable or disable a feature for the whole org",
            description = "chat cannot be disabled. Check GET /features/{key}/preview before enabling")
    @RequestBody(content = @Content(schema = @Schema(implementation = FeatureSwitch.class)))
    public FeatureView set(@PathParam("orgId") UUID orgId, @PathParam("key") String key, JsonNode body) {
        AdminCaller caller = authorizer.require(orgId, AdminArea.IDENTITY_ACCESS, AccessLevel.MANAGE);
        features.require(key);
        boolean enabled = JsonBody.of(body, "enabled").nodeIfPresent("enabled").filter(JsonNode::isBoolean)
                .orElseThrow(() -> DomainException.invalid("enabled", "'enabled' is required: true or false")).booleanValue();
        return features.set(caller.actor(), key, enabled);
    }

    @GET
    @Path("features/{key}/preview")
    @Operation(summary = "Who would gain a feature if it were enabled now, and through what",
            description = "Active members lacking it only because it is disabled, with their sources")
    public FeaturePreview.Preview preview(@PathParam("orgId") UUID orgId, @PathParam("key") String key,
                                          @QueryParam("cursor") String cursor, @QueryParam("limit") String limit) {
        authorizer.require(orgId, AdminArea.IDENTITY_ACCESS, AccessLevel.VIEW);
        return preview.preview(orgId, key, PageRequest.parse(cursor, limit, 1));
    }
}
