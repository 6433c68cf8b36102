package dev.roster.scim;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.roster.common.DomainException;
import dev.roster.common.ErrorCode;

import java.time.Instant;

/**
 * Weak ETags from the row version (RFC 7644 §3.14): {@code W/"7"}, one {@code ETag} header on every
 * answer that carries a resource. {@code If-Match} with a stale version is refused with 412 after the row
 * is locked, so the check and the write cannot race; {@code If-None-Match} with the current version makes
 * a GET answer 304. Both compare weakly (RFC 9110 §8.8.3.2): {@code W/"7"} and {@code "7"} name version 7.
 */
public final class ETags {

    private ETags() {
    }

    public static String of(long version) {
        return "W/\"" + version + "\"";
    }

    public static void checkIfMatch(String ifMatch, long currentVersion) {
        if (ifMatch == null || ifMatch.isBlank() || names(ifMatch, currentVersion)) {
            return;
        }
        throw new DomainException(ErrorCode.PRECONDITION_FAILED,
                "The resource has changed: its version is " + of(currentVersion) + ", If-Match named " + ifMatch.trim());
    }

    /** Whether a GET with this {@code If-None-Match} header is answered 304 Not Modified. */
    public static boolean notModified(String ifNoneMatch, long currentVersion) {
        return ifNoneMatch != null && names(ifNoneMatch, currentVersion);
    }

    /** Whether a list of entity tags (or {@code *}) names the current version. */
    private static boolean names(String tags, long currentVersion) {
        String current = of(currentVersion);
        for (String candidate : tags.split(",")) {
            String tag = candidate.trim();
            if (tag.equals("*") || tag.equals(current) || tag.equals(current.substring(2))) {
                return true;
            }
        }
        return false;
    }

    /** The {@code meta} of a resource (RFC 7643 §3.1), its version being the ETag. */
    static void putMeta(ObjectNode resource, String resourceType, Instant created, Instant lastModified, String location,
                        long version) {
        ObjectNode meta = resource.putObject("meta");
        meta.put("resourceType", resourceType);
        meta.put("created", created.toString());
        meta.put("lastModified", lastModified.toString());
        meta.put("location", location);
        meta.put("version", of(version));
    }
}
