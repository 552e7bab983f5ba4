package io.x0tta6bl4.healing.command;

import java.time.Duration;
import java.time.Instant;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** What every heal: command needs: one-line errors, durations, JSON. */
final class Console {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Console() {
    }

    static Object fail(String message) {
        System.err.println(message);
        return null;
    }

    static void json(Object dto) throws Exception {
        System.out.println(MAPPER.writeValueAsString(dto));
    }

    static String duration(Duration d) {
        if (d == null) {
            return "-";
        }
        long ms = d.toMillis();
        if (ms < 10_000) {
            return ms + " ms";
        }
        long s = ms / 1000;
        return s < 3600 ? s / 60 + "m" + s % 60 + "s" : s / 3600 + "h" + s % 3600 / 60 + "m";
    }

    static String time(Instant i) {
        return i == null ? "-" : i.toString();
    }
}
