package dev.roster.scim;

import jakarta.ws.rs.core.UriInfo;

/** Absolute SCIM URLs (meta.location, $ref) from the request's base URI, proxy headers included. */
final class ScimUrls {

    private ScimUrls() {
    }

    static String base(UriInfo uri) {
        String root = uri.getBaseUri().toString();
        return (root.endsWith("/") ? root.substring(0, root.length() - 1) : root) + "/scim/v2";
    }
}
