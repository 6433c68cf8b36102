package dev.roster.auth;

import dev.roster.common.BearerSecrets;
import dev.roster.access.AdminAuthorizer;
import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * smallrye-jwt's token verification (signature, issuer, expiry), remembered per token for at most a
 * minute and never past the token's own expiry. The product's service calls the authorize check with
 * the same token thousands of times a second, and an RSA signature check is about a third of such a
 * request's CPU. Only the cryptographic verification of an immutable string is remembered: who the
 * caller is and what they may do is still read from the database on every request
 * ({@link AdminAuthorizer}). An expired token is refused from the second its {@code exp} passes:
 * the verifier allows no clock skew ({@code mp.jwt.verify.clock.skew=0}) and a remembered entry ends at {@code exp}. Keys are SHA-256 hashes, so no bearer token is kept in memory.
 */
@ApplicationScoped
@Alternative
@Priority(1)
public class VerifiedJwtCache extends JWTCallerPrincipalFactory {

    /** A verification key removed from the JWKS stops being honoured within this time. */
    private static final long MAX_AGE_SECONDS = 60;
    private static final int MAX_ENTRIES = 10_000;

    private final JWTCallerPrincipalFactory verifier = new DefaultJWTCallerPrincipalFactory();
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();

    private record Verified(JWTCallerPrincipal principal, long validUntilEpochSecond) {
    }

    @Override
    public JWTCallerPrincipal parse(String token, JWTAuthContextInfo authContextInfo) throws ParseException {
        String key = BearerSecrets.sha256Hex(token);
        long now = System.currentTimeMillis() / 1000;
        Verified remembered = verified.get(key);
        if (remembered != null && now < remembered.validUntilEpochSecond()) {
            return remembered.principal();
        }
        JWTCallerPrincipal principal = verifier.parse(token, authContextInfo); // throws when not valid
        if (principal.getExpirationTime() > 0 && now >= principal.getExpirationTime()) {
            throw new ParseException("The token expired at " + principal.getExpirationTime()); // no clock skew allowed
        }
        // a token without exp is verified every time; with one, it is remembered only while now < exp
        long expiry = principal.getExpirationTime() > 0 ? principal.getExpirationTime() : now;
        if (verified.size() >= MAX_ENTRIES) {
            verified.clear();
        }
        verified.put(key, new Verified(principal, Math.min(expiry, now + MAX_AGE_SECONDS)));
        return principal;
    }
}
