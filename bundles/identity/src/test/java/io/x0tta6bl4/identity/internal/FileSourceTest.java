package io.x0tta6bl4.identity.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.x0tta6bl4.api.topology.NodeId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSourceTest {

    @TempDir
    Path dir;

    private final TestCa ca = new TestCa("files.test");

    private void write(SvidMaterial m) throws Exception {
        DevBootstrap.writeAtomically(dir.resolve("svid.pem"), Certs.pem(m.chain()), false);
        DevBootstrap.writeAtomically(dir.resolve("key.pem"), Certs.pem(m.key()), true);
        DevBootstrap.writeAtomically(dir.resolve("bundle.pem"), Certs.pem(m.bundle()), false);
    }

    private FileSource source() {
        return new FileSource(dir.resolve("svid.pem"), dir.resolve("key.pem"), dir.resolve("bundle.pem"), 100, false);
    }

    @Test
    void loadsAndReloadsWhenTheFilesChange() throws Exception {
        SvidMaterial first = ca.svid("f1", Duration.ofHours(1));
        write(first);
        try (FileSource s = source()) {
            Recorder rec = new Recorder();
            s.start(rec);
            SvidMaterial got = rec.nextUpdate(5000);
            assertEquals("spiffe://files.test/mesh/node/f1", got.spiffeId());
            assertEquals(first.leaf(), got.leaf());
            assertTrue(KeyMatch.matches(got.leaf().getPublicKey(), got.key()));

            SvidMaterial second = ca.svid("f1", Duration.ofHours(2));
            write(second);
            assertEquals(second.leaf(), rec.nextUpdate(5000).leaf());
        }
    }

    @Test
    void missingOrMismatchedFilesAreReportedAndRetried() throws Exception {
        try (FileSource s = source()) {
            Recorder rec = new Recorder();
            s.start(rec);
            assertTrue(rec.nextDown(5000).contains("does not exist"));
            SvidMaterial a = ca.svid("f2", Duration.ofHours(1));
            SvidMaterial b = ca.svid("f2", Duration.ofHours(1));
            write(a);
            DevBootstrap.writeAtomically(dir.resolve("key.pem"), Certs.pem(b.key()), true);
            String reason = rec.nextDown(5000);
            while (reason.contains("does not exist")) {
                reason = rec.nextDown(5000);
            }
            assertTrue(reason.contains("does not belong"), reason);
            DevBootstrap.writeAtomically(dir.resolve("key.pem"), Certs.pem(a.key()), true);
            assertEquals(a.leaf(), rec.nextUpdate(5000).leaf());
        }
    }

    @Test
    void garbageFilesGiveOneLine() throws Exception {
        Files.writeString(dir.resolve("svid.pem"), "not a certificate");
        Files.writeString(dir.resolve("key.pem"), "not a key");
        Files.writeString(dir.resolve("bundle.pem"), "nothing");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FileSource.load(dir.resolve("svid.pem"), dir.resolve("key.pem"), dir.resolve("bundle.pem"), false));
        assertTrue(e.getMessage().contains("svid.pem"), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"));
    }

    @Test
    void bootstrapWritesARealCaAndSvid() throws Exception {
        IdPolicy policy = IdPolicy.parse(IdPolicy.DEFAULT_PATTERN);
        DevBootstrap.Written w = DevBootstrap.write(dir.resolve("dev"), "boot.test", NodeId.of("node-7"), policy, false);
        assertEquals("spiffe://boot.test/mesh/node/node-7", w.spiffeId());
        SvidMaterial m = FileSource.load(w.svid(), w.key(), w.bundle(), true);
        assertEquals(w.spiffeId(), m.spiffeId());
        assertTrue(m.development());
        assertEquals(List.of("spiffe://boot.test"), SpiffeIds.uriSans(m.bundle().get(0)));
        assertTrue(m.bundle().get(0).getBasicConstraints() >= 0);
        // the SVID verifies against the bundle as a peer would check it
        assertTrue(ChainVerifier.verify(m.chain(), NodeId.of("node-7"), "boot.test", m.bundle(), policy,
                java.time.Instant.now()).attested());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DevBootstrap.write(dir.resolve("dev"),
                "boot.test", NodeId.of("node-7"), policy, false)).getMessage().contains("--force"));
        DevBootstrap.write(dir.resolve("dev"), "boot.test", NodeId.of("node-7"), policy, true);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DevBootstrap.write(dir.resolve("x"),
                "Bad Domain!", NodeId.of("node-7"), policy, false)).getMessage().contains("invalid trust domain"));
    }
}
