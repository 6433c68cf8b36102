package dev.roster.scim;

import java.util.UUID;

/** A group as listed in a User's read-only {@code groups} attribute. */
public record ScimGroupRef(UUID id, String displayName) {
}
