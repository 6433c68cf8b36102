package dev.roster.orgs;

import java.util.Locale;

/** An organization's plan. Groups, custom roles, group limits and plugins need {@link #ENTERPRISE}. */
public enum Plan {
    ENTERPRISE, TEAM, PRO;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Plan fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
