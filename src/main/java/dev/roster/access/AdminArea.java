package dev.roster.access;

import java.util.Locale;
import java.util.Optional;

/** The areas of the admin console a role can open, each at an {@link AccessLevel}. */
public enum AdminArea {
    /** groups, custom roles, group mappings, SCIM tokens, directory sync */
    IDENTITY_ACCESS,
    /** members, invitations, member roles */
    USER_MANAGEMENT,
    /** spend limits, org spend cap */
    BILLING,
    /** usage reports */
    ANALYTICS,
    /** audit log */
    PRIVACY,
    /** plugins */
    LIBRARIES;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<AdminArea> fromWire(String value) {
        for (AdminArea area : values()) {
            if (area.wire().equals(value)) {
                return Optional.of(area);
            }
        }
        return Optional.empty();
    }
}
