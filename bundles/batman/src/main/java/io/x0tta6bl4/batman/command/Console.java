package io.x0tta6bl4.batman.command;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** What every batman: command needs: one-line errors and JSON output. */
final class Console {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Console() {
    }

    static Object fail(String message) {
        System.err.println("Error: " + message);
        return null;
    }

    static Object fail(Exception e) {
        return fail(e.getMessage() == null ? e.toString() : e.getMessage());
    }

    static void json(Object dto) throws Exception {
        System.out.println(MAPPER.writeValueAsString(dto));
    }
}
