package io.x0tta6bl4.identity.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.Locale;

import io.x0tta6bl4.api.topology.NodeId;

/** The node id this host goes by when {@code node.id} is not set: its host name, made a valid id. */
final class HostNodeId {

    private HostNodeId() {
    }

    /** {@code HOSTNAME}, else {@code /etc/hostname}, else {@code localhost}. */
    static NodeId get() {
        String name = System.getenv("HOSTNAME");
        if (name == null || name.isBlank()) {
            try {
                name = Files.readString(Paths.get("/etc/hostname")).trim();
            } catch (IOException | RuntimeException e) {
                name = "localhost";
            }
        }
        return sanitize(name);
    }

    /** Lower case, other characters replaced by '-', no leading punctuation, at most 64 characters. */
    static NodeId sanitize(String name) {
        String s = name.trim().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._:-]", "-");
        s = s.replaceAll("^[^a-z0-9]+", "");
        if (s.length() > 64) {
            s = s.substring(0, 64);
        }
        return NodeId.of(s.isEmpty() ? "localhost" : s);
    }
}
