package dev.roster.scim;

import java.util.List;

/**
 * One page of a SCIM list, as a {@code ListResponse} (RFC 7644 §3.4.2) reports it: the items and the total
 * number of matches, paged by {@code startIndex} and {@code count}. This is SCIM's own paging protocol,
 * which identity providers speak; the admin API pages with cursors ({@link dev.roster.common.CursorPage}).
 */
public record ScimPage<T>(List<T> items, long totalResults) {
}
