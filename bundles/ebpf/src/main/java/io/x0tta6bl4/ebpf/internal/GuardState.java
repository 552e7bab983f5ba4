package io.x0tta6bl4.ebpf.internal;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

import io.x0tta6bl4.api.ebpf.MacAddresses;
import io.x0tta6bl4.support.io.AtomicFiles;

/**
 * What the guard was told at runtime, kept in the bundle's data area so that a bundle update
 * or a restart of the node neither lifts a quarantine nor drops enforcement, and the guard is
 * attached again where the shell attached it. The kernel maps themselves survive in bpffs
 * (see {@link #PIN_DIR}); this file says what they should hold.
 *
 * @param quarantine quarantined MACs and why
 * @param allowed    the allow list
 * @param enforcing  enforcement
 * @param attached   interfaces attached with {@code ebpf:attach} (configured ones come from the configuration)
 */
record GuardState(Map<String, String> quarantine, Set<String> allowed, boolean enforcing, List<String> attached) {

    static final String FILE = "guard-state.properties";
    /** Folder under the pin root holding mesh_guard's maps. */
    static final String PIN_DIR = "mesh_guard";

    GuardState {
        quarantine = Map.copyOf(quarantine);
        allowed = Set.copyOf(allowed);
        attached = List.copyOf(attached);
    }

    /**
     * The saved state, or null when there is none (the bundle's first start: an uninstall
     * deletes the data area). An entry that cannot be read is skipped with one warning.
     */
    static GuardState load(Path file, Consumer<String> warn) {
        if (file == null || !Files.exists(file)) {
            return null;
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException | IllegalArgumentException e) {
            warn.accept("eBPF guard state in " + file + " not restored: " + e.getMessage());
            return null;
        }
        Map<String, String> quarantine = new TreeMap<>();
        Set<String> allowed = new TreeSet<>();
        for (String key : p.stringPropertyNames()) {
            try {
                if (key.startsWith("quarantine.")) {
                    quarantine.put(MacAddresses.normalize(key.substring("quarantine.".length())), p.getProperty(key));
                }
            } catch (IllegalArgumentException e) {
                warn.accept("eBPF guard state: '" + key + "' skipped: " + e.getMessage());
            }
        }
        for (String mac : items(p.getProperty("allowed"))) {
            try {
                allowed.add(MacAddresses.normalize(mac));
            } catch (IllegalArgumentException e) {
                warn.accept("eBPF guard state: allowed '" + mac + "' skipped: " + e.getMessage());
            }
        }
        List<String> attached = new ArrayList<>();
        for (String spec : items(p.getProperty("attached"))) {
            try {
                attached.add(EbpfConfigReader.checkInterface(spec));
            } catch (IllegalArgumentException e) {
                warn.accept("eBPF guard state: attached " + e.getMessage() + " skipped");
            }
        }
        return new GuardState(quarantine, allowed, Boolean.parseBoolean(p.getProperty("enforcing", "false")), attached);
    }

    private static List<String> items(String v) {
        return v == null ? List.of()
                : Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** Replaces the file atomically. */
    void save(Path file) throws IOException {
        Properties p = new Properties();
        quarantine.forEach((mac, reason) -> p.setProperty("quarantine." + mac, reason));
        p.setProperty("allowed", String.join(",", new TreeSet<>(allowed)));
        p.setProperty("enforcing", Boolean.toString(enforcing));
        p.setProperty("attached", String.join(",", attached));
        StringWriter w = new StringWriter();
        p.store(w, "mesh_guard state (ebpf bundle); replaced as a whole on every change");
        AtomicFiles.write(file, w.toString().getBytes(StandardCharsets.UTF_8));
    }

    static List<String> sorted(Collection<String> specs) {
        return specs.stream().sorted().toList();
    }
}
