package io.x0tta6bl4.identity.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.x0tta6bl4.api.identity.AttestationResult;
import io.x0tta6bl4.api.topology.NodeId;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AttestationStoreTest {

    @TempDir
    Path dir;

    private final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    private final List<String> warnings = new ArrayList<>();

    @Test
    void keepsTheLatestResultsAndDropsSuccessesWhoseSvidExpired() throws Exception {
        NodeId b = NodeId.of("02:00:00:00:02:01");
        NodeId c = NodeId.of("c");
        NodeId d = NodeId.of("d");
        AttestationStore store = new AttestationStore(dir.resolve("identity/attestations.json"));
        store.save(Map.of(
                b, AttestationResult.success(b, "spiffe://mesh.test/mesh/node/02-00-00-00-02-01", now,
                        now.plus(Duration.ofHours(1))),
                c, AttestationResult.failure(c, "spiffe://other.test/mesh/node/c", "trust domain 'other.test' is not"
                        + " 'mesh.test'", now, now.plus(Duration.ofHours(1))),
                d, AttestationResult.success(d, "spiffe://mesh.test/mesh/node/d", now.minus(Duration.ofHours(2)),
                        now.minus(Duration.ofHours(1)))));

        Map<NodeId, AttestationResult> read = store.load(now, warnings::add);

        assertEquals(2, read.size(), read.toString());
        assertEquals(AttestationResult.success(b, "spiffe://mesh.test/mesh/node/02-00-00-00-02-01", now,
                now.plus(Duration.ofHours(1))), read.get(b));
        assertEquals("trust domain 'other.test' is not 'mesh.test'", read.get(c).reason());
        assertTrue(warnings.isEmpty(), warnings.toString());
    }

    @Test
    void aMissingFileIsNoResultsAndADamagedOneIsOneWarning() throws Exception {
        Path file = dir.resolve("attestations.json");
        AttestationStore store = new AttestationStore(file);
        assertTrue(store.load(now, warnings::add).isEmpty());
        assertTrue(warnings.isEmpty());

        Files.writeString(file, "[{\"node\":\"b\",\"attested\":true,\"at\":\"not a time\"}]");
        assertTrue(store.load(now, warnings::add).isEmpty());
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains(file.toString()), warnings.get(0));
    }
}
