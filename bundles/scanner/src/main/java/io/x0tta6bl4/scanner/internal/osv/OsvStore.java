package io.x0tta6bl4.scanner.internal.osv;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The offline OSV database on disk: {@code <dir>/advisories/<id>.json} as imported, and
 * {@code <dir>/db.properties} (when, from where, how many). An import reads and checks every
 * file first; one malformed file refuses the whole import and the database in force stays.
 * A good import is written beside the old one and swapped in with a directory rename.
 */
public final class OsvStore {

    /** At most this many bytes per advisory file; OSV advisories are a few KiB. */
    static final int MAX_FILE_BYTES = 4 << 20;
    private static final String ADVISORIES = "advisories";
    private static final String META = "db.properties";

    private final Path dir;
    private volatile OsvDatabase current = OsvDatabase.EMPTY;

    public OsvStore(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    public OsvDatabase current() {
        return current;
    }

    /** Reads the database on disk into memory; an absent database is the empty one. */
    public synchronized OsvDatabase load() throws IOException, OsvFormatException {
        Path adv = dir.resolve(ADVISORIES);
        if (!Files.isDirectory(adv)) {
            current = OsvDatabase.EMPTY;
            return current;
        }
        Map<String, Advisory> all = new LinkedHashMap<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(adv, "*.json")) {
            for (Path f : files) {
                try (InputStream in = Files.newInputStream(f)) {
                    Advisory a = OsvParser.parse(f.getFileName().toString(), in);
                    all.put(a.id(), a);
                }
            }
        }
        Properties meta = new Properties();
        Path metaFile = dir.resolve(META);
        if (Files.isRegularFile(metaFile)) {
            try (InputStream in = Files.newInputStream(metaFile)) {
                meta.load(in);
            }
        }
        Instant imported = meta.containsKey("imported")
                ? Instant.parse(meta.getProperty("imported")) : Files.getLastModifiedTime(adv).toInstant();
        current = new OsvDatabase(all.values(), imported, meta.getProperty("source", "unknown"));
        return current;
    }

    /** What an import did. */
    public record ImportResult(int files, int added, int replaced, int total) {
    }

    /**
     * Imports a zip of OSV files (such as the Maven export of the OSV database), a folder of
     * them (searched recursively) or one file. Advisories merge with the database by id
     * unless {@code replace}, which drops the old ones.
     *
     * @throws OsvFormatException naming the first malformed files; nothing changed
     */
    public synchronized ImportResult importFrom(Path source, boolean replace, Instant now)
            throws IOException, OsvFormatException {
        Map<String, byte[]> raw = read(source);
        if (raw.isEmpty()) {
            throw new OsvFormatException(source + ": no OSV .json files in it");
        }
        Map<String, Advisory> parsed = new LinkedHashMap<>();
        Map<String, byte[]> byId = new LinkedHashMap<>();
        List<String> errors = new ArrayList<>();
        for (Map.Entry<String, byte[]> e : raw.entrySet()) {
            try {
                Advisory a = OsvParser.parse(e.getKey(), new ByteArrayInputStream(e.getValue()));
                if (!a.id().matches("[A-Za-z0-9._-]+")) {
                    throw new OsvFormatException(e.getKey() + ": id '" + a.id() + "' is not a file name");
                }
                parsed.put(a.id(), a);
                byId.put(a.id(), e.getValue());
            } catch (OsvFormatException ex) {
                errors.add(ex.getMessage());
            }
        }
        if (!errors.isEmpty()) {
            throw new OsvFormatException("import refused, " + errors.size() + " of " + raw.size()
                    + " files malformed, the database in force is unchanged: " + String.join("; ",
                    errors.subList(0, Math.min(3, errors.size()))) + (errors.size() > 3 ? "; ..." : ""));
        }
        Files.createDirectories(dir.getParent() == null ? dir : dir.getParent());
        Path fresh = dir.resolveSibling(dir.getFileName() + ".new");
        deleteTree(fresh);
        Path freshAdv = Files.createDirectories(fresh.resolve(ADVISORIES));
        Path oldAdv = dir.resolve(ADVISORIES);
        int replaced = 0;
        Map<String, Advisory> merged = new LinkedHashMap<>();
        if (!replace) {
            for (Advisory a : current.advisories() > 0 ? advisoriesOnDisk() : List.<Advisory>of()) {
                if (!parsed.containsKey(a.id())) {
                    merged.put(a.id(), a);
                    Files.copy(oldAdv.resolve(a.id() + ".json"), freshAdv.resolve(a.id() + ".json"));
                } else {
                    replaced++;
                }
            }
        }
        for (Map.Entry<String, byte[]> e : byId.entrySet()) {
            Files.write(freshAdv.resolve(e.getKey() + ".json"), e.getValue());
        }
        merged.putAll(parsed);
        Properties meta = new Properties();
        meta.setProperty("imported", now.toString());
        meta.setProperty("source", source.toAbsolutePath().toString());
        meta.setProperty("advisories", Integer.toString(merged.size()));
        try (OutputStream out = Files.newOutputStream(fresh.resolve(META))) {
            meta.store(out, "OSV database imported by scan:db-import");
        }
        swapIn(fresh);
        current = new OsvDatabase(merged.values(), now, source.toAbsolutePath().toString());
        return new ImportResult(raw.size(), parsed.size() - replaced, replaced, merged.size());
    }

