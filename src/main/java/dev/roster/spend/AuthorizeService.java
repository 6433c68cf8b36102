package dev.roster.spend;

import dev.roster.common.DomainException;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.YearMonth;
import java.util.UUID;

/**
 * The hot path: one SQL statement reads the member's state ({@link SpendQueries#memberState}), then
 * {@link SpendDecision} answers. No transaction is opened (a single read is consistent on its own).
 */
@ApplicationScoped
public class AuthorizeService {

    private final SpendQueries queries;
    private final SpendClock clock;

    public AuthorizeService(SpendQueries queries, SpendClock clock) {
        this.queries = queries;
        this.clock = clock;
    }

    public AuthorizeAnswer authorize(UUID orgId, UUID memberId, long costCents) {
        YearMonth month = clock.currentMonth();
        MemberSpendState state = queries.memberState(orgId, memberId, month)
                .orElseThrow(() -> DomainException.notFound("member", memberId));
        return SpendDecision.decide(state, costCents, month);
    }
}
