package io.x0tta6bl4.scanner.internal.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.x0tta6bl4.api.scanner.Finding;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigAuditTest {

    @TempDir
    Path etc;

    private final Set<String> installed = new HashSet<>();
    private ConfigAudit audit;

    @BeforeEach
    void setUp() throws Exception {
        audit = new ConfigAudit(etc, prefix -> installed.stream().anyMatch(n -> n.startsWith(prefix)));
        Files.writeString(etc.resolve("users.properties"), "#karaf = karaf,_g_:admingroup\n_g_\\:admingroup = group,admin\n");
        Files.writeString(etc.resolve("io.x0tta6bl4.ebpf.cfg"), "enforce = true\n");
        for (Path f : List.of(etc.resolve("users.properties"), etc.resolve("io.x0tta6bl4.ebpf.cfg"), etc)) {
            Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(Files.isDirectory(f) ? "rwxr-xr-x" : "rw-r--r--"));
        }
    }

    private List<String> ids() throws Exception {
        return audit.scan().stream().map(Finding::id).sorted().toList();
    }

    @Test
    void aCleanEtcHasNoFindings() throws Exception {
        assertEquals(List.of(), ids());
    }

    @Test
    void defaultCredentialsAppearAndDisappearWithTheFile() throws Exception {
        Files.writeString(etc.resolve("users.properties"), "karaf = karaf,_g_:admingroup\n");
        Finding f = audit.scan().get(0);
        assertEquals("CFG-DEFAULT-CREDENTIALS", f.id());
        assertEquals("etc/users.properties", f.subject());
        Files.writeString(etc.resolve("users.properties"), "karaf = s3cret-Long,_g_:admingroup\n");
        assertEquals(List.of(), ids());
        Files.writeString(etc.resolve("users.properties"), "bob = bob,admin\n");
        assertEquals(List.of("CFG-PASSWORD-IS-USER"), ids());
    }

    @Test
    void sshAndHttpBeyondLoopbackOnlyWhenInstalled() throws Exception {
        Files.writeString(etc.resolve("org.apache.karaf.shell.cfg"), "sshPort = 8101\nsshHost = 0.0.0.0\n");
        Files.writeString(etc.resolve("org.ops4j.pax.web.cfg"), "org.osgi.service.http.port = 8181\n");
        assertEquals(List.of(), ids());
        installed.add("org.apache.karaf.shell.ssh");
        installed.add("org.ops4j.pax.web.pax-web-runtime");
        assertEquals(List.of("CFG-HTTP-EXPOSED", "CFG-SSH-EXPOSED"), ids());
        Files.writeString(etc.resolve("org.apache.karaf.shell.cfg"), "sshHost = 127.0.0.1\n");
        Files.writeString(etc.resolve("org.ops4j.pax.web.cfg"), "org.ops4j.pax.web.listening.addresses = 127.0.0.1,::1\n");
        assertEquals(List.of(), ids());
    }

    @Test
    void webConsoleIdentityDevModeAndEnforcement() throws Exception {
        installed.add("org.apache.felix.webconsole");
        Files.writeString(etc.resolve("io.x0tta6bl4.identity.cfg"), "development = true\n");
        Files.writeString(etc.resolve("io.x0tta6bl4.ebpf.cfg"), "enforce = false\n");
        assertEquals(List.of("CFG-ATTESTATION-NOT-ENFORCED", "CFG-IDENTITY-DEV", "CFG-WEBCONSOLE"), ids());
    }

    /** A running service is what is in effect: ebpf:enforce on changes the guard, not the file. */
    @Test
    void theRunningServicesOverTheFiles() throws Exception {
        Files.writeString(etc.resolve("io.x0tta6bl4.identity.cfg"), "development = true\n");
        Files.writeString(etc.resolve("io.x0tta6bl4.ebpf.cfg"), "enforce = false\n");
        boolean[] state = {false, true}; // development, enforcing
        ConfigAudit running = new ConfigAudit(etc, prefix -> false,
                new ConfigAudit.InEffect(() -> Optional.of(state[0]), () -> Optional.of(state[1])));
        assertEquals(List.of(), running.scan().stream().map(Finding::id).sorted().toList());
        state[0] = true;
        state[1] = false;
        assertEquals(List.of("CFG-ATTESTATION-NOT-ENFORCED", "CFG-IDENTITY-DEV"),
                running.scan().stream().map(Finding::id).sorted().toList());
    }

    @Test
    void worldWritableFiles() throws Exception {
        Files.setPosixFilePermissions(etc.resolve("users.properties"), PosixFilePermissions.fromString("rw-rw-rw-"));
        List<Finding> found = audit.scan();
        assertEquals(1, found.size());
        assertEquals("etc/users.properties", found.get(0).subject());
        assertEquals("CFG-WORLD-WRITABLE", found.get(0).id());
    }

    @Test
    void plainSecretsAreFoundButNeverShown() throws Exception {
        Files.writeString(etc.resolve("org.example.cfg"),
                "db.password = hunter2\napi.token = ${env:TOKEN}\nkey.password = ENC(abc)\nfiles.key = /etc/key.pem\nname = x\n");
        List<Finding> found = audit.scan();
        assertEquals(1, found.size());
        Finding f = found.get(0);
        assertEquals("CFG-PLAIN-SECRET", f.id());
        assertEquals("etc/org.example.cfg", f.subject());
        assertTrue(f.evidence().contains("db.password"));
        assertFalse(f.evidence().contains("hunter2") || f.title().contains("hunter2") || f.fix().contains("hunter2"));
    }

    @Test
    void loopbackAddresses() {
        assertTrue(ConfigAudit.isLoopback("127.0.0.1"));
        assertTrue(ConfigAudit.isLoopback("::1"));
        assertTrue(ConfigAudit.isLoopback("localhost"));
        assertFalse(ConfigAudit.isLoopback("0.0.0.0"));
        assertFalse(ConfigAudit.isLoopback("10.0.0.1"));
        assertFalse(ConfigAudit.isLoopback("node.example"));
    }
}
