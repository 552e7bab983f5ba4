package ${package}.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PurgeActionTest {

    @TempDir
    Path dir;

    @Test
    void deletesOnlyOldRegularFiles() throws Exception {
        Instant now = Instant.now();
        Path old = file("old.log", 100, now.minus(Duration.ofHours(2)));
        Path fresh = file("fresh.log", 10, now);
        Path sub = Files.createDirectory(dir.resolve("sub"));
        Files.setLastModifiedTime(sub, FileTime.from(now.minus(Duration.ofHours(3))));

        long[] freed = PurgeAction.purge(dir, now.minus(Duration.ofHours(1)));

        assertArrayEquals(new long[] {1, 100}, freed);
        assertFalse(Files.exists(old));
        assertTrue(Files.exists(fresh));
        assertTrue(Files.isDirectory(sub), "directories are never entered or deleted");
    }

    @Test
    void emptyDirectoryFreesNothing() throws Exception {
        assertArrayEquals(new long[] {0, 0}, PurgeAction.purge(dir, Instant.now()));
    }

    private Path file(String name, int size, Instant modified) throws Exception {
        Path f = Files.write(dir.resolve(name), new byte[size]);
        Files.setLastModifiedTime(f, FileTime.from(modified));
        return f;
    }
}
