package io.x0tta6bl4.support.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.IOException;
import java.util.Map;

import org.apache.karaf.shell.support.CommandException;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

class CommandsTest {

    @Test
    void aFailureIsOneLineThatSaysError() {
        CommandException e = Commands.fail("no such thing");
        assertEquals("Error: no such thing", e.getMessage());
        // what Karaf's shell prints for a CommandException: no prefix, no colour
        assertEquals("Error: no such thing", e.getNiceHelp());
        assertEquals("Error: disk full", Commands.fail(new IOException("disk full")).getMessage());
        assertEquals("Error: java.lang.IllegalStateException", Commands.fail(new IllegalStateException()).getMessage());
    }

    @Test
    void whyAFileCannotBeReadIsSaidInWords(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        java.nio.file.Path missing = dir.resolve("missing.o");
        IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                () -> java.nio.file.Files.readAllBytes(missing));
        assertEquals("no such file", Commands.why(e));
        IOException folder = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                () -> java.nio.file.Files.readAllBytes(dir));
        org.junit.jupiter.api.Assertions.assertTrue(Commands.why(folder).toLowerCase().contains("directory"), Commands.why(folder));
        assertEquals("disk full", Commands.why(new IOException("disk full")));
    }

    @Test
    void aFailureMadeHerePassesThroughUnchanged() {
        CommandException first = Commands.fail("refused");
        assertSame(first, Commands.fail(first));
        assertSame(first, Commands.fail(true, first));
    }

    @Test
    void aJsonFailureIsAnObjectWithTheReason() throws Exception {
        String text = Commands.fail(true, "unknown node 'a\"b'").getNiceHelp();
        assertEquals(Map.of("error", "unknown node 'a\"b'"), new ObjectMapper().readValue(text, Map.class));
        assertEquals("Error: plain", Commands.fail(false, "plain").getMessage());
    }
}
