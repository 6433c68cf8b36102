package dev.roster.scim;

import dev.roster.auth.ScimCredential;
import dev.roster.common.Actor;
import jakarta.enterprise.context.RequestScoped;

import java.util.UUID;

/** The SCIM client of the current request, set by {@link ScimAuthenticationFilter}. */
@RequestScoped
public class ScimContext {

    private ScimCredential credential;

    void set(ScimCredential credential) {
        this.credential = credential;
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
