package dev.roster.common;

import java.util.List;

/**
 * One page of an admin-API list: {@code {"items":[…], "nextCursor":"…"|null}}. The cursor is opaque
 * to clients (a keyset position, see {@link PageRequest}); null means this was the last page.
 */
public record CursorPage<T>(List<T> items, String nextCursor) {

    /**
     * Builds the page from {@code limit + 1} fetched rows: the extra row only tells that a next page
     * exists, and the cursor is the position of the last row returned.
     */
    public static <T> CursorPage<T> of(List<T> fetched, int limit, java.util.function.Function<T, String> cursorOf) {
        if (fetched.size() <= limit) {
            return new CursorPage<>(fetched, null);
        }
        List<T> items = fetched.subList(0, limit);
        return new CursorPage<>(List.copyOf(items), cursorOf.apply(items.get(limit - 1)));
    }
}
