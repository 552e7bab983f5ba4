package io.x0tta6bl4.topology.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.support.CommandException;

/** A command that fails the Karaf way: it throws one line, and prints nothing on either stream. */
final class Refusals {

    private Refusals() {
    }

    /** Runs the command and returns the line the shell would print. */
    static String refused(Action command, ByteArrayOutputStream out, ByteArrayOutputStream err) {
        String e = assertThrows(CommandException.class, command::execute).getMessage();
        assertEquals(1, e.lines().count(), "one line: " + e);
        assertFalse(e.contains("Exception") || e.contains("\tat "), e);
        assertEquals("", out.toString(StandardCharsets.UTF_8), "nothing on stdout");
        assertEquals("", err.toString(StandardCharsets.UTF_8), "nothing on stderr");
        return e.trim();
    }
}
