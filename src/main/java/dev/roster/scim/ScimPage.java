package dev.roster.scim;

import java.util.List;

/** One page of a list: the items and the total number of matches. */
public record ScimPage<T>(List<T> items, long totalResults) {
}
