package io.x0tta6bl4.scanner.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportFoldersTest {

    @TempDir
    Path tmp;

    private ReportFolders folders() throws Exception {
        return new ReportFolders(List.of(Files.createDirectories(tmp.resolve("data")),
                Files.createDirectories(tmp.resolve("reports"))));
    }

    private String refused(String output) throws Exception {
        ReportFolders f = folders();
        return assertThrows(IllegalArgumentException.class, () -> f.resolve(output)).getMessage();
    }

    @Test
    void pathsUnderEitherFolderAreAllowed() throws Exception {
        assertEquals(tmp.resolve("data/scan/sbom.json").toAbsolutePath(),
                folders().resolve(tmp.resolve("data/scan/sbom.json").toString()));
        assertEquals(tmp.resolve("reports/a.json").toAbsolutePath(), folders().resolve(tmp.resolve("reports/a.json").toString()));
    }

    @Test
    void aRelativePathIsUnderTheDataFolder() throws Exception {
        assertEquals(tmp.resolve("data/sbom/x.json").toAbsolutePath(), folders().resolve("sbom/x.json"));
    }

    @Test
    void aPathOutsideIsRefusedWithOneLine() throws Exception {
        String m = refused("/etc/passwd");
        assertTrue(m.startsWith("refused --output '/etc/passwd': it is not under "), m);
        assertTrue(!m.contains("\n"), m);
        assertTrue(refused(tmp.resolve("datax/f").toString()).contains("it is not under"));
        assertTrue(refused(tmp.resolve("data").toString()).contains("it is not under"), "the folder itself is no file");
    }

    @Test
    void dotDotIsRefusedEvenWhenItWouldStayInside() throws Exception {
        assertTrue(refused("../etc/x").contains("'..' is not allowed"));
        assertTrue(refused(tmp.resolve("data/a/../b").toString()).contains("'..' is not allowed"));
    }

    @Test
    void aLinkOutOfTheFolderIsRefused() throws Exception {
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        ReportFolders f = folders();
        Files.createSymbolicLink(tmp.resolve("data/out"), outside);
        String m = assertThrows(IllegalArgumentException.class, () -> f.resolve("out/x.json")).getMessage();
        assertTrue(m.contains("it is not under"), m);
        Files.createSymbolicLink(tmp.resolve("data/passwd"), outside.resolve("victim"));
        m = assertThrows(IllegalArgumentException.class, () -> f.resolve("passwd")).getMessage();
        assertTrue(m.contains("it is not under") || m.contains("symbolic link"), m);
    }

    @Test
    void aLinkInsideTheFolderToItselfIsFine() throws Exception {
        ReportFolders f = folders();
        Files.createDirectories(tmp.resolve("data/real"));
        Files.createSymbolicLink(tmp.resolve("data/alias"), tmp.resolve("data/real"));
        assertEquals(tmp.resolve("data/alias/r.json").toAbsolutePath(), f.resolve("alias/r.json"));
    }

    @Test
    void emptyOrBrokenPathsAreRefused() throws Exception {
        assertTrue(refused("").contains("it is empty"));
        assertTrue(refused("a\0b").contains("it is not a path"));
    }

    @Test
    void reportDirMustBeAbsolute() {
        StringBuilder warned = new StringBuilder();
        ScannerConfig s = ScannerConfig.read(ScannerConfig.DEFAULTS, java.util.Map.of("report.dir", "reports"), warned::append);
        assertEquals("", s.reportDir());
        assertEquals("Refused report.dir=reports: must be an absolute folder path or empty; keeping report.dir=", warned.toString());
        assertEquals("/srv/reports", ScannerConfig.read(s, java.util.Map.of("report.dir", "/srv/reports"), warned::append).reportDir());
    }
}
