package dev.roster.spend;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneOffset;

/**
 * "Now" for spend: the current month (UTC) that authorize, limit views and the default report month
 * use. A bean of its own so that tests can pin the month around a boundary.
 */
@ApplicationScoped
public class SpendClock {

    private final Clock clock;

    public SpendClock() {
        this(Clock.systemUTC());
    }

    public SpendClock(Clock clock) {
        this.clock = clock;
    }

    public YearMonth currentMonth() {
        return YearMonth.from(clock.instant().atZone(ZoneOffset.UTC));
    }
}
