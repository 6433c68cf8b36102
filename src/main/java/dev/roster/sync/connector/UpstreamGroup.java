package dev.roster.sync.connector;

import java.util.List;

/**
 * A group as the upstream directory has it: its upstream id (kept as the local group's externalId),
 * its name, and the upstream ids of its user members. {@code nestedGroups} counts member entries that
 * were groups, which Roster does not flatten (reported by the run).
 */
public record UpstreamGroup(String id, String displayName, List<String> memberIds, int nestedGroups) {
}
