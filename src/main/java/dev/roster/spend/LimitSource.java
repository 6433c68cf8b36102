package dev.roster.spend;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** Where a member's effective limit comes from. */
public enum LimitSource {
    INDIVIDUAL, GROUP, NONE;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
