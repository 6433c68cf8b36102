package dev.roster.spend;

import dev.roster.common.Limit;
import org.junit.jupiter.api.Test;

import java.time.YearMonth;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The authorize rule on its own: limit, org cap, inactivity, boundaries and overflow. */
class SpendDecisionTest {

    private static final UUID MEMBER = UUID.fromString("00000000-0000-0000-0000-000000000001");
    private static final UUID GROUP = UUID.fromString("00000000-0000-0000-0000-000000000002");
    private static final YearMonth MONTH = YearMonth.of(2026, 11);

    private static MemberSpendState state(boolean active, Limit individual, long spent, Limit cap, long orgSpent) {
        return new MemberSpendState(MEMBER, active, individual, List.of(), spent, cap, orgSpent);
    }

    @Test
    void withinTheLimitIsAllowedUpToExactlyTheLimit() {
        MemberSpendState state = state(true, Limit.amount(1_000), 400, null, 0);
        AuthorizeAnswer atTheLimit = SpendDecision.decide(state, 600, MONTH);
        assertTrue(atTheLimit.allowed());
        assertNull(atTheLimit.reason());
        assertEquals(600L, atTheLimit.remainingCents());
        assertEquals("2026-11", atTheLimit.month());
        AuthorizeAnswer oneCentOver = SpendDecision.decide(state, 601, MONTH);
        assertFalse(oneCentOver.allowed());
        assertEquals(AuthorizeAnswer.Reason.LIMIT_REACHED, oneCentOver.reason());
        assertEquals(600L, oneCentOver.remainingCents());
    }

    @Test
    void spendPastTheLimitDeniesEvenAZeroCostAndRemainingStaysAtZero() {
        AuthorizeAnswer answer = SpendDecision.decide(state(true, Limit.amount(1_000), 1_250, null, 0), 0, MONTH);
        assertEquals(AuthorizeAnswer.Reason.LIMIT_REACHED, answer.reason());
        assertEquals(0L, answer.remainingCents());
        assertTrue(SpendDecision.decide(state(true, Limit.amount(1_000), 1_000, null, 0), 0, MONTH).allowed());
    }

    @Test
    void noLimitOrAnUnlimitedOneNeverDenies() {
        assertTrue(SpendDecision.decide(state(true, null, Long.MAX_VALUE / 2, null, 0), Long.MAX_VALUE, MONTH).allowed());
        AuthorizeAnswer unlimited = SpendDecision.decide(state(true, Limit.unlimited(), 5, null, 0), Limit.MAX_AMOUNT_CENTS, MONTH);
        assertTrue(unlimited.allowed());
        assertNull(unlimited.remainingCents());
        assertEquals(LimitSource.INDIVIDUAL, unlimited.source());
    }

    @Test
    void theOrgCapDeniesWhenTheMemberLimitWouldNot() {
        MemberSpendState state = state(true, Limit.amount(5_000), 0, Limit.amount(1_000), 900);
        assertTrue(SpendDecision.decide(state, 100, MONTH).allowed());
        AuthorizeAnswer over = SpendDecision.decide(state, 101, MONTH);
        assertEquals(AuthorizeAnswer.Reason.ORG_CAP_REACHED, over.reason());
        assertEquals(5_000L, over.remainingCents());
        assertEquals(new AuthorizeAnswer.OrgCapState(Limit.amount(1_000), 900, 100L), over.orgCap());
    }

    @Test
    void theMemberLimitIsNamedFirstWhenBothAreReached() {
        AuthorizeAnswer answer = SpendDecision.decide(state(true, Limit.amount(50), 0, Limit.amount(10), 0), 60, MONTH);
        assertEquals(AuthorizeAnswer.Reason.LIMIT_REACHED, answer.reason());
    }

    @Test
    void anUnlimitedCapIsShownButNeverDenies() {
        AuthorizeAnswer answer = SpendDecision.decide(state(true, null, 0, Limit.unlimited(), 900), 1_000_000, MONTH);
        assertTrue(answer.allowed());
        assertEquals(new AuthorizeAnswer.OrgCapState(Limit.unlimited(), 900, null), answer.orgCap());
        assertNull(SpendDecision.decide(state(true, null, 0, null, 0), 1, MONTH).orgCap());
    }

    @Test
    void anInactiveMemberIsDeniedFirstWhateverTheLimits() {
        AuthorizeAnswer answer = SpendDecision.decide(state(false, Limit.unlimited(), 0, null, 0), 0, MONTH);
        assertFalse(answer.allowed());
        assertEquals(AuthorizeAnswer.Reason.INACTIVE, answer.reason());
        assertEquals(Limit.unlimited(), answer.limit());
        assertEquals(AuthorizeAnswer.Reason.INACTIVE,
                SpendDecision.decide(state(false, Limit.amount(1), 5, Limit.amount(1), 5), 10, MONTH).reason());
    }

    @Test
    void hugeAmountsDoNotOverflow() {
        MemberSpendState state = state(true, Limit.amount(Limit.MAX_AMOUNT_CENTS), Limit.MAX_AMOUNT_CENTS - 1,
                Limit.amount(Limit.MAX_AMOUNT_CENTS), Long.MAX_VALUE - 10);
        assertEquals(AuthorizeAnswer.Reason.LIMIT_REACHED, SpendDecision.decide(state, Long.MAX_VALUE, MONTH).reason());
        assertEquals(AuthorizeAnswer.Reason.ORG_CAP_REACHED, SpendDecision.decide(state, 1, MONTH).reason());
    }

    @Test
    void groupLimitsAreResolvedBeforeDeciding() {
        MemberSpendState state = new MemberSpendState(MEMBER, true, null, List.of(new GroupLimit(GROUP, Limit.amount(100))),
                90, null, 0);
        AuthorizeAnswer answer = SpendDecision.decide(state, 11, MONTH);
        assertEquals(AuthorizeAnswer.Reason.LIMIT_REACHED, answer.reason());
        assertEquals(LimitSource.GROUP, answer.source());
        assertEquals(List.of(GROUP), answer.groupIds());
        assertEquals(10L, answer.remainingCents());
    }
}
