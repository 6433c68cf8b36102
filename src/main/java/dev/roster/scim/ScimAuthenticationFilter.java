package dev.roster.scim;

import dev.roster.auth.ScimCredential;
import dev.roster.auth.ScimTokenService;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * Authenticates every {@code /scim/v2} request by its bearer token (which names the org), from the
 * database, and applies the per-token rate. Discovery endpoints need a token too (RFC 7644 allows
 * either; a token proves the IdP is talking to the right tenant).
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
    public Optional<Response> authenticate(ContainerRequestContext request) {
        if (!request.getUriInfo().getPath().startsWith("/scim/")) {
            return Optional.empty();
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        String token = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim() : null;
        ScimCredential credential = tokens.authenticate(token)
                .orElseThrow(() -> new ScimError(401, null, token == null
                        ? "Send the organization's SCIM token as 'Authorization: Bearer <token>'"
                        : "The bearer token is not a valid SCIM token (unknown or revoked)"));
        OptionalLong wait = rateLimiter.acquire(credential.tokenId(), credential.ratePerMinute());
        if (wait.isPresent()) {
            throw new ScimThrottled(wait.getAsLong());
        }
        context.set(credential);
        return Optional.empty();
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
    }
}
