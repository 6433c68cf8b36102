package dev.roster.access;

import java.util.Locale;
import java.util.Optional;

/** A member's built-in organization role. Declared from the least to the most privileged. */
public enum OrgRole {
    CUSTOM_ROLES, USER, ADMIN, OWNER, PRIMARY_OWNER;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<OrgRole> fromWire(String value) {
        if (value == null) {
            return Optional.empty();
        }
        for (OrgRole role : values()) {
            if (role.wire().equals(value)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }

    /** A role read from the database, where the schema allows only known roles. */
    public static OrgRole require(String stored) {
        return fromWire(stored).orElseThrow(() -> new IllegalStateException("Unknown org role " + stored));
    }

    public boolean isOwner() {
        return this == OWNER || this == PRIMARY_OWNER;
    }
}
