package dev.roster.common;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * {@code ?cursor=&limit=} of an admin-API list (limit 1..500, default 50). A cursor is a keyset
 * position (e.g. the sort key and id of the last row seen) encoded as base64url text, so pages stay
 * stable while rows are added and cost the same whatever the page number.
 */
public record PageRequest(Optional<List<String>> after, int limit) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;
    private static final String SEPARATOR = "\n";

    /** Parses the query parameters; a bad limit or cursor is {@code 400 validation_failed}. */
    public static PageRequest parse(String cursor, String limit, int cursorParts) {
        int size = DEFAULT_LIMIT;
        if (limit != null && !limit.isBlank()) {
            try {
                size = Integer.parseInt(limit.strip());
            } catch (NumberFormatException e) {
                size = -1;
            }
            if (size < 1 || size > MAX_LIMIT) {
                throw DomainException.invalid("limit", "limit must be an integer from 1 to " + MAX_LIMIT);
            }
        }
        if (cursor == null || cursor.isBlank()) {
            return new PageRequest(Optional.empty(), size);
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor.strip()), StandardCharsets.UTF_8);
            // at most cursorParts parts: the last may itself hold the separator (a sort key such as a userName)
            List<String> parts = List.of(text.split(SEPARATOR, cursorParts));
            if (parts.size() != cursorParts) {
                throw new IllegalArgumentException("wrong number of parts");
            }
            return new PageRequest(Optional.of(parts), size);
        } catch (IllegalArgumentException e) {
            throw badCursor();
        }
    }

    public static String cursor(Object... parts) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                text.append(SEPARATOR);
            }
            text.append(parts[i]);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Part {@code index} of the cursor as an id; a tampered cursor is {@code 400 validation_failed}. */
    public java.util.UUID uuidAt(int index) {
        return after.flatMap(parts -> Ids.parse(parts.get(index))).orElseThrow(PageRequest::badCursor);
    }

    /** Part {@code index} of the cursor as an instant. */
    public java.time.Instant instantAt(int index) {
        try {
            return java.time.Instant.parse(after.orElseThrow(PageRequest::badCursor).get(index));
        } catch (java.time.format.DateTimeParseException e) {
            throw badCursor();
        }
    }

    /** Part {@code index} of the cursor as a number. */
    public long longAt(int index) {
        try {
            return Long.parseLong(after.orElseThrow(PageRequest::badCursor).get(index));
        } catch (NumberFormatException e) {
            throw badCursor();
        }
    }

    private static DomainException badCursor() {
        return DomainException.invalid("cursor", "The cursor is not one this list handed out");
    }

    /** Rows to fetch: one more than the page, to know whether another page follows. */
    public int fetchSize() {
        return limit + 1;
    }
}
