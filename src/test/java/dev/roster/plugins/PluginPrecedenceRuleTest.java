package dev.roster.plugins;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@link PluginPrecedence} on its own: strongest override wins, group order breaks ties, else the default. */
class PluginPrecedenceRuleTest {

    private static final UUID FIRST = UUID.fromString("00000000-0000-0000-0000-000000000001");
    private static final UUID SECOND = UUID.fromString("00000000-0000-0000-0000-000000000002");

    @Test
    void withoutOverridesTheOrgDefaultApplies() {
        for (PluginState state : PluginState.values()) {
            assertEquals(new PluginPrecedence.Outcome(state, new PluginSource(PluginSource.ORG_DEFAULT, null)),
                    PluginPrecedence.resolve(state, List.of()));
        }
    }

    @Test
    void theStrongestOverrideWinsForEveryPairWhicheverGroupComesFirst() {
        PluginState[] weakestFirst = PluginState.values();
        for (int strong = 1; strong < weakestFirst.length; strong++) {
            for (int weak = 0; weak < strong; weak++) {
                PluginOverride weaker = new PluginOverride(FIRST, weakestFirst[weak]);
                PluginOverride stronger = new PluginOverride(SECOND, weakestFirst[strong]);
                PluginPrecedence.Outcome expected = new PluginPrecedence.Outcome(weakestFirst[strong], group(SECOND));
                assertEquals(expected, PluginPrecedence.resolve(PluginState.HIDDEN, List.of(weaker, stronger)));
                assertEquals(expected, PluginPrecedence.resolve(PluginState.HIDDEN, List.of(stronger, weaker)));
            }
        }
    }

    @Test
    void anOverrideBeatsEvenAStrongerDefault() {
        assertEquals(new PluginPrecedence.Outcome(PluginState.HIDDEN, group(FIRST)),
                PluginPrecedence.resolve(PluginState.REQUIRED, List.of(new PluginOverride(FIRST, PluginState.HIDDEN))));
    }

    @Test
    void amongEqualOverridesTheFirstGroupInGroupOrderIsTheSource() {
        List<PluginOverride> tied = List.of(new PluginOverride(SECOND, PluginState.REQUIRED),
                new PluginOverride(FIRST, PluginState.REQUIRED));
        assertEquals(new PluginPrecedence.Outcome(PluginState.REQUIRED, group(SECOND)), PluginPrecedence.resolve(PluginState.AVAILABLE, tied));
    }

    @Test
    void requiredStaysRequiredBesideAGroupThatHidesIt() {
        List<PluginOverride> overrides = List.of(new PluginOverride(FIRST, PluginState.HIDDEN), new PluginOverride(SECOND, PluginState.REQUIRED));
        assertEquals(PluginState.REQUIRED, PluginPrecedence.resolve(PluginState.AVAILABLE, overrides).state());
    }

    private static PluginSource group(UUID id) {
        return new PluginSource(PluginSource.GROUP, id);
    }
}
