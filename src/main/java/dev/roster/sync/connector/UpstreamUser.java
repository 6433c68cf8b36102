package dev.roster.sync.connector;

/**
 * A user as the upstream directory has it: its upstream id, its userName (null when the upstream sent
 * none) and the whole resource as JSON text, from which a member is created.
 */
public record UpstreamUser(String id, String userName, String documentJson) {
}
