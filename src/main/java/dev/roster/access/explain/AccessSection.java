package dev.roster.access.explain;

import java.util.UUID;

/**
 * A part of a member's effective access contributed by another feature (spend limit, plugins), so
 * that {@code GET /members/{id}/access} shows everything without knowing every feature.
 */
public interface AccessSection {

    /** The property name in the access document, e.g. {@code spendLimit}. */
    String name();

    /** The value, already resolved for this member (serialised as JSON). */
    Object describe(UUID orgId, UUID memberId);
}
