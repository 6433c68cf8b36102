package dev.roster.spend;

import dev.roster.common.Limit;

import java.util.UUID;

/** A group's limit as {@code /groups/{id}/spend-limit} shows it; limit null = not set. */
public record GroupSpendLimitView(UUID groupId, Limit limit) {
}
