package dev.roster.auth;

import dev.roster.common.BearerSecrets;
import dev.roster.common.Sql;
import jakarta.enterprise.context.ApplicationScoped;

import dev.roster.audit.AuditLog;
import dev.roster.common.Actor;
import dev.roster.common.DomainException;
import dev.roster.common.Ids;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.Map;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * SCIM bearer tokens: generated with 256 bits of randomness, stored only as a SHA-256 hash (the secret
 * has full entropy, so a slow hash adds nothing), several live per org, revocable, last use recorded.
 *
 * <p>Which token a secret is, and so which org it speaks for, never changes; whether it is still live
 * does. {@link #authenticate} answers both from the database. {@link #identify} may answer the first
 * from memory, for callers that then prove the second in the database themselves (see
 * {@code ScimAuthenticationFilter}); nothing here trusts memory for liveness.
 */
@ApplicationScoped
public class ScimTokenService {

    /** last_used_at is written at most once a minute per token, not on every request. */
    private static final long LAST_USED_RESOLUTION_SECONDS = 60;
    /** How long a remembered identity is used before it is read again (the org's SCIM rate may change). */
    private static final long IDENTITY_TTL_NANOS = 60_000_000_000L;
    private static final int IDENTITY_CACHE_MAX = 10_000;

    private final Sql sql;
    private final Map<UUID, Instant> lastUsedWritten = new ConcurrentHashMap<>();
    /** token hash → identity of a token that was live when read; never consulted for liveness */
    private final Map<String, RememberedIdentity> identities = new ConcurrentHashMap<>();

    private record RememberedIdentity(ScimCredential credential, long readAtNanos) {
    }

    private final AuditLog audit;

    public ScimTokenService(Sql sql, AuditLog audit) {
        this.sql = sql;
        this.audit = audit;
    }

    public static String generateSecret() {
        return BearerSecrets.generate("scim_");
    }

    /** Registers a token; {@code secret} is generated when null. Runs in the caller's transaction. */
    public IssuedScimToken issue(UUID orgId, String name, String secret) {
        String token = secret != null ? secret : generateSecret();
        UUID id = UUID.randomUUID();
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS); // as stored
        sql.update("INSERT INTO scim_tokens (org_id, id, name, token_hash, created_at) VALUES (?, ?, ?, decode(?, 'hex'), ?)",
                orgId, id, name, BearerSecrets.sha256Hex(token), now);
        return new IssuedScimToken(id, name, token, now);
    }

    /** The live token's credential, from the database; revoked and unknown tokens give nothing. */
    public Optional<ScimCredential> authenticate(String token) {
        if (!plausible(token)) {
            return Optional.empty();
        }
        String hash = BearerSecrets.sha256Hex(token);
        Optional<ScimCredential> credential = sql.queryOne("""
                        SELECT t.org_id, t.id, t.name, o.scim_rate_per_minute
                        FROM scim_tokens t JOIN orgs o ON o.id = t.org_id
                        WHERE t.token_hash = decode(?, 'hex') AND t.revoked_at IS NULL""",
                row -> new ScimCredential(row.getObject(1, UUID.class), row.getObject(2, UUID.class), row.getString(3),
                        (Integer) row.getObject(4)),
                hash);
        credential.ifPresentOrElse(found -> {
            remember(hash, found);
            recordUse(found);
        }, () -> identities.remove(hash));
        return credential;
    }

    /**
     * Which token this secret is, if this replica authenticated it in the last minute, <em>without</em>
     * knowing whether it is still live: the caller must prove that in the database (see {@link #isLive}).
     */
    public Optional<ScimCredential> identify(String token) {
        if (!plausible(token)) {
            return Optional.empty();
        }
        RememberedIdentity remembered = identities.get(BearerSecrets.sha256Hex(token));
        if (remembered == null || System.nanoTime() - remembered.readAtNanos() > IDENTITY_TTL_NANOS) {
            return Optional.empty();
        }
        recordUse(remembered.credential());
        return Optional.of(remembered.credential());
    }

    /** Whether the token is live now (not revoked), from the database. */
    public boolean isLive(UUID orgId, UUID tokenId) {
        return sql.count("SELECT count(*) FROM scim_tokens WHERE org_id = ? AND id = ? AND revoked_at IS NULL",
                orgId, tokenId) == 1;
    }

    /** Drops what this replica remembers of a token (found revoked). */
    public void forget(UUID tokenId) {
        identities.values().removeIf(remembered -> remembered.credential().tokenId().equals(tokenId));
    }

    private static boolean plausible(String token) {
        return token != null && !token.isEmpty() && token.length() <= 512;
    }

    private void remember(String hash, ScimCredential credential) {
        if (identities.size() >= IDENTITY_CACHE_MAX) {
            identities.clear(); // only live tokens get here, and an org has a handful: a full map is an anomaly
        }
        identities.put(hash, new RememberedIdentity(credential, System.nanoTime()));
    }

    /** The org's tokens, newest first, live and revoked: what the admin API lists. */
    public java.util.List<ScimTokenView> list(UUID orgId) {
        return sql.query("""
                SELECT id, name, created_at, last_used_at, revoked_at FROM scim_tokens
                WHERE org_id = ? ORDER BY created_at DESC, id DESC""", ScimTokenService::view, orgId);
    }

    public Optional<ScimTokenView> find(UUID orgId, UUID tokenId) {
        return sql.queryOne("""
                SELECT id, name, created_at, last_used_at, revoked_at FROM scim_tokens
                WHERE org_id = ? AND id = ?""", ScimTokenService::view, orgId, tokenId);
    }

    private static ScimTokenView view(java.sql.ResultSet row) throws java.sql.SQLException {
        return new ScimTokenView(row.getObject(1, UUID.class), row.getString(2), Sql.instant(row, "created_at"),
                Sql.instant(row, "last_used_at"), Sql.instant(row, "revoked_at"));
    }

    /** An owner creates a token for their identity provider: the answer is the only time the secret is shown. */
    @Transactional
    public IssuedScimToken create(Actor actor, String name) {
        IssuedScimToken issued = issue(actor.orgId(), name.strip(), null);
        audit.record(actor, "scim_token.created", "scim_token", issued.id(), null, Map.of("name", issued.name()));
        return issued;
    }

    /** Revokes the token with this id (a no-op when it already is); unknown ids are 404. */
    @Transactional
    public void revoke(Actor actor, String id) {
        ScimTokenView token = Ids.parse(id).flatMap(tokenId -> find(actor.orgId(), tokenId))
                .orElseThrow(() -> DomainException.notFound("SCIM token", id));
        if (revoke(actor.orgId(), token.id())) {
            audit.record(actor, "scim_token.revoked", "scim_token", token.id(), Map.of("name", token.name()), null);
        }
    }

    /** Revokes a token; from then on no replica accepts it (liveness is always read from the database). */
    public boolean revoke(UUID orgId, UUID tokenId) {
        return sql.update("UPDATE scim_tokens SET revoked_at = now() WHERE org_id = ? AND id = ? AND revoked_at IS NULL",
                orgId, tokenId) == 1;
    }

    private void recordUse(ScimCredential credential) {
        Instant now = Instant.now();
        Instant last = lastUsedWritten.get(credential.tokenId());
        if (last == null || last.isBefore(now.minusSeconds(LAST_USED_RESOLUTION_SECONDS))) {
            lastUsedWritten.put(credential.tokenId(), now);
            sql.update("UPDATE scim_tokens SET last_used_at = ? WHERE org_id = ? AND id = ? AND revoked_at IS NULL",
                    now, credential.orgId(), credential.tokenId());
        }
    }
}
