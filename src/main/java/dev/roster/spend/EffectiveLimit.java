package dev.roster.spend;

import dev.roster.common.Limit;

import java.util.List;
import java.util.UUID;

/**
 * The limit that governs a member, with its source: {@code individual}; {@code group} with the ids of
 * every group that sets it (all groups tied at the lowest amount, or all the unlimited ones); or
 * {@code none} (limit null).
 */
public record EffectiveLimit(Limit limit, LimitSource source, List<UUID> groupIds) {

    public static final EffectiveLimit NONE = new EffectiveLimit(null, LimitSource.NONE, List.of());

    /** What is left this month, limit − spent (never below 0); null unless the limit is an amount. */
    public Long remaining(long spentCents) {
        return limit == null ? null : limit.remaining(spentCents);
    }

    /** Whether {@code spentCents} is at or over an amount limit (never for unlimited or none). */
    public boolean isReachedAt(long spentCents) {
        return limit != null && limit.isAmount() && spentCents >= limit.amountCents();
    }
}
