package io.x0tta6bl4.itests;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.osgi.framework.FrameworkUtil;

/**
 * OSV files for ScannerIT: the real advisories shipped in the test resources, and a synthetic
 * database shaped like the real Maven advisories (a few ranges per package, GHSA-like ids,
 * database_specific.severity) for timing a full scan against at least 10,000 advisories.
 */
final class ScannerOsvFiles {

    private ScannerOsvFiles() {
    }

    /** Writes a zip of the real advisories, plus {@code synthetic} made-up ones, and returns it. */
    static Path zip(Path dir, String name, int synthetic) throws IOException {
        Files.createDirectories(dir);
        Path zip = dir.resolve(name);
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            Enumeration<URL> real = FrameworkUtil.getBundle(ScannerOsvFiles.class).findEntries("osv", "*.json", false);
            for (URL u : real == null ? Collections.<URL>emptyList() : Collections.list(real)) {
                String file = u.getPath().substring(u.getPath().lastIndexOf('/') + 1);
                out.putNextEntry(new ZipEntry("osv/" + file));
                try (InputStream in = u.openStream()) {
                    in.transferTo(out);
                }
                out.closeEntry();
            }
            for (int i = 0; i < synthetic; i++) {
                out.putNextEntry(new ZipEntry("osv/SYN-" + i + ".json"));
                out.write(synthetic(i).getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return zip;
    }

    /** One advisory like the real ones: package {@code org.synthetic.g<k>:artifact-<i>}, two ranges. */
    static String synthetic(int i) {
        String pkg = "org.synthetic.g" + (i % 400) + ":artifact-" + (i / 2);
        String[] sev = {"LOW", "MODERATE", "HIGH", "CRITICAL"};
        return "{\"schema_version\":\"1.3.0\",\"id\":\"SYN-" + i + "\",\"modified\":\"2024-01-01T00:00:00Z\","
                + "\"aliases\":[\"CVE-2099-" + i + "\"],\"summary\":\"synthetic advisory " + i + "\","
                + "\"affected\":[{\"package\":{\"ecosystem\":\"Maven\",\"name\":\"" + pkg + "\"},\"ranges\":["
                + "{\"type\":\"ECOSYSTEM\",\"events\":[{\"introduced\":\"0\"},{\"fixed\":\"1." + (i % 7) + ".3\"}]},"
                + "{\"type\":\"ECOSYSTEM\",\"events\":[{\"introduced\":\"2.0.0-M1\"},{\"last_affected\":\"2." + (i % 5)
                + ".9.RELEASE\"}]}]}],\"database_specific\":{\"severity\":\"" + sev[i % 4] + "\"}}";
    }
}
