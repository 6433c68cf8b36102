package dev.roster.sync.connector;

/**
 * A user as the upstream directory has it: its upstream id, its userName (null when the upstream sent
 * none), whether it is active (only an explicit {@code active: false} makes it inactive) and the whole
 * resource as JSON text, from which a member is created.
 */
public record UpstreamUser(String id, String userName, boolean active, String documentJson) {
}
