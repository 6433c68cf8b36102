package dev.roster.spend;

import dev.roster.common.DomainException;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.YearMonth;
import java.util.UUID;

/**
 * The hot path: one SQL statement reads the member's state ({@link UsageStore#MEMBER_STATE}), then
 * {@link SpendDecision} answers. No transaction is opened (a single read is consistent on its own).
 */
@ApplicationScoped
public class AuthorizeService {

    private final UsageStore store;
    private final SpendClock clock;

    public AuthorizeService(UsageStore store, SpendClock clock) {
        this.store = store;
        this.clock = clock;
    }

    public AuthorizeAnswer authorize(UUID orgId, UUID memberId, long costCents) {
        YearMonth month = clock.currentMonth();
        MemberSpendState state = store.memberState(orgId, memberId, month)
                .orElseThrow(() -> DomainException.notFound("member", memberId));
        return SpendDecision.decide(state, costCents, month);
    }
}
