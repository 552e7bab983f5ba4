package io.x0tta6bl4.batman.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Every hard-interface value {@code steer-link} changed, with the value it found, written to
 * the bundle's data area before the kernel is changed: a node that crashes with a link steered
 * finds on its next start what to put back. One change per hard interface. Thread-safe.
 */
final class SteeringBook {

    static final String FILE = "steering.properties";
    static final String HOP_PENALTY = "hop_penalty";
    static final String THROUGHPUT_OVERRIDE = "throughput_override";

    /**
     * @param knob    {@link #HOP_PENALTY} or {@link #THROUGHPUT_OVERRIDE}
     * @param until   epoch milliseconds when the found value goes back
     */
    record Change(String ifname, int ifindex, String knob, long found, long applied, String incident, String link,
                  long until) {

        String line() {
            return knob + " " + ifname + " " + found + "→" + applied;
        }

        String restoredLine() {
            return knob + " " + ifname + " " + applied + "→" + found;
        }

        String encode() {
            return String.join(",", knob, Integer.toString(ifindex), Long.toString(found), Long.toString(applied),
                    Long.toString(until), incident, link);
        }

        static Change decode(String ifname, String value) {
            String[] f = value.split(",", -1);
            if (f.length != 7 || !(f[0].equals(HOP_PENALTY) || f[0].equals(THROUGHPUT_OVERRIDE))) {
                throw new IllegalArgumentException("not a steering record: " + value);
            }
            return new Change(ifname, Integer.parseInt(f[1]), f[0], Long.parseLong(f[2]), Long.parseLong(f[3]), f[5], f[6],
                    Long.parseLong(f[4]));
        }
    }

    private final Path file;
    private final Consumer<String> warn;
    private final Map<String, Change> changes = new TreeMap<>();

    /** @param file where the changes are kept; null keeps them in memory only */
    SteeringBook(Path file, Consumer<String> warn) {
        this.file = file;
        this.warn = warn;
    }

    /** The changes a previous run left in the file; a line that does not read is named and skipped. */
    synchronized List<Change> load() {
        changes.clear();
        Properties p;
        try {
            p = BookFile.read(file, 64 * 1024);
        } catch (IOException | IllegalArgumentException e) {
            warn.accept("steer-link: " + file + " unreadable, nothing to put back from it: " + e.getMessage());
            return List.of();
        }
        for (String ifname : p.stringPropertyNames()) {
            try {
                changes.put(ifname, Change.decode(ifname, p.getProperty(ifname)));
            } catch (IllegalArgumentException e) {
                warn.accept("steer-link: skipped " + ifname + " in " + file + ": " + e.getMessage());
            }
        }
        return List.copyOf(changes.values());
    }

    synchronized Change get(String ifname) {
        return changes.get(ifname);
    }

    synchronized void put(Change c) throws IOException {
        changes.put(c.ifname(), c);
        save();
    }

    synchronized void remove(Change c) {
        if (changes.remove(c.ifname(), c)) {
            try {
                save();
            } catch (IOException e) {
                warn.accept("steer-link: cannot write " + file + ": " + e.getMessage());
            }
        }
    }

    synchronized List<Change> ofIncident(String incident) {
        return changes.values().stream().filter(c -> c.incident().equals(incident)).toList();
    }

    synchronized List<Change> due(long now) {
        return changes.values().stream().filter(c -> c.until() <= now).toList();
    }

    synchronized List<Change> all() {
        return new ArrayList<>(changes.values());
    }

    private void save() throws IOException {
        if (file == null) {
            return;
        }
        Properties p = new Properties();
        changes.forEach((k, v) -> p.setProperty(k, v.encode()));
        BookFile.write(file, p, "hard-interface values steer-link changed, with the values it found");
    }
}
