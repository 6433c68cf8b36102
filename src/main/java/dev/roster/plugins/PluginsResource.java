package dev.roster.plugins;

import dev.roster.access.AccessLevel;
import dev.roster.access.AdminArea;
import dev.roster.access.AdminAuthorizer;
import dev.roster.access.AdminCaller;
import dev.roster.common.CursorPage;
import dev.roster.common.PageRequest;
import dev.roster.orgs.OrgService;
import io.quarkus.security.Authenticated;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Optional;
import java.util.UUID;

/**
 * Cowork plugins in the admin API (SPEC §5, §9). Thin: checks the caller's rights ({@code libraries}
 * view to read, {@code libraries} manage to write: owners, and custom roles granting it; built-in
 * admins have no {@code libraries} level) and the enterprise plan, reads the body, and leaves the
 * rules to {@link PluginService}.
 */
@Path("/api/v1/orgs/{orgId}/plugins")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "Plugins", description = "Cowork plugin marketplace: org defaults and group overrides (enterprise plan)")
public class PluginsResource {

    private static final String BODY_REQUIRED = "A JSON object body is required";

    private final AdminAuthorizer authorizer;
    private final OrgService orgs;
    private final PluginService plugins;

    public PluginsResource(AdminAuthorizer authorizer, OrgService orgs, PluginService plugins) {
        this.authorizer = authorizer;
        this.orgs = orgs;
        this.plugins = plugins;
    }

    @Operation(summary = "List the plugins, in name order (libraries view)")
    @GET
    public CursorPage<PluginView> list(@PathParam("orgId") UUID orgId, @QueryParam("cursor") String cursor,
                                       @QueryParam("limit") String limit) {
        authorize(orgId, AccessLevel.VIEW);
        return plugins.list(orgId, PageRequest.parse(cursor, limit, 1));
    }

    @Operation(summary = "Add a plugin: {name, description, defaultState} (libraries manage)")
    @POST
    public Response create(@PathParam("orgId") UUID orgId, @Valid @NotNull(message = BODY_REQUIRED) NewPluginRequest body) {
        AdminCaller caller = authorize(orgId, AccessLevel.MANAGE);
        PluginView created = plugins.create(caller.actor(), body);
        return Response.created(UriBuilder.fromPath("/api/v1/orgs/{orgId}/plugins/{id}").build(orgId, created.id()))
                .entity(created).build();
    }

    @Operation(summary = "One plugin with its group overrides (libraries view)")
    @GET
    @Path("{pluginId}")
    public PluginView get(@PathParam("orgId") UUID orgId, @PathParam("pluginId") String pluginId) {
        authorize(orgId, AccessLevel.VIEW);
        return plugins.get(orgId, pluginId);
    }

    @Operation(summary = "Change name, description or defaultState (libraries manage)")
    @PATCH
    @Path("{pluginId}")
    public PluginView update(@PathParam("orgId") UUID orgId, @PathParam("pluginId") String pluginId,
                             @Valid @NotNull(message = BODY_REQUIRED) PluginChangesRequest body) {
        AdminCaller caller = authorize(orgId, AccessLevel.MANAGE);
        return plugins.update(caller.actor(), pluginId, body);
    }

    @Operation(summary = "Delete a plugin and its overrides (libraries manage)")
    @DELETE
    @Path("{pluginId}")
    public Response delete(@PathParam("orgId") UUID orgId, @PathParam("pluginId") String pluginId) {
        AdminCaller caller = authorize(orgId, AccessLevel.MANAGE);
        plugins.delete(caller.actor(), pluginId);
        return Response.noContent().build();
    }

    @Operation(summary = "Set a group's state for the plugin: {\"state\": …} (libraries manage)")
    @PUT
    @Path("{pluginId}/overrides/{groupId}")
    public PluginOverrideView setOverride(@PathParam("orgId") UUID orgId, @PathParam("pluginId") String pluginId,
                                          @PathParam("groupId") String groupId,
                                          @Valid @NotNull(message = BODY_REQUIRED) OverrideRequest body) {
        AdminCaller caller = authorize(orgId, AccessLevel.MANAGE);
        return plugins.setOverride(caller.actor(), pluginId, groupId, body.state());
    }

    @Operation(summary = "Remove a group's override (libraries manage)")
    @DELETE
    @Path("{pluginId}/overrides/{groupId}")
    public Response removeOverride(@PathParam("orgId") UUID orgId, @PathParam("pluginId") String pluginId,
                                   @PathParam("groupId") String groupId) {
        AdminCaller caller = authorize(orgId, AccessLevel.MANAGE);
        plugins.removeOverride(caller.actor(), pluginId, groupId);
        return Response.noContent().build();
    }

    /** Who gets which state of this plugin ({@code ?state=} narrows to one), paged in userName order. */
    @Operation(summary = "Who gets which state of the plugin, with its source (libraries view)")
    @GET
    @Path("{pluginId}/members")
    public CursorPage<PluginMemberState> members(@PathParam("orgId") UUID orgId, @PathParam("pluginId") String pluginId,
                                                 @QueryParam("state") String state, @QueryParam("cursor") String cursor,
                                                 @QueryParam("limit") String limit) {
        authorize(orgId, AccessLevel.VIEW);
        Optional<PluginState> only = Optional.ofNullable(state).filter(s -> !s.isBlank()).map(s -> PluginState.parse("state", s));
        return plugins.members(orgId, pluginId, only, PageRequest.parse(cursor, limit, 1));
    }

    /** Rights first (the caller's current row), then the plan. */
    private AdminCaller authorize(UUID orgId, AccessLevel level) {
        AdminCaller caller = authorizer.require(orgId, AdminArea.LIBRARIES, level);
        orgs.requireEnterprise(orgs.get(orgId));
        return caller;
    }
}
