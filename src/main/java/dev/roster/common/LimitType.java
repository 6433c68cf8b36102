package dev.roster.common;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;
import java.util.Optional;

/** The two kinds of a set limit; "not set" is the absence of a limit. */
public enum LimitType {
    UNLIMITED, AMOUNT;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<LimitType> fromWire(String value) {
        for (LimitType type : values()) {
            if (type.wire().equals(value)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
