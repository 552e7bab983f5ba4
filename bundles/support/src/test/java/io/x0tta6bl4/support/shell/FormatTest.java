package io.x0tta6bl4.support.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class FormatTest {

    @Test
    void numbersAreLocaleFree() {
        assertEquals("0.50", Format.decimal(0.5));
        assertEquals("inf", Format.decimal(Double.POSITIVE_INFINITY));
        assertEquals("30", Format.number(30.0));
        assertEquals("0.25", Format.number(0.25));
    }

    @Test
    void durationsAndAgesReadAtAGlance() {
        assertEquals("-", Format.duration(null));
        assertEquals("850 ms", Format.duration(Duration.ofMillis(850)));
        assertEquals("4m5s", Format.duration(Duration.ofSeconds(245)));
        assertEquals("2h7m", Format.duration(Duration.ofMinutes(127)));
        Instant now = Instant.parse("2026-12-03T12:00:00Z");
        assertEquals("42s ago", Format.age(now.minusSeconds(42), now));
        assertEquals("3m12s ago", Format.age(now.minusSeconds(192), now));
        assertEquals("2d3h ago", Format.age(now.minus(Duration.ofHours(51)), now));
        assertEquals("-", Format.time(null));
    }
}
