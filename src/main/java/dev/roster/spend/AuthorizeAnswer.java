package dev.roster.spend;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.roster.common.Limit;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The answer to {@code POST /spend/authorize} (SPEC §9): allowed or not, why not ({@code reason}), and
 * the member's effective limit with its source, month-to-date spend and what remains (limit − spent
 * before the requested amount, never below 0; null unless the limit is an amount). {@code orgCap} is
 * present when the org has a spend cap.
 */
public record AuthorizeAnswer(boolean allowed,
                              @JsonInclude(JsonInclude.Include.NON_NULL) Reason reason,
                              Limit limit, LimitSource source, List<UUID> groupIds,
                              long spentCents, Long remainingCents, String month,
                              @JsonInclude(JsonInclude.Include.NON_NULL) OrgCapState orgCap) {

    public enum Reason {
        LIMIT_REACHED, ORG_CAP_REACHED, INACTIVE;

        @JsonValue
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The org's cap and its month-to-date spend; remainingCents null when the cap is unlimited. */
    public record OrgCapState(Limit limit, long spentCents, Long remainingCents) {
    }
}
