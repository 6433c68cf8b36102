package dev.roster.sync;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.roster.access.AccessLevel;
import dev.roster.access.AdminArea;
import dev.roster.access.AdminAuthorizer;
import dev.roster.access.AdminCaller;
import dev.roster.common.CursorPage;
import dev.roster.common.DomainException;
import dev.roster.common.Ids;
import dev.roster.common.JsonBody;
import dev.roster.common.PageRequest;
import dev.roster.orgs.OrgService;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.UUID;

/**
 * Directory sync ("SCIM Sync", SPEC §7): the org's upstream directory and its sync runs. Reading needs
 * {@code identity_access} view, configuring and starting runs {@code identity_access} manage; enterprise
 * orgs only. The bearer token goes in with PUT and never comes out.
 */
@Path("/api/v1/orgs/{orgId}/directory-sync")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Directory sync", description = "Pull groups and their members from an upstream SCIM directory")
public class DirectorySyncResource {

    /** PUT body. */
    public record ConfigInput(String connector, String baseUrl, String bearerToken) {
    }

    /** POST …/runs body (optional). */
    public record RunRequest(Boolean force) {
    }

    public static final class RunPage {
        public List<SyncRun> items;
        public String nextCursor;
    }

    private final AdminAuthorizer authorizer;
    private final OrgService orgs;
    private final DirectorySyncConfigService configs;
    private final SyncRunService runs;
    private final ObjectMapper json;

    public DirectorySyncResource(AdminAuthorizer authorizer, OrgService orgs, DirectorySyncConfigService configs,
                                 SyncRunService runs, ObjectMapper json) {
        this.authorizer = authorizer;
        this.orgs = orgs;
        this.configs = configs;
        this.runs = runs;
        this.json = json;
    }

    @GET
    @Transactional
    @Operation(summary = "The upstream directory (connector, base URL; never the token) and the last run")
    public DirectorySyncConfigService.ConfigView get(@PathParam("orgId") UUID orgId) {
        authorize(orgId, AccessLevel.VIEW);
        return configs.view(orgId);
    }

    @PUT
    @Transactional
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Configure the upstream directory: {connector:\"scim\", baseUrl, bearerToken}")
    @RequestBody(content = @Content(schema = @Schema(implementation = ConfigInput.class)))
    public DirectorySyncConfigService.ConfigView put(@PathParam("orgId") UUID orgId, JsonNode body) {
        AdminCaller caller = authorize(orgId, AccessLevel.MANAGE);
        JsonBody input = JsonBody.of(body, "connector", "baseUrl", "bearerToken");
        return configs.save(caller.actor(), orgId, input.stringIfPresent("connector").orElse(null),
                input.requiredString("baseUrl"), input.requiredString("bearerToken"));
    }

    @DELETE
    @Transactional
    @Operation(summary = "Remove the upstream directory (groups already synced stay); removing twice is a no-op")
    public Response delete(@PathParam("orgId") UUID orgId) {
        AdminCaller caller = authorize(orgId, AccessLevel.MANAGE);
        configs.remove(caller.actor(), orgId);
        return Response.noContent().build();
    }

    @POST
    @Path("/runs")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Start a sync run: 202 with the new run at once; 200 with the run already queued or running")
    @RequestBody(required = false, content = @Content(schema = @Schema(implementation = RunRequest.class)))
    @APIResponse(responseCode = "202", description = "A new run was queued",
            content = @Content(schema = @Schema(implementation = SyncRun.class)))
    @APIResponse(responseCode = "200", description = "A run is already queued or running for this org: that run",
            content = @Content(schema = @Schema(implementation = SyncRun.class)))
    public Response start(@PathParam("orgId") UUID orgId, String body) throws JsonProcessingException {
        AdminCaller caller = authorize(orgId, AccessLevel.MANAGE);
        boolean force = force(body);
        SyncRunService.Started started = runs.start(caller.actor(), caller.memberId(), force);
        return Response.status(started.created() ? Response.Status.ACCEPTED : Response.Status.OK)
                .type(MediaType.APPLICATION_JSON).entity(started.run()).build();
    }

    @GET
    @Path("/runs")
    @Transactional
    @Operation(summary = "Sync runs, newest first")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = RunPage.class)))
    public CursorPage<SyncRun> list(@PathParam("orgId") UUID orgId, @QueryParam("cursor") String cursor,
                                    @QueryParam("limit") String limit) {
        authorize(orgId, AccessLevel.VIEW);
        return runs.list(orgId, PageRequest.parse(cursor, limit, 1));
    }

    @GET
    @Path("/runs/{id}")
    @Transactional
    @Operation(summary = "One sync run: status, counts, errors, timings")
    public SyncRun run(@PathParam("orgId") UUID orgId, @PathParam("id") String id) {
        authorize(orgId, AccessLevel.VIEW);
        UUID runId = Ids.parse(id).orElseThrow(() -> DomainException.notFound("sync run", id));
        return runs.get(orgId, runId);
    }

    private AdminCaller authorize(UUID orgId, AccessLevel level) {
        AdminCaller caller = authorizer.require(orgId, AdminArea.IDENTITY_ACCESS, level);
        orgs.requireEnterprise(orgs.get(orgId));
        return caller;
    }

    private boolean force(String body) throws JsonProcessingException {
        if (body == null || body.isBlank()) {
            return false;
        }
        JsonNode node = json.readTree(body);
        JsonBody input = JsonBody.of(node, "force");
        JsonNode value = input.nodeIfPresent("force").orElse(null);
        if (value == null) {
            return false;
        }
        if (!value.isBoolean()) {
            throw DomainException.invalid("force", "'force' must be true or false");
        }
        return value.booleanValue();
    }
}
