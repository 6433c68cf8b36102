package dev.roster.sync.connector;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A run's deadline: it passes when the run has made no progress (no upstream answer, nothing applied) for
 * {@code limit}. Shared by the threads of one run; each answer or applied step moves it forward.
 */
public final class ProgressDeadline {

    private final Duration limit;
    private final AtomicLong lastProgress = new AtomicLong(System.nanoTime());

    public ProgressDeadline(Duration limit) {
        this.limit = limit;
    }

    public void progress() {
        lastProgress.set(System.nanoTime());
    }

    /** Time left before the deadline passes (zero or negative once it has). */
    public Duration remaining() {
        return limit.minusNanos(System.nanoTime() - lastProgress.get());
    }

    public boolean passed() {
        return remaining().compareTo(Duration.ZERO) <= 0;
    }

    public Duration limit() {
        return limit;
    }

    /** The failure for a run that stalled while {@code doing}. */
    public DeadlineException exceeded(String doing) {
        return new DeadlineException("No progress for " + describe(limit) + " (the run's deadline, roster.sync.deadline) while "
                + doing);
    }

    static String describe(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds >= 60 && seconds % 60 == 0) {
            return seconds / 60 + " min";
        }
        return seconds >= 1 ? seconds + " s" : duration.toMillis() + " ms";
    }

    /** The run stalled: the upstream has not answered (or nothing was applied) for longer than the deadline allows. */
    public static final class DeadlineException extends DirectoryException {
        DeadlineException(String message) {
            super(message);
        }
    }
}
