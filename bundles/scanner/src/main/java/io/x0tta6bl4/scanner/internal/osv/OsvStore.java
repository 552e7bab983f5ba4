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
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * The offline OSV database on disk: {@code <dir>/advisories/<id>.json} as imported, and
 * {@code <dir>/db.properties} (when, from where, how many). An import reads and checks every
 * file first; one malformed file refuses the whole import and the database in force stays.
 * A good import is written beside the old one and swapped in with a directory rename.
 * An import is bounded ({@link OsvLimits}: entries, total bytes, versions, each field) and
 * runs alone: one started while another import or the load runs is refused at once, so
 * imports never queue behind a slow one.
 */
public final class OsvStore {

    static final int MAX_FILE_BYTES = OsvLimits.MAX_FILE_BYTES;
    private static final String ADVISORIES = "advisories";
    private static final String META = "db.properties";

    private final Path dir;
    private volatile OsvDatabase current = OsvDatabase.EMPTY;
    /** Held by the load and by an import; an import that cannot take it at once is refused. */
    private final ReentrantLock busy = new ReentrantLock();
    /**
     * What holds {@link #busy}, set right after taking it and cleared before letting it go, so the
     * refusal line never names the previous holder; null when free.
     */
    private volatile String busyWith;

    public OsvStore(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    public OsvDatabase current() {
        return current;
    }

    /** Whether an import or the load runs now (and has said which). */
    public boolean busy() {
        return busyWith != null;
    }

    /** Reads the database on disk into memory; an absent database is the empty one. */
    public OsvDatabase load() throws IOException, OsvFormatException {
        busy.lock();
        try {
            busyWith = "the database load from " + dir;
            return loadLocked();
        } finally {
            busyWith = null;
            busy.unlock();
        }
    }

    private OsvDatabase loadLocked() throws IOException, OsvFormatException {
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
     * @throws OsvFormatException naming the first malformed files or the bound broken, or saying
     *                             that another import runs; nothing changed
     */
    public ImportResult importFrom(Path source, boolean replace, Instant now) throws IOException, OsvFormatException {
        if (!busy.tryLock()) {
            String holder = busyWith;
            throw new OsvFormatException("import of " + source + " refused: "
                    + (holder == null ? "another import or the database load" : holder)
                    + " is running; nothing changed, try again when it has finished");
        }
        try {
            busyWith = "an import of " + source + " (since " + Instant.now() + ")";
            return importLocked(source, replace, now);
        } finally {
            busyWith = null;
            busy.unlock();
        }
    }

    private ImportResult importLocked(Path source, boolean replace, Instant now)
            throws IOException, OsvFormatException {
        Map<String, byte[]> raw = read(source);
        if (raw.isEmpty()) {
            throw new OsvFormatException(source + ": no OSV .json files in it");
        }
        Map<String, Advisory> parsed = new LinkedHashMap<>();
        Map<String, byte[]> byId = new LinkedHashMap<>();
        List<String> errors = new ArrayList<>();
        long versions = 0;
        for (Map.Entry<String, byte[]> e : raw.entrySet()) {
            try {
                Advisory a = OsvParser.parse(e.getKey(), new ByteArrayInputStream(e.getValue()));
                if (!a.id().matches("[A-Za-z0-9._-]+")) {
                    throw new OsvFormatException(e.getKey() + ": id '" + a.id() + "' is not a file name");
                }
                versions += a.versionCount();
                if (versions > OsvLimits.MAX_IMPORT_VERSIONS) {
                    throw new OsvFormatException("import refused at " + e.getKey() + " (" + a.id() + "): its files hold more than "
                            + OsvLimits.MAX_IMPORT_VERSIONS + " versions in all; the database in force is unchanged");
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
        long[] total = {0};
        if (Files.isDirectory(source)) {
            List<Path> files;
            try (Stream<Path> walk = Files.walk(source)) {
                files = walk.filter(Files::isRegularFile).limit(OsvLimits.MAX_ENTRIES + 1L).toList();
            }
            if (files.size() > OsvLimits.MAX_ENTRIES) {
                throw tooManyEntries(source);
            }
            for (Path f : files.stream().filter(p -> isJson(p.toString())).sorted().toList()) {
                if (Files.size(f) > MAX_FILE_BYTES) {
                    throw new OsvFormatException(f + ": larger than " + MAX_FILE_BYTES + " bytes");
                }
                out.put(source.relativize(f).toString(), counted(source, Files.readAllBytes(f), total));
            }
        } else if (!Files.isRegularFile(source)) {
            throw new OsvFormatException(source + ": no such file or folder");
        } else if (source.toString().toLowerCase(Locale.ROOT).endsWith(".zip")) {
            // the central directory: counted before anything is inflated, and entries that are
            // not JSON are never inflated at all
            try (ZipFile zip = new ZipFile(source.toFile())) {
                if (zip.size() > OsvLimits.MAX_ENTRIES) {
                    throw tooManyEntries(source);
                }
                for (ZipEntry e : Collections.list(zip.entries())) {
                    if (!e.isDirectory() && isJson(e.getName())) {
                        byte[] b;
                        try (InputStream in = zip.getInputStream(e)) {
                            b = in.readNBytes(MAX_FILE_BYTES + 1);
                        }
                        if (b.length > MAX_FILE_BYTES) {
                            throw new OsvFormatException(source + "!" + e.getName() + ": larger than "
                                    + MAX_FILE_BYTES + " bytes");
                        }
                        out.put(e.getName(), counted(source, b, total));
                    }
                }
            } catch (ZipException e) {
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

    private static OsvFormatException tooManyEntries(Path source) {
        return new OsvFormatException("import refused: " + source + " has more than " + OsvLimits.MAX_ENTRIES
                + " entries; the database in force is unchanged");
    }

    private static byte[] counted(Path source, byte[] file, long[] total) throws OsvFormatException {
        total[0] += file.length;
        if (total[0] > OsvLimits.MAX_IMPORT_BYTES) {
            throw new OsvFormatException("import refused: the JSON files of " + source + " add up to more than "
                    + OsvLimits.MAX_IMPORT_BYTES + " bytes; the database in force is unchanged");
        }
        return file;
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
