package dev.roster.observability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.Set;

/**
 * Counts, when each response ends: SCIM requests by resource, method and status
 * ({@code roster_scim_requests_total}), refused credentials on the SCIM and admin APIs
 * ({@code roster_auth_failures_total}) and throttled requests ({@code roster_throttled_requests_total}).
 * An HTTP filter sees every answer, including those a request filter or an exception mapper wrote.
 */
@ApplicationScoped
public class RequestMetrics {

    private static final String SCIM_PREFIX = "/scim/v2/";
    private static final Set<String> SCIM_RESOURCES = Set.of(
            "Users", "Groups", "Schemas", "ResourceTypes", "ServiceProviderConfig", "Bulk", "Me", ".search");
    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");

    private final MeterRegistry registry;

    public RequestMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void register(@Observes Filters filters) {
        filters.register(context -> {
            String path = context.normalizedPath();
            if (path.startsWith("/scim/") || path.startsWith("/api/")) {
                context.addEndHandler(ended -> record(context, path));
            }
            context.next();
        }, 100);
    }

    private void record(RoutingContext context, String path) {
        int status = context.response().getStatusCode();
        boolean scim = path.startsWith("/scim/");
        if (scim) {
            Counter.builder("roster.scim.requests")
                    .description("SCIM requests answered, by resource, method and status")
                    .tag("resource", scimResource(path))
                    .tag("method", METHODS.contains(context.request().method().name()) ? context.request().method().name() : "other")
                    .tag("status", Integer.toString(status))
                    .register(registry).increment();
        }
        if (status == 401) {
            Counter.builder("roster.auth.failures")
                    .description("Requests refused for a missing, unknown, revoked or invalid credential (401)")
                    .tag("api", scim ? "scim" : "admin")
                    .register(registry).increment();
        } else if (status == 429) {
            Counter.builder("roster.throttled.requests")
                    .description("Requests refused by a rate limit (429)")
                    .tag("api", scim ? "scim" : "admin")
                    .register(registry).increment();
        }
    }

    /** {@code Users}, {@code Users/.search}, {@code Groups}, {@code .search} (across types), …; anything else is {@code other}. */
    static String scimResource(String path) {
        if (!path.startsWith(SCIM_PREFIX)) {
            return "other";
        }
        String rest = path.substring(SCIM_PREFIX.length());
        int slash = rest.indexOf('/');
        String resource = slash < 0 ? rest : rest.substring(0, slash);
        if (!SCIM_RESOURCES.contains(resource)) {
            return "other";
        }
        return rest.equals(resource + "/.search") ? resource + "/.search" : resource;
    }
}
