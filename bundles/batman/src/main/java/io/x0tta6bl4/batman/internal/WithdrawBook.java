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
 * The hard interfaces {@code withdraw-interface} took out of the mesh, written before each is
 * taken out: a node that restarts meanwhile still puts them back. Thread-safe.
 */
final class WithdrawBook {

    static final String FILE = "withdrawn.properties";
    /** Entries kept at most: every hard interface a node can have, with room to spare. */
    static final int MAX = 64;

    /**
     * @param iface    the interface taken out
     * @param incident the FLAPPING incident it was taken out for
     * @param at       epoch ms it was taken out
     * @param link     the flapping link, for operators
     */
    record Withdrawn(String iface, String incident, long at, String link) {
    }

    private final Path file;
    private final Consumer<String> warn;
    private final Map<String, Withdrawn> entries = new TreeMap<>();

    /** @param file where the entries are kept; null keeps them in memory only */
    WithdrawBook(Path file, Consumer<String> warn) {
        this.file = file;
        this.warn = warn;
    }

    /** The entries a previous run left; a file that does not read is named and ignored. */
    synchronized List<Withdrawn> load() {
        entries.clear();
        try {
            Properties p = BookFile.read(file, 256 * 1024);
            for (String key : p.stringPropertyNames()) {
                if (!key.endsWith(".incident") || entries.size() >= MAX) {
                    continue;
                }
                String iface = key.substring(0, key.length() - ".incident".length());
                entries.put(iface, new Withdrawn(iface, p.getProperty(key), Long.parseLong(p.getProperty(iface + ".at", "")),
                        p.getProperty(iface + ".link", "")));
            }
        } catch (IOException | IllegalArgumentException e) {
            entries.clear();
            warn.accept("withdraw-interface: " + file + " unreadable, no interface to put back from it: " + e.getMessage());
        }
        return all();
    }

    synchronized List<Withdrawn> all() {
        return List.copyOf(entries.values());
    }

    synchronized Withdrawn get(String iface) {
        return entries.get(iface);
    }

    synchronized List<Withdrawn> ofIncident(String incident) {
        List<Withdrawn> out = new ArrayList<>();
        entries.values().stream().filter(w -> w.incident().equals(incident)).forEach(out::add);
        return out;
    }

    synchronized void put(Withdrawn w) throws IOException {
        if (entries.size() >= MAX && !entries.containsKey(w.iface())) {
            throw new IOException(MAX + " interfaces are already out of the mesh");
        }
        entries.put(w.iface(), w);
        save();
    }

    synchronized void remove(String iface) {
        if (entries.remove(iface) != null) {
            try {
                save();
            } catch (IOException e) {
                warn.accept("withdraw-interface: cannot write " + file + ": " + e.getMessage());
            }
        }
    }

    private void save() throws IOException {
        if (file == null) {
            return;
        }
        Properties p = new Properties();
        for (Withdrawn w : entries.values()) {
            p.setProperty(w.iface() + ".incident", w.incident());
            p.setProperty(w.iface() + ".at", Long.toString(w.at()));
            p.setProperty(w.iface() + ".link", w.link());
        }
        BookFile.write(file, p, "hard interfaces withdraw-interface took out of the mesh while their link flaps");
    }
}
