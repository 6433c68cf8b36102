package dev.roster.spend;

import dev.roster.common.Limit;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The effective-limit rule on its own (SPEC §4), without a database. */
class SpendLimitResolverTest {

    private static final UUID A = UUID.fromString("00000000-0000-0000-0000-00000000000a");
    private static final UUID B = UUID.fromString("00000000-0000-0000-0000-00000000000b");
    private static final UUID C = UUID.fromString("00000000-0000-0000-0000-00000000000c");

    @Test
    void noIndividualLimitAndNoLimitedGroupIsNoLimit() {
        assertEquals(EffectiveLimit.NONE, SpendLimitResolver.resolve(null, List.of()));
    }

    @Test
    void theIndividualLimitWinsWhateverTheGroupsSay() {
        List<GroupLimit> groups = List.of(new GroupLimit(A, Limit.amount(10)), new GroupLimit(B, Limit.unlimited()));
        assertEquals(new EffectiveLimit(Limit.unlimited(), LimitSource.INDIVIDUAL, List.of()),
                SpendLimitResolver.resolve(Limit.unlimited(), groups));
        assertEquals(new EffectiveLimit(Limit.amount(5_000), LimitSource.INDIVIDUAL, List.of()),
                SpendLimitResolver.resolve(Limit.amount(5_000), groups));
        assertEquals(new EffectiveLimit(Limit.amount(0), LimitSource.INDIVIDUAL, List.of()),
                SpendLimitResolver.resolve(Limit.amount(0), List.of()));
    }

    @Test
    void amongGroupsTheLowestAmountWinsAndAnAmountBeatsUnlimited() {
        List<GroupLimit> groups = List.of(new GroupLimit(A, Limit.unlimited()), new GroupLimit(B, Limit.amount(300)),
                new GroupLimit(C, Limit.amount(200)));
        assertEquals(new EffectiveLimit(Limit.amount(200), LimitSource.GROUP, List.of(C)), SpendLimitResolver.resolve(null, groups));
    }

    @Test
    void groupsTiedAtTheLowestAmountAreAllNamedInIdOrder() {
        List<GroupLimit> groups = List.of(new GroupLimit(C, Limit.amount(100)), new GroupLimit(B, Limit.amount(500)),
                new GroupLimit(A, Limit.amount(100)));
        assertEquals(new EffectiveLimit(Limit.amount(100), LimitSource.GROUP, List.of(A, C)), SpendLimitResolver.resolve(null, groups));
    }

    @Test
    void unlimitedOnlyWhenEveryLimitBearingGroupIsUnlimited() {
        List<GroupLimit> groups = List.of(new GroupLimit(B, Limit.unlimited()), new GroupLimit(A, Limit.unlimited()));
        assertEquals(new EffectiveLimit(Limit.unlimited(), LimitSource.GROUP, List.of(A, B)), SpendLimitResolver.resolve(null, groups));
    }

    @Test
    void aZeroAmountGroupLimitIsTheLowest() {
        List<GroupLimit> groups = List.of(new GroupLimit(A, Limit.amount(0)), new GroupLimit(B, Limit.amount(Limit.MAX_AMOUNT_CENTS)));
        assertEquals(new EffectiveLimit(Limit.amount(0), LimitSource.GROUP, List.of(A)), SpendLimitResolver.resolve(null, groups));
    }

    @Test
    void remainingIsLimitMinusSpentNeverBelowZeroAndOnlyForAmounts() {
        EffectiveLimit amount = new EffectiveLimit(Limit.amount(1_000), LimitSource.GROUP, List.of(A));
        assertEquals(600L, amount.remaining(400));
        assertEquals(0L, amount.remaining(1_000));
        assertEquals(0L, amount.remaining(1_250));
        assertEquals(null, new EffectiveLimit(Limit.unlimited(), LimitSource.INDIVIDUAL, List.of()).remaining(5));
        assertEquals(null, EffectiveLimit.NONE.remaining(5));
    }
}
