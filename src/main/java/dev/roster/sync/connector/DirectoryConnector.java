package dev.roster.sync.connector;

import java.util.List;

/**
 * An upstream directory a sync run reads from, page by page, so that a run never holds the whole
 * directory in memory. The first implementation speaks SCIM 2.0 ({@link ScimDirectoryConnector});
 * Microsoft Graph, Okta or Google Directory would implement the same three calls.
 *
 * <p>The listing calls hand every page to a {@link PageSink} as it arrives (possibly from several
 * threads, if the connector reads pages concurrently) and return once all pages were delivered; they
 * throw {@link DirectoryException} (after the connector's own retries) if any page cannot be read, never
 * delivering half a page, and when they cannot tell that they read the whole listing.
 */
public interface DirectoryConnector {

    /** Every group, each with the upstream ids of its user members. */
    void groups(PageSink<UpstreamGroup> sink) throws DirectoryException;

    /** Every user of the directory (used when many users are unknown, e.g. a first sync). */
    void users(PageSink<UpstreamUser> sink) throws DirectoryException;

    /** Every inactive user of the directory (usually few: a filtered listing). */
    void inactiveUsers(PageSink<UpstreamUser> sink) throws DirectoryException;

    /** The users with these upstream ids that the directory has; unknown ids are simply absent. */
    List<UpstreamUser> usersById(List<String> ids) throws DirectoryException;

    /** Receives pages; {@code offset} is the 0-based position of the page's first item in the listing. */
    @FunctionalInterface
    interface PageSink<T> {
        void accept(long offset, List<T> items);
    }
}
