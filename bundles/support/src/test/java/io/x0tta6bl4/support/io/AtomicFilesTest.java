package io.x0tta6bl4.support.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @TempDir
    Path dir;

    @Test
    void replacesTheWholeFileAndLeavesNoTemporaryFile() throws IOException {
        Path f = dir.resolve("sub/state.properties");
        AtomicFiles.write(f, "a long first version".getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(f, "second".getBytes(StandardCharsets.UTF_8));
        assertEquals("second", Files.readString(f));
        assertFalse(Files.exists(dir.resolve("sub/state.properties.tmp")));
    }

    @Test
    void aSecretIsOwnerOnlyEvenWhereAStaleTemporaryFileWasWorldReadable() throws IOException {
        Path f = dir.resolve("key.pem");
        Path stale = dir.resolve("key.pem.tmp");
        Files.writeString(stale, "left by someone else");
        Files.setPosixFilePermissions(stale, PosixFilePermissions.fromString("rw-rw-rw-"));
        AtomicFiles.write(f, "secret".getBytes(StandardCharsets.UTF_8), true);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
        assertEquals("secret", Files.readString(f));
    }
}
