package io.x0tta6bl4.scanner.internal.osv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * OSV import bombs against the real store and parser: a version of a million digits, over-long
 * fields, too many versions, entries or bytes, a zip that inflates past the bound, and a
 * second import while one runs. Each is refused with one line naming the advisory (or the
 * source) and the bound, quickly, and the database in force stays, in memory and on disk.
 */
class OsvImportBoundsTest {

    @TempDir
    Path tmp;

    private OsvStore store;

    @BeforeEach
    void databaseInForce() throws Exception {
        store = new OsvStore(tmp.resolve("db"));
        store.importFrom(Fixtures.folder().resolve("GHSA-599f-7c49-w659.json"), false, Instant.now());
    }

    static String advisory(String id, String affectedExtra, String rangeEvents) {
        return "{\"id\": \"" + id + "\", \"summary\": \"s\", \"modified\": \"2026-01-01T00:00:00Z\", \"affected\": [{"
                + "\"package\": {\"ecosystem\": \"Maven\", \"name\": \"org.example:bomb\"}" + affectedExtra
                + ", \"ranges\": [{\"type\": \"ECOSYSTEM\", \"events\": [" + rangeEvents + "]}]}]}";
    }

    private Path folderWith(String name, String json) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("src-" + System.nanoTime()));
        Files.copy(Fixtures.folder().resolve("GHSA-jfh8-c2jp-5v3q.json"), dir.resolve("good.json"));
        Files.writeString(dir.resolve(name), json);
        return dir;
    }

    /** Imports and expects a refusal within {@code seconds}; the database in force is unchanged. */
    private String refused(Path source, double seconds) throws Exception {
        long t0 = System.nanoTime();
        OsvFormatException e = assertThrows(OsvFormatException.class,
                () -> store.importFrom(source, false, Instant.now()));
        double took = (System.nanoTime() - t0) / 1e9;
        System.out.printf("refused in %.3f s: %s%n", took, e.getMessage());
        assertTrue(took < seconds, "refusal took " + took + " s");
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        assertEquals(1, store.current().advisories(), "the database in force stays");
        assertEquals(1, new OsvStore(tmp.resolve("db")).load().advisories(), "the files on disk stay");
        assertEquals(1, store.current().match("org.apache.commons:commons-text", "1.9").size());
        return e.getMessage();
    }

    /** Without the bound Maven's version parser spends minutes on this, under the import lock. */
    @Test
    void aVersionOfAMillionDigitsIsRefusedAtOnce() throws Exception {
        String digits = "1".repeat(1_000_000);
        String m = refused(folderWith("bomb.json", advisory("GHSA-bomb-0001", "",
                "{\"introduced\": \"0\"}, {\"fixed\": \"" + digits + "\"}")), 5);
        assertTrue(m.contains("bomb.json (GHSA-bomb-0001): affected[0].ranges[0]: 'fixed' version of 1000000"
                + " characters is longer than 256"), m);
        String listed = refused(folderWith("listed.json", advisory("GHSA-bomb-0002",
                ", \"versions\": [\"1.0\", \"" + digits + "\"]", "{\"introduced\": \"0\"}")), 5);
        assertTrue(listed.contains("(GHSA-bomb-0002): affected[0].versions: version of 1000000 characters"
                + " is longer than 256"), listed);
    }

    @Test
    void aVersionAtTheBoundIsImported() throws Exception {
        String v = "1." + "2".repeat(OsvLimits.MAX_VERSION - 2);
        store.importFrom(folderWith("long.json", advisory("GHSA-long-0001", "",
                "{\"introduced\": \"0\"}, {\"fixed\": \"" + v + "\"}")), false, Instant.now());
        assertEquals(1, store.current().match("org.example:bomb", "1.0").size());
    }

    @Test
    void overLongFieldsAndTooManyVersionsAreRefused() throws Exception {
        String longId = "GHSA-" + "x".repeat(200);
        assertTrue(refused(folderWith("id.json", advisory(longId, "", "{\"introduced\": \"0\"}")), 5)
                .contains("id.json: 'id' of 205 characters is longer than 128"));
        String summary = advisory("GHSA-sum-0001", "", "{\"introduced\": \"0\"}")
                .replace("\"summary\": \"s\"", "\"summary\": \"" + "s".repeat(5000) + "\"");
        assertTrue(refused(folderWith("summary.json", summary), 5)
                .contains("(GHSA-sum-0001): summary of 5000 characters is longer than 1024"));
        String pkg = advisory("GHSA-pkg-0001", "", "{\"introduced\": \"0\"}")
                .replace("org.example:bomb", "org.example:" + "b".repeat(1000));
        assertTrue(refused(folderWith("pkg.json", pkg), 5).contains("package name of 1012 characters is longer than 512"));
        StringBuilder events = new StringBuilder("{\"introduced\": \"0\"}");
        for (int i = 0; i < OsvLimits.MAX_VERSIONS_PER_ADVISORY; i++) {
            events.append(", {\"fixed\": \"1.").append(i).append("\"}");
        }
        assertTrue(refused(folderWith("many.json", advisory("GHSA-many-0001", "", events.toString())), 5)
                .contains("(GHSA-many-0001): affected[0].ranges[0]: more than 10000 versions in one advisory"));
        StringBuilder aliases = new StringBuilder();
        for (int i = 0; i <= OsvLimits.MAX_ALIASES; i++) {
            aliases.append(i == 0 ? "" : ", ").append("\"CVE-2026-").append(i).append('"');
        }
        String manyAliases = advisory("GHSA-alias-0001", "", "{\"introduced\": \"0\"}")
                .replace("\"summary\"", "\"aliases\": [" + aliases + "], \"summary\"");
        assertTrue(refused(folderWith("aliases.json", manyAliases), 5).contains("101 aliases, more than 100"));
    }

    /**
     * Names and ids come from the import: a zip entry name or an id with line breaks, or a name
     * of thousands of characters, still makes one bounded refusal line, and a summary with
     * line breaks a one-line title.
     */
    @Test
    void refusalsStayOneBoundedLineWhateverTheNamesHold() throws Exception {
        Path zip = tmp.resolve("names.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new ZipEntry("osv/evil\nError: all fine\n" + "n".repeat(30_000) + ".json"));
            out.write("{\"id\": \"GHSA-x\"".getBytes(StandardCharsets.US_ASCII));
            out.closeEntry();
        }
        String m = refused(zip, 5);
        assertTrue(m.contains("osv/evil?Error: all fine?nnn"), m);
        assertTrue(m.length() <= OsvFormatException.MAX_MESSAGE, m.length() + " characters");
        String newlineId = advisory("GHSA-a\\nb", "", "{\"introduced\": \"0\"}");
        assertTrue(refused(folderWith("id.json", newlineId), 5).contains("id 'GHSA-a?b' is not a file name"));
        Advisory a = Fixtures.parse(advisory("GHSA-sum-0002", "", "{\"introduced\": \"0\"}")
                .replace("\"summary\": \"s\"", "\"summary\": \"first\\r\\nsecond\\tthird\""));
        assertEquals("first second third", a.summary());
    }

    @Test
    void aLongFirstLineOfDetailsIsCutNotRefused() throws Exception {
        String json = advisory("GHSA-det-0001", "", "{\"introduced\": \"0\"}")
                .replace("\"summary\": \"s\"", "\"details\": \"" + "d".repeat(5000) + "\\nmore\"");
        Advisory a = Fixtures.parse(json);
        assertEquals(OsvLimits.MAX_SUMMARY, a.summary().length());
        assertTrue(a.summary().endsWith("..."));
    }

    @Test
    void aZipWithTooManyEntriesIsRefusedBeforeAnythingIsInflated() throws Exception {
        Path zip = tmp.resolve("many.zip");
        try (ZipOutputStream out = new ZipOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(zip)))) {
            out.setLevel(0);
            for (int i = 0; i <= OsvLimits.MAX_ENTRIES; i++) {
                out.putNextEntry(new ZipEntry("e" + i + ".txt"));
                out.closeEntry();
            }
        }
        assertTrue(refused(zip, 5).contains("has more than 50000 entries"));
    }

    @Test
    void aFolderWithTooManyFilesIsRefused() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("manyfiles"));
        for (int i = 0; i <= OsvLimits.MAX_ENTRIES; i++) {
            Files.createFile(dir.resolve("f" + i));
        }
        assertTrue(refused(dir, 10).contains("has more than 50000 entries"));
    }

    /** 65 entries that each inflate to just under 4 MiB: 260 MiB in all, past the 256 MiB bound. */
    @Test
    void aZipThatInflatesPastTheTotalBoundIsRefused() throws Exception {
        Path zip = tmp.resolve("bomb.zip");
        byte[] padding = new byte[OsvLimits.MAX_FILE_BYTES - 64];
        java.util.Arrays.fill(padding, (byte) ' ');
        try (ZipOutputStream out = new ZipOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(zip)))) {
            for (int i = 0; i < 65; i++) {
                out.putNextEntry(new ZipEntry("a" + i + ".json"));
                out.write(("{\"id\": \"GHSA-pad-" + i + "\"}").getBytes(StandardCharsets.US_ASCII));
                out.write(padding);
                out.closeEntry();
            }
        }
        assertTrue(Files.size(zip) < (2 << 20), "a bomb: " + Files.size(zip) + " bytes on disk");
        String m = refused(zip, 30);
        assertTrue(m.contains("add up to more than 268435456 bytes"), m);
    }

    /**
     * While the database load holds the store (blocked opening an advisory that is a FIFO no one
     * writes yet), an import is refused at once instead of queueing; once the load is done the
     * next import runs.
     */
    @Test
    void aSecondImportWhileOneRunsIsRefusedAtOnce() throws Exception {
        Path adv = tmp.resolve("db").resolve("advisories");
        Path fifo = adv.resolve("GHSA-fifo-0001.json");
        int mk;
        try {
            mk = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start().waitFor();
        } catch (java.io.IOException e) {
            mk = -1;
        }
        if (mk != 0) {
            System.out.println("SKIP concurrent import test: mkfifo (coreutils) did not make a FIFO");
        }
        Assumptions.assumeTrue(mk == 0, "mkfifo failed");
        CompletableFuture<OsvDatabase> load = CompletableFuture.supplyAsync(() -> {
            try {
                return store.load();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!store.busy()) {
                assertTrue(System.nanoTime() < deadline, "the load never took the store");
                Thread.onSpinWait();
            }
            long t0 = System.nanoTime();
            OsvFormatException e = assertThrows(OsvFormatException.class,
                    () -> store.importFrom(Fixtures.folder(), false, Instant.now()));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            System.out.println("refused in " + ms + " ms: " + e.getMessage());
            assertTrue(ms < 1000, "refused after " + ms + " ms");
            assertTrue(e.getMessage().contains("refused: the database load from " + tmp.resolve("db")
                    + " is running; nothing changed"), e.getMessage());
        } finally {
            try (OutputStream w = Files.newOutputStream(fifo)) {
                w.write(Files.readAllBytes(Fixtures.folder().resolve("GHSA-jfh8-c2jp-5v3q.json")));
            }
        }
        assertEquals(2, load.get(10, TimeUnit.SECONDS).advisories());
        Files.delete(fifo);
        assertEquals(20, store.importFrom(Fixtures.folder(), false, Instant.now()).total(), "the next import runs");
    }

    /**
     * A large import (10,000 advisories, each with 40 range events) holds the store for seconds;
     * a second import started meanwhile is refused at once instead of waiting for it, and the
     * first one completes.
     */
    @Test
    void anImportStartedWhileAnotherImportRunsIsRefusedAtOnce() throws Exception {
        Path zip = tmp.resolve("large.zip");
        try (ZipOutputStream out = new ZipOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(zip)))) {
            for (int i = 0; i < 10_000; i++) {
                StringBuilder events = new StringBuilder("{\"introduced\": \"0\"}");
                for (int k = 1; k < 40; k++) {
                    events.append(", {\"").append(k % 2 == 0 ? "introduced" : "fixed").append("\": \"").append(k)
                            .append(".").append(i % 97).append(".0-RC").append(k).append("\"}");
                }
                out.putNextEntry(new ZipEntry("osv/LARGE-" + i + ".json"));
                out.write(advisory("LARGE-" + i, "", events.toString()).replace("org.example:bomb", "org.example:a" + i)
                        .getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        long t0 = System.nanoTime();
        CompletableFuture<OsvStore.ImportResult> first = CompletableFuture.supplyAsync(() -> {
            try {
                return store.importFrom(zip, false, Instant.now());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!store.busy()) {
            assertTrue(System.nanoTime() < deadline, "the first import never took the store");
            Thread.onSpinWait();
        }
        long t1 = System.nanoTime();
        OsvFormatException e = assertThrows(OsvFormatException.class,
                () -> store.importFrom(Fixtures.folder(), false, Instant.now()));
        long ms = (System.nanoTime() - t1) / 1_000_000;
        assertTrue(e.getMessage().contains("refused: an import of " + zip + " (since "), e.getMessage());
        assertTrue(e.getMessage().contains("is running; nothing changed"), e.getMessage());
        assertTrue(ms < 1000, "refused after " + ms + " ms");
        assertEquals(10_001, first.get(120, TimeUnit.SECONDS).total());
        System.out.printf("second import refused in %d ms while the first ran; the first took %.1f s%n", ms,
                (System.nanoTime() - t0) / 1e9);
    }
}
