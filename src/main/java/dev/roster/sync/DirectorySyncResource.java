package dev.roster.sync;

import dev.roster.access.AccessLevel;
import dev.roster.access.AdminArea;
import dev.roster.access.AdminAuthorizer;
import dev.roster.access.AdminCaller;
import dev.roster.common.CursorPage;
import dev.roster.common.DomainException;
import dev.roster.common.Ids;
import dev.roster.common.PageRequest;
import dev.roster.orgs.OrgService;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
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
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

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

    private final AdminAuthorizer authorizer;
    private final OrgService orgs;
    private final DirectorySyncConfigService configs;
    private final SyncRunService runs;

    public DirectorySyncResource(AdminAuthorizer authorizer, OrgService orgs, DirectorySyncConfigService configs,
                                 SyncRunService runs) {
        this.authorizer = authorizer;
        this.orgs = orgs;
        this.configs = configs;
        this.runs = runs;
    }

    @GET
    @Operation(summary = "The upstream directory (connector, base URL; never the token) and the last run")
    public DirectorySyncConfigService.ConfigView get(@PathParam("orgId") UUID orgId) {
        authorize(orgId, AccessLevel.VIEW);
        return configs.view(orgId);
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Configure the upstream directory: {connector:\"scim\", baseUrl, bearerToken}")
    public DirectorySyncConfigService.ConfigView put(@PathParam("orgId") UUID orgId,
                                                     @Valid @NotNull DirectorySyncConfigRequest body) {
        AdminCaller caller = authorizeOwner(orgId, "configure directory sync");
        return configs.save(caller.actor(), orgId, body.connector(), body.baseUrl(), body.bearerToken());
    }

    @DELETE
    @Operation(summary = "Remove the upstream directory (groups already synced stay); removing twice is a no-op")
    public Response delete(@PathParam("orgId") UUID orgId) {
        AdminCaller caller = authorizeOwner(orgId, "remove directory sync");
        configs.remove(caller.actor(), orgId);
        return Response.noContent().build();
    }

    @POST
    @Path("/runs")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Start a sync run: 202 with the new run at once; 200 with the run already queued or running")
    @APIResponse(responseCode = "202", description = "A new run was queued",
            content = @Content(schema = @Schema(implementation = SyncRun.class)))
    @APIResponse(responseCode = "200", description = "A run is already queued or running for this org: that run",
            content = @Content(schema = @Schema(implementation = SyncRun.class)))
    public Response start(@PathParam("orgId") UUID orgId, @Valid SyncRunRequest body) {
        AdminCaller caller = authorize(orgId, AccessLevel.MANAGE);
        SyncRunService.Started started = runs.start(caller.actor(), caller.memberId(), body != null && body.forced());
        return Response.status(started.created() ? Response.Status.ACCEPTED : Response.Status.OK)
                .type(MediaType.APPLICATION_JSON).entity(started.run()).build();
    }

    /** The same without a body, as the console and {@code curl -X POST} send it (no Content-Type). */
    @POST
    @Path("/runs")
    @Operation(hidden = true)
    public Response startWithoutBody(@PathParam("orgId") UUID orgId) {
        return start(orgId, null);
    }

    @GET
    @Path("/runs")
    @Operation(summary = "Sync runs, newest first")
    public CursorPage<SyncRun> list(@PathParam("orgId") UUID orgId, @QueryParam("cursor") String cursor,
                                    @QueryParam("limit") String limit) {
        authorize(orgId, AccessLevel.VIEW);
        return runs.list(orgId, PageRequest.parse(cursor, limit, 1));
    }

    @GET
    @Path("/runs/{id}")
    @Operation(summary = "One sync run: status, counts, errors")
    public SyncRun run(@PathParam("orgId") UUID orgId, @PathParam("id") String id) {
        authorize(orgId, AccessLevel.VIEW);
        UUID runId = Ids.parse(id).orElseThrow(() -> DomainException.notFound("sync run", id));
        return runs.get(orgId, runId);
    }

    /** Directory-sync configuration holds the identity provider's credentials: owners only. */
    private AdminCaller authorizeOwner(UUID orgId, String what) {
        AdminCaller caller = authorizer.requireOwner(orgId, what);
        orgs.requireEnterprise(orgs.get(orgId));
        return caller;
    }

    private AdminCaller authorize(UUID orgId, AccessLevel level) {
        AdminCaller caller = authorizer.require(orgId, AdminArea.IDENTITY_ACCESS, level);
        orgs.requireEnterprise(orgs.get(orgId));
        return caller;
    }
}
