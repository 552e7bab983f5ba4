package io.x0tta6bl4.batman.internal;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import io.x0tta6bl4.support.io.AtomicFiles;

/**
 * The properties file an action keeps in the bundle's data area for what it changed in the
 * kernel, so a later run can put it back: read with a size bound, written atomically.
 */
final class BookFile {

    private BookFile() {
    }

    /** The file's properties; empty when it does not exist. */
    static Properties read(Path file, int maxBytes) throws IOException {
        Properties p = new Properties();
        if (file == null || !Files.isRegularFile(file)) {
            return p;
        }
        if (Files.size(file) > maxBytes) {
            throw new IOException("larger than " + maxBytes / 1024 + " KiB");
        }
        p.load(new StringReader(Files.readString(file, StandardCharsets.UTF_8)));
        return p;
    }

    static void write(Path file, Properties p, String comment) throws IOException {
        StringWriter w = new StringWriter();
        p.store(w, comment);
        Files.createDirectories(file.toAbsolutePath().getParent());
        AtomicFiles.write(file, w.toString().getBytes(StandardCharsets.UTF_8));
    }
}