    private List<Advisory> advisoriesOnDisk() throws IOException, OsvFormatException {
        List<Advisory> out = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir.resolve(ADVISORIES), "*.json")) {
            for (Path f : files) {
                try (InputStream in = Files.newInputStream(f)) {
                    Advisory a = OsvParser.parse(f.getFileName().toString(), in);
                    if (f.getFileName().toString().equals(a.id() + ".json")) {
                        out.add(a);
                    }
                }
            }
        }
        return out;
    }

    private void swapIn(Path fresh) throws IOException {
        Path old = dir.resolveSibling(dir.getFileName() + ".old");
        deleteTree(old);
        if (Files.exists(dir)) {
            move(dir, old);
        }
        move(fresh, dir);
        deleteTree(old);
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    private static Map<String, byte[]> read(Path source) throws IOException, OsvFormatException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        if (Files.isDirectory(source)) {
            try (Stream<Path> walk = Files.walk(source)) {
                for (Path f : walk.filter(p -> Files.isRegularFile(p) && isJson(p.toString()))
                        .sorted().toList()) {
                    if (Files.size(f) > MAX_FILE_BYTES) {
                        throw new OsvFormatException(f + ": larger than " + MAX_FILE_BYTES + " bytes");
                    }
                    out.put(source.relativize(f).toString(), Files.readAllBytes(f));
                }
            }
        } else if (!Files.isRegularFile(source)) {
            throw new OsvFormatException(source + ": no such file or folder");
        } else if (source.toString().toLowerCase(Locale.ROOT).endsWith(".zip")) {
            try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(source))) {
                for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                    if (!e.isDirectory() && isJson(e.getName())) {
                        byte[] b = zip.readNBytes(MAX_FILE_BYTES + 1);
                        if (b.length > MAX_FILE_BYTES) {
                            throw new OsvFormatException(source + "!" + e.getName() + ": larger than "
                                    + MAX_FILE_BYTES + " bytes");
                        }
                        out.put(e.getName(), b);
                    }
                }
            } catch (java.util.zip.ZipException e) {
                throw new OsvFormatException(source + ": not a zip file: " + e.getMessage());
            }
        } else {
            if (Files.size(source) > MAX_FILE_BYTES) {
                throw new OsvFormatException(source + ": larger than " + MAX_FILE_BYTES + " bytes");
            }
            out.put(source.getFileName().toString(), Files.readAllBytes(source));
        }
        return out;
    }

    private static boolean isJson(String name) {
        return name.toLowerCase(Locale.ROOT).endsWith(".json");
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(p)) {
            for (Path f : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
    }
}
