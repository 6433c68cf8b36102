package dev.roster.access;

import dev.roster.common.DomainException;
import dev.roster.common.ErrorCode;
import dev.roster.common.Ids;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import jakarta.enterprise.context.RequestScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Optional;
import java.util.UUID;

/**
 * Authorizes every admin-API call from the database. The credential says only who is calling: a JWT names a
 * member ({@code sub}, {@code org_id}); an org API key ({@code Bearer roster_ak_…}) names itself. What they may
 * do — active or not, role, admin levels, platform operator — is read from the database on every request.
 */
@RequestScoped
public class AdminAuthorizer {

    /** The claim naming the member's organization in an admin JWT. */
    public static final String ORG_ID_CLAIM = "org_id";

    private final JsonWebToken jwt;
    private final CurrentVertxRequest request;
    private final CallerStore callers;
    private AdminCaller caller;

    public AdminAuthorizer(JsonWebToken jwt, CurrentVertxRequest request, CallerStore callers) {
        this.jwt = jwt;
        this.request = request;
        this.callers = callers;
    }

    /** The caller, who must belong to {@code orgId} and hold at least {@code level} in {@code area}. */
    public AdminCaller require(UUID orgId, AdminArea area, AccessLevel level) {
        AdminCaller current = requireMemberOf(orgId);
        if (!current.level(area).atLeast(level)) {
            throw new DomainException(ErrorCode.FORBIDDEN, "This needs " + area.wire() + " at level " + level.wire()
                    + "; " + current.describe() + " grants " + current.level(area).wire());
        }
        return current;
    }

    /** The caller, who must be an owner (or the primary owner) of {@code orgId}. */
    public AdminCaller requireOwner(UUID orgId, String what) {
        AdminCaller current = requireMemberOf(orgId);
        GrantRules.requireOwner(current, what);
        return current;
    }

    /** The caller, who must belong to {@code orgId} (an active member, or one of its API keys). */
    public AdminCaller requireMemberOf(UUID orgId) {
        AdminCaller current = caller();
        if (!current.orgId().equals(orgId)) {
            throw new DomainException(ErrorCode.FORBIDDEN, "You are not a member of organization " + orgId);
        }
        return current;
    }

    /** A platform operator: a member named in {@code platform_operators}, as the database says now. */
    public AdminCaller requirePlatformAdmin() {
        AdminCaller current = caller();
        if (!current.platformOperator()) {
            throw new DomainException(ErrorCode.FORBIDDEN, "This needs a platform operator");
        }
        return current;
    }

    public boolean isPlatformAdmin() {
        return caller().platformOperator();
    }

    /** The authenticated caller, loaded once per request. */
    public AdminCaller caller() {
        if (caller == null) {
            caller = load();
        }
        return caller;
    }

    private AdminCaller load() {
        Optional<String> apiKey = bearer().filter(ApiKeyService::looksLikeKey);
        if (apiKey.isPresent()) {
            return callers.apiKey(apiKey.get())
                    .orElseThrow(() -> new UnauthorizedException("The API key is unknown or revoked"));
        }
        if (jwt == null || jwt.getRawToken() == null) {
            throw new UnauthorizedException("A bearer JWT or API key is required");
        }
        Optional<UUID> memberId = Ids.parse(jwt.getSubject());
        Optional<UUID> orgId = Ids.parse(Optional.ofNullable(jwt.getClaim(ORG_ID_CLAIM))
                .map(Object::toString).map(s -> s.replace("\"", "")).orElse(null));
        if (memberId.isEmpty() || orgId.isEmpty()) {
            throw new DomainException(ErrorCode.FORBIDDEN, "The token names no member (sub) of an organization (org_id)");
        }
        return callers.member(orgId.get(), memberId.get());
    }

    private Optional<String> bearer() {
        String header = request.getCurrent() == null ? null
                : request.getCurrent().request().getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        return Optional.of(header.substring(7).strip());
    }
}
