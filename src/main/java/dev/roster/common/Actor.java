package dev.roster.common;

import java.util.UUID;

/**
 * Who is making a change: an admin (a member, through the admin API), an org API key, an IdP (through a SCIM token),
 * the directory-sync job, or the system itself. Rules that depend on the channel (SCIM groups are
 * read-only to admins, manual groups invisible to SCIM) read it from here.
 */
public record Actor(Type type, UUID orgId, String id, String name) {

    public enum Type {
        MEMBER, API_KEY, SCIM_TOKEN, SYNC, SYSTEM;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public static Actor member(UUID orgId, UUID memberId, String userName) {
        return new Actor(Type.MEMBER, orgId, memberId.toString(), userName);
    }

    public static Actor apiKey(UUID orgId, UUID keyId, String keyName) {
        return new Actor(Type.API_KEY, orgId, keyId.toString(), keyName);
    }

    public static Actor scimToken(UUID orgId, UUID tokenId, String tokenName) {
        return new Actor(Type.SCIM_TOKEN, orgId, tokenId.toString(), tokenName);
    }

    public static Actor sync(UUID orgId, UUID runId) {
        return new Actor(Type.SYNC, orgId, runId.toString(), "directory sync");
    }

    public static Actor system(UUID orgId) {
        return new Actor(Type.SYSTEM, orgId, null, "system");
    }

    /** SCIM clients and the sync job speak for the identity provider. */
    public boolean isIdentityProvider() {
        return type == Type.SCIM_TOKEN || type == Type.SYNC;
    }
}
