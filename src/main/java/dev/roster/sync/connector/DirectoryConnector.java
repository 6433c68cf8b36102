package dev.roster.sync.connector;

import java.util.List;

/**
 * An upstream directory a sync run reads from, page by page, so that a run never needs the whole
 * directory in memory. The first implementation speaks SCIM 2.0 ({@link ScimDirectoryConnector});
 * Microsoft Graph, Okta or Google Directory would implement the same three calls.
 *
 * <p>Cursors are opaque to the caller: {@code null} asks for the first page, and a page whose
 * {@code nextCursor} is null is the last. Every call either answers completely or throws
 * {@link DirectoryException} (after the connector's own retries): never a partial page.
 */
public interface DirectoryConnector {

    /** One page of groups, each with the upstream ids of its user members. */
    Page<UpstreamGroup> groups(String cursor) throws DirectoryException;

    /** One page of all the directory's users (used when many users are unknown, e.g. a first sync). */
    Page<UpstreamUser> users(String cursor) throws DirectoryException;

    /** The users with these upstream ids that the directory has; unknown ids are simply absent. */
    List<UpstreamUser> usersById(List<String> ids) throws DirectoryException;

    /** A page of results and where the next one starts (null: this was the last). */
    record Page<T>(List<T> items, String nextCursor) {
    }
}
