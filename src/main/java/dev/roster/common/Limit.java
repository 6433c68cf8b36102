package dev.roster.common;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A monthly spend limit that is set: {@code {"type":"unlimited"}} or
 * {@code {"type":"amount","amountCents":5000}}. "Not set" is represented by no Limit at all (null).
 * Amounts are integer US cents from 0 to {@link #MAX_AMOUNT_CENTS}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Limit(LimitType type, Long amountCents) {

    /** 10^12 cents (ten billion dollars): anything above is a typo, not a budget. */
    public static final long MAX_AMOUNT_CENTS = 1_000_000_000_000L;

    public Limit {
        if (type == null) {
            throw new IllegalArgumentException("type");
        }
        if ((type == LimitType.AMOUNT) != (amountCents != null)) {
            throw new IllegalArgumentException("an amount limit, and only it, has amountCents");
        }
        if (amountCents != null && (amountCents < 0 || amountCents > MAX_AMOUNT_CENTS)) {
            throw new IllegalArgumentException("amountCents out of range");
        }
    }

    public static Limit unlimited() {
        return new Limit(LimitType.UNLIMITED, null);
    }

    public static Limit amount(long cents) {
        return new Limit(LimitType.AMOUNT, cents);
    }

    @JsonIgnore
    public boolean isAmount() {
        return type == LimitType.AMOUNT;
    }

    @JsonIgnore
    public boolean isUnlimited() {
        return type == LimitType.UNLIMITED;
    }

    /** From a row's {@code kind, amount_cents} columns; a null kind means not set. */
    public static Limit fromColumns(String kind, Long amountCents) {
        if (kind == null) {
            return null;
        }
        return LimitType.fromWire(kind).map(type -> new Limit(type, type == LimitType.AMOUNT ? amountCents : null))
                .orElseThrow(() -> new IllegalStateException("unknown limit kind in the database: " + kind));
    }
}
