package io.x0tta6bl4.identity.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.x0tta6bl4.api.identity.AttestationResult;
import io.x0tta6bl4.api.topology.NodeId;
import io.x0tta6bl4.support.io.AtomicFiles;

/**
 * The latest attestation result per peer, kept in a JSON file so that a bundle update, a
 * feature upgrade or a restart does not forget which peers were attested (and the eBPF allow
 * list and {@code mesh:nodes} do not fall back to "unknown" until every peer is attested
 * again). Written whole to a temporary file and moved into place.
 */
final class AttestationStore {

    /** One result as stored; instants as ISO-8601 text. */
    record Entry(String node, String spiffeId, boolean attested, String reason, String at, String notAfter) {
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Path file;

    AttestationStore(Path file) {
        this.file = file;
    }

    /**
     * The stored results, less successes whose SVID has expired by {@code now}. A missing file
     * is no results; an unreadable one is no results and one warning naming the file.
     */
    Map<NodeId, AttestationResult> load(Instant now, Consumer<String> warn) {
        Map<NodeId, AttestationResult> out = new HashMap<>();
        if (!Files.exists(file)) {
            return out;
        }
        try {
            for (Entry e : MAPPER.readValue(file.toFile(), Entry[].class)) {
                Instant notAfter = e.notAfter() == null ? null : Instant.parse(e.notAfter());
                if (e.node() == null || e.at() == null || (e.attested() && notAfter != null && notAfter.isBefore(now))) {
                    continue;
                }
                out.put(NodeId.of(e.node()), new AttestationResult(NodeId.of(e.node()), e.spiffeId(), e.attested(),
                        e.reason(), Instant.parse(e.at()), notAfter));
            }
        } catch (IOException | RuntimeException ex) {
            warn.accept("Ignoring the stored attestation results in " + file + ": " + ex.getMessage());
            out.clear();
        }
        return out;
    }

    void save(Map<NodeId, AttestationResult> results) throws IOException {
        List<Entry> entries = new ArrayList<>();
        results.forEach((node, r) -> entries.add(new Entry(node.value(), r.spiffeId(), r.attested(), r.reason(),
                r.at() == null ? Instant.EPOCH.toString() : r.at().toString(),
                r.notAfter() == null ? null : r.notAfter().toString())));
        AtomicFiles.write(file, MAPPER.writeValueAsBytes(entries));
    }
}
