package io.x0tta6bl4.scanner.internal.osv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OsvStoreTest {

    @TempDir
    Path tmp;

    @Test
    void importsAFolderAndLoadsItAgain() throws Exception {
        OsvStore store = new OsvStore(tmp.resolve("db"));
        OsvStore.ImportResult r = store.importFrom(Fixtures.folder(), false, Instant.parse("2026-01-01T00:00:00Z"));
        assertEquals(20, r.files());
        assertEquals(20, r.total());
        assertEquals(1, store.current().match("org.apache.commons:commons-text", "1.9").size());
        OsvStore again = new OsvStore(tmp.resolve("db"));
        assertEquals(20, again.load().advisories());
        assertEquals(Instant.parse("2026-01-01T00:00:00Z"), again.current().importedAt());
    }

    @Test
    void importsAZipLikeTheOsvExport() throws Exception {
        Path zip = tmp.resolve("all.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip));
             Stream<Path> files = Files.list(Fixtures.folder())) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).toList()) {
                out.putNextEntry(new ZipEntry(f.getFileName().toString()));
                out.write(Files.readAllBytes(f));
                out.closeEntry();
            }
        }
        OsvStore store = new OsvStore(tmp.resolve("db"));
        assertEquals(20, store.importFrom(zip, false, Instant.now()).total());
    }

    @Test
    void aMalformedFileRefusesTheWholeImportAndTheOldDatabaseStays() throws Exception {
        OsvStore store = new OsvStore(tmp.resolve("db"));
        store.importFrom(Fixtures.folder().resolve("GHSA-599f-7c49-w659.json"), false, Instant.now());
        Path bad = Files.createDirectories(tmp.resolve("bad"));
        Files.copy(Fixtures.folder().resolve("GHSA-jfh8-c2jp-5v3q.json"), bad.resolve("good.json"));
        Files.writeString(bad.resolve("broken.json"), "{\"id\": \"X\", \"affected\": [");
        OsvFormatException e = assertThrows(OsvFormatException.class,
                () -> store.importFrom(bad, false, Instant.now()));
        assertTrue(e.getMessage().startsWith("import refused, 1 of 2 files malformed"), e.getMessage());
        assertTrue(e.getMessage().contains("broken.json: not JSON"), e.getMessage());
        assertEquals(1, store.current().advisories());
        assertEquals(1, new OsvStore(tmp.resolve("db")).load().advisories(), "the files on disk are unchanged");
        assertFalse(Files.exists(tmp.resolve("db.new")) && Files.list(tmp.resolve("db.new")).findAny().isPresent());
    }

    @Test
    void importsMergeByIdUnlessReplace() throws Exception {
        OsvStore store = new OsvStore(tmp.resolve("db"));
        store.importFrom(Fixtures.folder(), false, Instant.now());
        OsvStore.ImportResult r = store.importFrom(Fixtures.folder().resolve("GHSA-599f-7c49-w659.json"), false,
                Instant.now());
        assertEquals(1, r.replaced());
        assertEquals(20, r.total());
        r = store.importFrom(Fixtures.folder().resolve("GHSA-599f-7c49-w659.json"), true, Instant.now());
        assertEquals(1, r.total());
        assertEquals(1, new OsvStore(tmp.resolve("db")).load().advisories());
    }

    @Test
    void missingSourcesAndEmptyFoldersAreRefused() throws Exception {
        OsvStore store = new OsvStore(tmp.resolve("db"));
        assertTrue(assertThrows(OsvFormatException.class, () -> store.importFrom(tmp.resolve("nope"), false,
                Instant.now())).getMessage().endsWith("no such file or folder"));
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        assertTrue(assertThrows(OsvFormatException.class, () -> store.importFrom(empty, false, Instant.now()))
                .getMessage().endsWith("no OSV .json files in it"));
        Path notZip = tmp.resolve("x.zip");
        try (OutputStream out = Files.newOutputStream(notZip)) {
            out.write("garbage".getBytes());
        }
        assertThrows(OsvFormatException.class, () -> store.importFrom(notZip, false, Instant.now()));
    }
}
