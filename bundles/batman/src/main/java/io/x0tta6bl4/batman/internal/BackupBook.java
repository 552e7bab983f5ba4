package io.x0tta6bl4.batman.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The standby interface {@code backup-link} added to the mesh, written before it is added: a
 * node that restarts during a partition still knows the interface is not one of its own
 * and takes it out once the mesh no longer needs it. Thread-safe.
 */
final class BackupBook {

    static final String FILE = "backup.properties";

    /**
     * @param iface    the interface added
     * @param incident the partition incident it was added for
     * @param at       epoch ms of the add
     * @param resolved whether the incident has resolved (or this entry comes from an earlier run,
     *                 whose incidents nobody will resolve now)
     * @param known    the originators batman-adv knew before the add: the mesh the backup stands
     *                 in for (the backup's own far end, say, is not)
     */
    record Added(String iface, String incident, long at, boolean resolved, Set<String> known) {

        Added {
            known = Set.copyOf(known);
        }

        Added asResolved() {
            return new Added(iface, incident, at, true, known);
        }
    }

    private final Path file;
    private final Consumer<String> warn;
    private Added added;

    /** @param file where the entry is kept; null keeps it in memory only */
    BackupBook(Path file, Consumer<String> warn) {
        this.file = file;
        this.warn = warn;
    }

    /** The entry a previous run left, as resolved, or null; a file that does not read is named and ignored. */
    synchronized Added load() {
        added = null;
        try {
            Properties p = BookFile.read(file, 256 * 1024);
            if (!p.isEmpty()) {
                String iface = p.getProperty("interface", "");
                if (iface.isEmpty()) {
                    throw new IllegalArgumentException("no interface");
                }
                String known = p.getProperty("known", "");
                added = new Added(iface, p.getProperty("incident", ""), Long.parseLong(p.getProperty("at", "")), true,
                        known.isEmpty() ? Set.of() : Set.of(known.split(",")));
            }
        } catch (IOException | IllegalArgumentException e) {
            warn.accept("backup-link: " + file + " unreadable, no backup interface to take out from it: "
                    + e.getMessage());
        }
        return added;
    }

    synchronized Added get() {
        return added;
    }

    synchronized void put(Added a) throws IOException {
        added = a;
        if (file != null) {
            Properties p = new Properties();
            p.setProperty("interface", a.iface());
            p.setProperty("incident", a.incident());
            p.setProperty("at", Long.toString(a.at()));
            p.setProperty("known", String.join(",", new TreeSet<>(a.known())));
            BookFile.write(file, p, "the standby interface backup-link added to the mesh during a partition");
        }
    }

    /** Marks the entry's incident resolved, in memory: after a restart every entry counts as resolved. */
    synchronized boolean resolve(String incident) {
        if (added == null || !added.incident().equals(incident)) {
            return false;
        }
        added = added.asResolved();
        return true;
    }

    synchronized void clear() {
        added = null;
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                warn.accept("backup-link: cannot remove " + file + ": " + e.getMessage());
            }
        }
    }
}
