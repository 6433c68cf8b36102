package dev.roster.scim;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.roster.scim.schema.ScimMediaType;
import dev.roster.scim.schema.ScimSchemas;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code POST /scim/v2/.search}: one search across Users and Groups (see {@link ScimRootSearch}). */
@Path("/scim/v2/.search")
@Consumes("*/*")
@Produces({ScimMediaType.SCIM_JSON, "application/json"})
@Tag(name = "SCIM search")
public class ScimSearchResource {

    private final ScimRootSearch search;
    private final ScimSchemas schemas;
    private final ScimJson json;

    public ScimSearchResource(ScimRootSearch search, ScimSchemas schemas, ScimJson json) {
        this.search = search;
        this.schemas = schemas;
        this.json = json;
    }

    @POST
    @ProvesTokenLiveness
    @Operation(summary = "Search Users and Groups together: Users first, then Groups, paged as one list")
    public Response search(String body, @Context UriInfo uri) {
        ScimListRequest request = ScimListRequest.fromSearchBody(json.read(body), schemas.maxResults());
        ScimPage<ObjectNode> page = search.search(request, ScimUrls.base(uri));
        return json.ok(json.listResponse(page.items(), page.totalResults(), request.startIndex())).build();
    }
}
