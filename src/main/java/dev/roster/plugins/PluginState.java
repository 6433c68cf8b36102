package dev.roster.plugins;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.roster.common.DomainException;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How present a plugin is for a member, from the weakest to the strongest (SPEC §5). The declaration
 * order is the precedence: when a member's groups disagree, the strongest presence wins, so a plugin
 * that one group requires stays required even if another of the member's groups hides it.
 *
 * <p>The vendor's API names two of the states differently ({@code not_available}, {@code auto_install});
 * those names are accepted on input, and answers always use ours.
 */
public enum PluginState {
    /** Not shown to the member. */
    HIDDEN("not_available"),
    /** Shown; the member may install it. */
    AVAILABLE(null),
    /** Installed for the member, who may remove it. */
    PRE_INSTALLED("auto_install"),
    /** Installed and cannot be removed. */
    REQUIRED(null);

    private final String vendorAlias;

    PluginState(String vendorAlias) {
        this.vendorAlias = vendorAlias;
    }

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Our names and the vendor's aliases, case-insensitively; anything else is empty. */
    public static Optional<PluginState> fromWire(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String key = value.strip().toLowerCase(Locale.ROOT);
        for (PluginState state : values()) {
            if (state.wire().equals(key) || key.equals(state.vendorAlias)) {
                return Optional.of(state);
            }
        }
        return Optional.empty();
    }

    /** Parses an input state; an unknown one is {@code 400 validation_failed} naming {@code field}. */
    public static PluginState parse(String field, String value) {
        return fromWire(value).orElseThrow(() -> DomainException.invalid(field, unknown(value)));
    }

    /** A state in a request body; an unknown one fails binding, which names the field. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static PluginState fromJson(String value) {
        return fromWire(value).orElseThrow(() -> new IllegalArgumentException(unknown(value)));
    }

    private static String unknown(String value) {
        return "Unknown plugin state '" + value
                + "'; use one of hidden, available, pre_installed, required (or the aliases not_available, auto_install)";
    }

    /**
     * The wire names weakest first, bound as a SQL {@code text[]}: {@code array_position(:weakestFirst, state)} is
     * then a state's strength, so SQL applies the same precedence as this enum.
     */
    public static List<String> weakestFirst() {
        return Arrays.stream(values()).map(PluginState::wire).toList();
    }
}
