package dev.roster.access;

import java.util.Locale;
import java.util.Optional;

/** none &lt; view &lt; manage. */
public enum AccessLevel {
    NONE, VIEW, MANAGE;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean atLeast(AccessLevel other) {
        return compareTo(other) >= 0;
    }

    public static AccessLevel max(AccessLevel a, AccessLevel b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    public static Optional<AccessLevel> fromWire(String value) {
        for (AccessLevel level : values()) {
            if (level.wire().equals(value)) {
                return Optional.of(level);
            }
        }
        return Optional.empty();
    }
}
