package dev.roster.groups;

import java.util.Locale;

/** Where a group comes from. SCIM groups belong to the identity provider. */
public enum GroupSource {
    MANUAL, SCIM;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
