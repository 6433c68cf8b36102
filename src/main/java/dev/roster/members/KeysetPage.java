package dev.roster.members;

import java.util.List;
import java.util.function.Function;

/** One page of an admin list: {@code {"items":[…], "nextCursor": "…"|null}}. */
public record KeysetPage<T>(List<T> items, String nextCursor) {

    /**
     * Builds the page from up to {@code limit + 1} rows fetched in sort order: the extra row only
     * tells that there is a next page, which continues after the last item kept.
     */
    public static <T> KeysetPage<T> of(List<T> fetched, int limit, Function<T, String> sortKey) {
        if (fetched.size() <= limit) {
            return new KeysetPage<>(List.copyOf(fetched), null);
        }
        List<T> items = List.copyOf(fetched.subList(0, limit));
        return new KeysetPage<>(items, PageParams.encode(sortKey.apply(items.get(limit - 1))));
    }
}
