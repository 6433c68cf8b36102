package dev.roster.spend;

import dev.roster.common.Limit;

import java.util.UUID;

/** A limit set on one of the member's groups. */
public record GroupLimit(UUID groupId, Limit limit) {
}
