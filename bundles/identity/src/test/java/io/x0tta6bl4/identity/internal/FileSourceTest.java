package io.x0tta6bl4.identity.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;

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
    void aKeyFileOthersCanReadIsRefusedWithOneLine() throws Exception {
        SvidMaterial m = ca.svid("f3", Duration.ofHours(1));
        write(m);
        Path key = dir.resolve("key.pem");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FileSource.load(dir.resolve("svid.pem"), key, dir.resolve("bundle.pem"), false));
        assertEquals("key file " + key + " has mode 0644: it must not be accessible by group or others (chmod 600 "
                + key + ")", e.getMessage());
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r-----"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FileSource.load(dir.resolve("svid.pem"), key,
                dir.resolve("bundle.pem"), false)).getMessage().contains("mode 0640"));
        // the source reports it and keeps polling; the key made private again is taken
        try (FileSource s = source()) {
            Recorder rec = new Recorder();
            s.start(rec);
            assertTrue(rec.nextDown(5000).contains("has mode 0640"));
            Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
            s.refresh();
            assertEquals(m.leaf(), rec.nextUpdate(5000).leaf());
        }
    }

    @Test
    void bootstrapKeysAreOwnerOnlyAndCertificatesAreNot() throws Exception {
        DevBootstrap.Written w = DevBootstrap.write(dir.resolve("dev"), "boot.test", NodeId.of("node-8"),
                IdPolicy.parse(IdPolicy.DEFAULT_PATTERN), false);
        for (String name : List.of(DevBootstrap.KEY, DevBootstrap.CA_KEY)) {
            PosixFileAttributes a = Files.readAttributes(dir.resolve("dev").resolve(name), PosixFileAttributes.class);
            assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE), a.permissions(),
                    name);
        }
        assertTrue(Files.getPosixFilePermissions(w.svid()).contains(PosixFilePermission.OWNER_READ));
        // a key written over an existing file gets a new file, created private
        DevBootstrap.writeAtomically(dir.resolve("k.pem"), "x", false);
        Files.setPosixFilePermissions(dir.resolve("k.pem"), PosixFilePermissions.fromString("rw-rw-rw-"));
        DevBootstrap.writeAtomically(dir.resolve("k.pem"), "secret", true);
        assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(dir.resolve("k.pem")));
        FileSource.load(w.svid(), w.key(), w.bundle(), true);
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
