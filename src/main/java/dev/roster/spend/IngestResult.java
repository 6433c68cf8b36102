package dev.roster.spend;

/** The answer to a usage batch: events newly counted, and events already known (replays) that were not. */
public record IngestResult(int accepted, int duplicates) {
}
