package io.x0tta6bl4.batman.internal.alfred;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.x0tta6bl4.batman.internal.NodeFacts;

import org.junit.jupiter.api.Test;

/**
 * Two real alfred daemons (primary mode, {@code -b none}) in two network namespaces joined
 * by a veth pair ({@link AlfredPair}): what this client publishes on one is read through the
 * other. Needs root, iproute2 and alfred; skips saying which is missing.
 */
class AlfredDaemonTest {

    @Test
    void publishedOnOneNodeIsReadOnTheOther() throws Exception {
        String skip = AlfredPair.skipReason();
        assumeTrue(skip == null, skip);
        try (AlfredPair pair = new AlfredPair()) {
            AlfredClient clientA = pair.a;
            AlfredClient clientB = pair.b;
            NodeFacts facts = new NodeFacts("02:00:00:00:01:02", "spiffe://mesh.example/node/a", "0.1.0",
                    "up 2, down 0", 1_700_000_000_000L, null);
            clientA.write(100, 1, facts.toJson());
            assertEquals(1, clientA.read(100).size(), "own record right away");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            Optional<AlfredRecord> seen = Optional.empty();
            while (System.nanoTime() < deadline && seen.isEmpty()) {
                seen = clientB.read(100).stream().findFirst();
                if (seen.isEmpty()) {
                    Thread.sleep(200); // alfred primaries synchronise every second (-p 1)
                }
            }
            assertTrue(seen.isPresent(), "node b never received node a's record");
            NodeFacts read = NodeFacts.parse(seen.get().data(), seen.get().source());
            assertEquals(facts.nodeId(), read.nodeId());
            assertEquals(facts.spiffeId(), read.spiffeId());
            assertEquals(facts.health(), read.health());
            assertEquals(1, seen.get().version());
            assertTrue(clientB.read(101).isEmpty());

            AlfredStatus status = clientA.status();
            assertTrue(status.primary(), status.toString());
            assertEquals(List.of(new AlfredStatus.NetInterface(pair.ifA(), true)), status.interfaces());
            assertEquals("none", status.batmanInterface());
        }
    }
}
