package io.x0tta6bl4.scanner.command;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** What every scan: command needs: one-line errors, JSON, and writing reports to files. */
final class Console {

    static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Console() {
    }

    static Object fail(String message) {
        System.err.println("Error: " + message);
        return null;
    }

    static Object fail(Exception e) {
        return fail(e.getMessage() == null ? e.toString() : e.getMessage());
    }

    static String json(Object dto) throws Exception {
        return MAPPER.writeValueAsString(dto);
    }

    /** Prints the text, or writes it to the file and says where. */
    static void emit(String text, String output) throws IOException {
        if (output == null) {
            System.out.println(text);
            return;
        }
        Path p = Path.of(output).toAbsolutePath();
        if (p.getParent() != null) {
            Files.createDirectories(p.getParent());
        }
        Files.writeString(p, text, StandardCharsets.UTF_8);
        System.out.println("written to " + p);
    }

    static String sev(Object s) {
        return String.valueOf(s);
    }
}
