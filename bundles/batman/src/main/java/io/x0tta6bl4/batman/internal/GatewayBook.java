package io.x0tta6bl4.batman.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.function.Consumer;

/**
 * The gateway mode {@code demote-gateway} found before it turned this node's gateway off,
 * written to the bundle's data area before the kernel is changed: a node that restarts while
 * demoted still knows it was a server, and with which bandwidth. Thread-safe.
 */
final class GatewayBook {

    static final String FILE = "gateway.properties";

    /** @param found the mode and bandwidth to put back; @param at epoch ms of the demotion */
    record Demotion(GatewayMode found, String incident, long at) {
    }

    private final Path file;
    private final Consumer<String> warn;
    private Demotion demotion;

    /** @param file where the demotion is kept; null keeps it in memory only */
    GatewayBook(Path file, Consumer<String> warn) {
        this.file = file;
        this.warn = warn;
    }

    /** The demotion a previous run left, or null; a file that does not read is named and ignored. */
    synchronized Demotion load() {
        demotion = null;
        try {
            Properties p = BookFile.read(file, 4096);
            if (p.isEmpty()) {
                return null;
            }
            demotion = new Demotion(new GatewayMode(p.getProperty("mode", ""),
                    Long.parseLong(p.getProperty("bandwidth.down", "")), Long.parseLong(p.getProperty("bandwidth.up", ""))),
                    p.getProperty("incident", ""), Long.parseLong(p.getProperty("at", "")));
        } catch (IOException | IllegalArgumentException e) {
            warn.accept("demote-gateway: " + file + " unreadable, no gateway mode to put back from it: " + e.getMessage());
        }
        return demotion;
    }

    synchronized Demotion get() {
        return demotion;
    }

    synchronized void put(Demotion d) throws IOException {
        demotion = d;
        if (file == null) {
            return;
        }
        Properties p = new Properties();
        p.setProperty("mode", d.found().mode());
        p.setProperty("bandwidth.down", Long.toString(d.found().downUnits()));
        p.setProperty("bandwidth.up", Long.toString(d.found().upUnits()));
        p.setProperty("incident", d.incident());
        p.setProperty("at", Long.toString(d.at()));
        BookFile.write(file, p, "the gateway mode demote-gateway found, put back when the uplink is up again");
    }

    synchronized void clear() {
        demotion = null;
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                warn.accept("demote-gateway: cannot remove " + file + ": " + e.getMessage());
            }
        }
    }
}
