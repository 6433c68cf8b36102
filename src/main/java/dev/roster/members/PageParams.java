package dev.roster.members;

import dev.roster.common.DomainException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The {@code ?cursor=&limit=} of an admin list, validated. The cursor is opaque to clients: the
 * base64url form of the sort key of the last item returned (keyset paging, never OFFSET).
 */
public record PageParams(String after, int limit) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    public static PageParams parse(String cursor, String limit) {
        return new PageParams(decode(cursor), parseLimit(limit));
    }

    /** The cursor that continues after an item whose sort key is {@code key}. */
    public static String encode(String key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        try {
            if (cursor.length() > 2048) {
                throw new IllegalArgumentException();
            }
            return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw DomainException.invalid("cursor", "The cursor is not one this API returned; start again without it");
        }
    }

    private static int parseLimit(String limit) {
        if (limit == null || limit.isEmpty()) {
            return DEFAULT_LIMIT;
        }
        try {
            int value = Integer.parseInt(limit.strip());
            if (value >= 1 && value <= MAX_LIMIT) {
                return value;
            }
        } catch (NumberFormatException e) {
            // fall through to the refusal
        }
        throw DomainException.invalid("limit", "limit must be an integer from 1 to " + MAX_LIMIT);
    }
}
