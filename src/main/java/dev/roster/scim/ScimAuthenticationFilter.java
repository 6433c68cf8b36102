package dev.roster.scim;

import dev.roster.auth.ScimCredential;
import dev.roster.auth.ScimTokenService;
import dev.roster.scim.schema.ScimError;
import dev.roster.scim.schema.ScimMediaType;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import java.lang.annotation.Annotation;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Authenticates every {@code /scim/v2} request by its bearer token (which names the org) and applies the
 * per-token rate. Discovery endpoints need a token too (RFC 7644 allows either; a token proves the IdP is
 * talking to the right tenant).
 *
 * <p>The token's liveness (not revoked) is read from the database on every request. Most endpoints
 * look the token up before they run. An endpoint marked {@link ProvesTokenLiveness} (the reads, and
 * {@code POST /Users}), called with a token this replica already knows, proves liveness inside its own
 * statement instead, saving a database round trip on an IdP's hottest calls: reads through
 * {@link ScimContext#liveTenantScope}, the create through {@link ScimContext#liveTokenGuard} (a revoked
 * token creates nothing). When a read could not prove it (no rows), {@link #verifyLive} asks the database
 * before any byte of the answer leaves, and a revoked token gets its 401.
 */
public class ScimAuthenticationFilter {

    private final ScimTokenService tokens;
    private final ScimRateLimiter rateLimiter;
    private final ScimContext context;

    public ScimAuthenticationFilter(ScimTokenService tokens, ScimRateLimiter rateLimiter, ScimContext context) {
        this.tokens = tokens;
        this.rateLimiter = rateLimiter;
        this.context = context;
    }

    @ServerRequestFilter
    public Optional<Response> authenticate(ContainerRequestContext request, ResourceInfo resource) {
        if (!request.getUriInfo().getPath().startsWith("/scim/")) {
            return Optional.empty();
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        String token = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim() : null;
        if (token == null) {
            throw new ScimError(401, null, "Send the organization's SCIM token as 'Authorization: Bearer <token>'");
        }
        Optional<ScimCredential> known = provesLiveness(resource) ? tokens.identify(token) : Optional.empty();
        ScimCredential credential = known.or(() -> tokens.authenticate(token))
                .orElseThrow(ScimError::unknownOrRevokedToken);
        OptionalLong wait = rateLimiter.acquire(credential.tokenId(), credential.ratePerMinute());
        if (wait.isPresent()) {
            if (known.isPresent() && !tokens.isLive(credential.orgId(), credential.tokenId())) {
                tokens.forget(credential.tokenId());
                throw ScimError.unknownOrRevokedToken(); // a revoked token is refused, not throttled
            }
            throw new ScimThrottled(wait.getAsLong());
        }
        context.set(credential, known.isEmpty());
        return Optional.empty();
    }

    /**
     * A request whose statements did not prove the token live (a read that found no rows, a create refused
     * before its statement ran): ask the database before answering.
     */
    @ServerResponseFilter
    public void verifyLive(ContainerRequestContext request, ContainerResponseContext response) {
        ScimCredential credential = context.credentialOrNull();
        if (credential == null || context.provedLive()
                || tokens.isLive(credential.orgId(), credential.tokenId())) {
            return;
        }
        tokens.forget(credential.tokenId());
        Response refusal = ScimError.unknownOrRevokedToken().toResponse();
        response.setStatus(refusal.getStatus());
        response.getHeaders().clear();
        response.getHeaders().putAll(refusal.getHeaders());
        response.setEntity(refusal.getEntity(), new Annotation[0], MediaType.valueOf(ScimMediaType.SCIM_JSON));
    }

    private static boolean provesLiveness(ResourceInfo resource) {
        return resource.getResourceMethod() != null && resource.getResourceMethod().isAnnotationPresent(ProvesTokenLiveness.class);
    }

    /** 429 with Retry-After, as Okta honours it. */
    public static final class ScimThrottled extends ScimError {
        private final long retryAfterSeconds;

        ScimThrottled(long retryAfterSeconds) {
            super(429, null, "Too many SCIM requests for this token; retry after " + retryAfterSeconds + " s");
            this.retryAfterSeconds = retryAfterSeconds;
        }

        public long retryAfterSeconds() {
            return retryAfterSeconds;
        }

        @Override
        protected Response.ResponseBuilder decorate(Response.ResponseBuilder response) {
            return response.header("Retry-After", Long.toString(retryAfterSeconds));
        }
    }
}
