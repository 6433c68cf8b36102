package dev.roster.sync;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Where a run spent its time, phase by phase, for its log line (the benchmark reads it). A run that fails
 * says in which phase and after how long, next to the phases it completed.
 */
final class RunPhases {

    private final long start = System.nanoTime();
    private final Map<String, Long> completed = new LinkedHashMap<>();
    private String current;
    private long currentStart;

    /** Ends the current phase and starts {@code phase}. */
    void begin(String phase) {
        end();
        current = phase;
        currentStart = System.nanoTime();
    }

    void end() {
        if (current != null) {
            completed.merge(current, System.nanoTime() - currentStart, Long::sum);
            current = null;
        }
    }

    /** "in 4,812 ms: read groups 2,802 ms, …", or "in … during read users after 2,013 ms (read groups 120 ms)". */
    String describe() {
        StringBuilder text = new StringBuilder("in ").append(millis(System.nanoTime() - start));
        if (current != null) {
            text.append(" during ").append(current).append(" after ").append(millis(System.nanoTime() - currentStart));
            if (!completed.isEmpty()) {
                text.append(" (before it: ").append(list()).append(')');
            }
        } else if (!completed.isEmpty()) {
            text.append(": ").append(list());
        }
        return text.toString();
    }

    private String list() {
        StringBuilder text = new StringBuilder();
        completed.forEach((phase, nanos) -> text.append(text.length() == 0 ? "" : ", ").append(phase).append(' ').append(millis(nanos)));
        return text.toString();
    }

    private static String millis(long nanos) {
        return String.format(Locale.ROOT, "%,d ms", nanos / 1_000_000);
    }
}
