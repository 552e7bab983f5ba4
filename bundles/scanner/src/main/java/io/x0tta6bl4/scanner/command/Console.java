package io.x0tta6bl4.scanner.command;

import java.io.IOException;

import io.x0tta6bl4.scanner.internal.ReportFiles;

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

    /**
     * Prints the text, or writes it to the file and says where. A refused path is the
     * {@link IllegalArgumentException} of {@link ReportFiles#write}, left to the shell: it prints
     * its one line and the command exits non-zero.
     */
    static void emit(String text, String output, ReportFiles files) throws IOException {
        if (output == null) {
            System.out.println(text);
            return;
        }
        System.out.println("written to " + files.write(output, text));
    }

    static String sev(Object s) {
        return String.valueOf(s);
    }
}
