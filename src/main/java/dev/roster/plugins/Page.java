package dev.roster.plugins;

import dev.roster.common.DomainException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/**
 * One page of a plugins list: {@code {"items":[…], "nextCursor":"…"|null}}. The cursor is an opaque
 * keyset position (the sort key of the last row returned), so every page costs the same.
 */
public record Page<T>(List<T> items, String nextCursor) {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;

    /** Builds the page from {@code limit + 1} fetched rows; the extra row only says that more follow. */
    static <T> Page<T> of(List<T> fetched, int limit, Function<T, List<String>> keyOf) {
        if (fetched.size() <= limit) {
            return new Page<>(List.copyOf(fetched), null);
        }
        List<T> items = List.copyOf(fetched.subList(0, limit));
        return new Page<>(items, encode(keyOf.apply(items.get(limit - 1))));
    }

    /** {@code ?limit=}: 1..500, default 50; anything else is {@code 400 validation_failed}. */
    static int limit(String limit) {
        if (limit == null || limit.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            int value = Integer.parseInt(limit.strip());
            if (value >= 1 && value <= MAX_LIMIT) {
                return value;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw DomainException.invalid("limit", "limit must be an integer from 1 to " + MAX_LIMIT);
    }

    /** {@code ?cursor=}: null for the first page, else the key parts this list handed out. */
    static List<String> after(String cursor, int parts) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor.strip()), StandardCharsets.UTF_8);
            // split from the right: only the first part (a name) may itself contain the separator
            java.util.LinkedList<String> key = new java.util.LinkedList<>();
            for (int i = 1; i < parts; i++) {
                int at = text.lastIndexOf('\n');
                if (at < 0) {
                    throw badCursor();
                }
                key.addFirst(text.substring(at + 1));
                text = text.substring(0, at);
            }
            key.addFirst(text);
            return List.copyOf(key);
        } catch (IllegalArgumentException e) {
            // refused below
        }
        throw badCursor();
    }

    static DomainException badCursor() {
        return DomainException.invalid("cursor", "The cursor is not one this list handed out");
    }

    private static String encode(List<String> key) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(String.join("\n", key).getBytes(StandardCharsets.UTF_8));
    }
}
