package io.x0tta6bl4.topology.internal;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import java.util.function.Consumer;

import io.x0tta6bl4.api.topology.LinkId;
import io.x0tta6bl4.api.topology.LinkPenalty;
import io.x0tta6bl4.support.io.AtomicFiles;

/**
 * Link penalties on disk, in the bundle's data area, so that a penalty set by healing or an
 * operator outlives a bundle update or a restart of the node: the mesh reported again after
 * a restart must not route over a link remediation took out. One properties entry per
 * penalty: {@code a->b = <factor> <until epoch ms> <reason>}. The file is replaced
 * atomically, so a crash leaves the old or the new set, never half of one.
 */
final class PenaltyStore {

    static final String FILE = "penalties.properties";

    private final Path file;
    private final Consumer<String> warn;

    PenaltyStore(Path file, Consumer<String> warn) {
        this.file = file;
        this.warn = warn;
    }

    /** The stored penalties still in force at {@code now}; a bad entry is skipped with one warning. */
    List<LinkPenalty> load(Instant now) {
        List<LinkPenalty> out = new ArrayList<>();
        if (!Files.exists(file)) {
            return out;
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException | IllegalArgumentException e) {
            warn.accept("link penalties in " + file + " not restored: " + e.getMessage());
            return out;
        }
        for (String key : p.stringPropertyNames()) {
            String value = p.getProperty(key);
            try {
                String[] parts = value.split(" ", 3);
                if (parts.length < 2) {
                    throw new IllegalArgumentException("expected <factor> <until epoch ms> [reason]");
                }
                LinkPenalty penalty = new LinkPenalty(LinkId.parse(key), Double.parseDouble(parts[0]),
                        Instant.ofEpochMilli(Long.parseLong(parts[1])), parts.length > 2 ? parts[2] : "");
                if (penalty.until().isAfter(now)) {
                    out.add(penalty);
                }
            } catch (IllegalArgumentException e) {
                warn.accept("link penalty '" + key + " = " + value + "' in " + file + " skipped: " + e.getMessage());
            }
        }
        return out;
    }

    /** Replaces the stored set with {@code penalties}. */
    void save(Collection<LinkPenalty> penalties) throws IOException {
        Properties p = new Properties();
        for (LinkPenalty penalty : penalties) {
            p.setProperty(penalty.link().toString(),
                    penalty.factor() + " " + penalty.until().toEpochMilli() + " " + penalty.reason());
        }
        StringWriter w = new StringWriter();
        p.store(w, "link penalties in force (topology); replaced as a whole on every change");
        AtomicFiles.write(file, w.toString().getBytes(StandardCharsets.UTF_8));
    }
}
