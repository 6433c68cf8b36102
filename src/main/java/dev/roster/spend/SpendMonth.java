package dev.roster.spend;

import dev.roster.common.DomainException;

import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/** Calendar months in UTC, as {@code YYYY-MM} on the wire. */
public final class SpendMonth {

    private static final Pattern WIRE = Pattern.compile("\\d{4}-\\d{2}");

    private SpendMonth() {
    }

    /** {@code ?month=YYYY-MM}, or {@code current} when absent. */
    public static YearMonth parse(String value, YearMonth current) {
        if (value == null || value.isBlank()) {
            return current;
        }
        String text = value.strip();
        if (WIRE.matcher(text).matches()) {
            try {
                return YearMonth.parse(text);
            } catch (DateTimeParseException e) {
                // falls through to the refusal
            }
        }
        throw DomainException.invalid("month", "month must be a calendar month as YYYY-MM (e.g. 2026-11); got '" + value + "'");
    }
}
