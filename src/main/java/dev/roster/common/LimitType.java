package dev.roster.common;

import com.fasterxml.jackson.annotation.JsonCreator;
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

    /** A request's {@code type}: exactly one of the wire names (no index, no other case). */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static LimitType parse(String value) {
        return fromWire(value).orElseThrow(() -> new IllegalArgumentException(
                "unknown limit type '" + value + "'; expected \"unlimited\" or \"amount\""));
    }
}
