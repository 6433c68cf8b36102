package dev.roster.scim;

import dev.roster.auth.ScimCredential;
import dev.roster.common.Actor;
import dev.roster.common.SqlPart;
import dev.roster.scim.schema.ScimError;
import jakarta.enterprise.context.RequestScoped;

import java.util.Map;
import java.util.UUID;

/**
 * The SCIM client of the current request, set by {@link ScimAuthenticationFilter}, and whether its token
 * has been proved live in the database during this request.
 */
@RequestScoped
public class ScimContext {

    private static final String LIVE_TOKEN = "EXISTS (SELECT 1 FROM scim_tokens live_token WHERE live_token.org_id = :liveTokenOrgId"
            + " AND live_token.id = :liveTokenId AND live_token.revoked_at IS NULL)";

    private ScimCredential credential;
    private boolean provedLive;

    void set(ScimCredential credential, boolean provedLive) {
        this.credential = credential;
        this.provedLive = provedLive;
    }

    boolean provedLive() {
        return provedLive;
    }

    ScimCredential credentialOrNull() {
        return credential;
    }

    /**
     * The tenant condition for a read over table alias {@code alias}: the caller's org, and only while the
     * caller's token is live (not revoked). A row read under it proves the token live: call
     * {@link #provedLiveBy} with what the read returned.
     */
    public SqlPart liveTenantScope(String alias) {
        return new SqlPart(alias + ".org_id = :tenantOrgId", Map.of("tenantOrgId", orgId())).and(liveTokenGuard());
    }

    /**
     * A condition for a write's statement that holds only while the caller's token is live, so that a
     * revoked token writes nothing; {@code true} when this request already proved it.
     */
    public SqlPart liveTokenGuard() {
        if (provedLive) {
            return SqlPart.TRUE;
        }
        return new SqlPart(LIVE_TOKEN, Map.of("liveTokenOrgId", orgId(), "liveTokenId", credential().tokenId()));
    }

    /** A read under {@link #liveTenantScope} returned {@code rows} rows; any row proves the token live. */
    public void provedLiveBy(int rows) {
        if (rows > 0) {
            provedLive = true;
        }
    }

    public UUID orgId() {
        return credential().orgId();
    }

    public Actor actor() {
        return Actor.scimToken(credential().orgId(), credential().tokenId(), credential().tokenName());
    }

    private ScimCredential credential() {
        if (credential == null) {
            throw new ScimError(401, null, "A valid SCIM bearer token is required");
        }
        return credential;
    }
}
