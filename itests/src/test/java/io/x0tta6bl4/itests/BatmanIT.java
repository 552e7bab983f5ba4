package io.x0tta6bl4.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import javax.inject.Inject;

import io.x0tta6bl4.api.identity.IdentityService;
import io.x0tta6bl4.api.identity.IdentityState;
import io.x0tta6bl4.api.identity.SvidSignature;
import io.x0tta6bl4.api.topology.provider.MeshProvider;

import org.junit.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;

/**
 * The batman-adv provider as an operator installs it: instead of the simulator. This host
 * has no batman-adv (the kernel lab in bundles/batman tests the real module), so here the
 * provider must stay up, say why it cannot read the mesh, refuse bad input and bad
 * configuration with one line, survive a restart without leaking its poller, and read node
 * facts from a real alfred daemon: unsigned, then signed with the node's development SVID
 * (verified) and tampered with (invalid).
 */
public class BatmanIT extends PlatformTestSupport {

    private static final String POLLER = "x0tta6bl4-batman";
    /**
     * The poller, the thread that attests peers (never the poller, whose rounds must not wait), and
     * the threads of steer-link, backup-link, withdraw-interface and the gateway uplink watch.
     */
    private static final List<String> THREADS = List.of("x0tta6bl4-batman-attest", "x0tta6bl4-batman-backup",
            "x0tta6bl4-batman-poller", "x0tta6bl4-batman-steer", "x0tta6bl4-batman-uplink", "x0tta6bl4-batman-withdraw");

    @Inject
    IdentityService identity;

    @Test
    public void replacesTheSimulatorAndExplainsAMissingMesh() throws Exception {
        awaitSimulatedMesh();
        shell().run("feature:uninstall x0tta6bl4-sim").assertOk();
        Await.until("simulated nodes withdrawn", Duration.ofSeconds(20), () -> topology.snapshot().nodes().isEmpty(),
                () -> topology.snapshot().nodes().keySet().toString());

        shell().run("feature:install x0tta6bl4-batman").assertOk();
        Bundle batman = bundle("io.x0tta6bl4.batman");
        assertNotNull("batman bundle installed", batman);
        assertEquals(Bundle.ACTIVE, batman.getState());
        Await.until("the batman mesh provider service", Duration.ofSeconds(20), () -> providerRegistered());
        Await.until("a first poll", Duration.ofSeconds(20),
                () -> !shell().run("batman:status --json").out().contains("\"starting\""));

        Shell.Result status = shell().run("batman:status --json").assertOk();
        assertTrue(status.out(), status.out().contains("\"backend\" : \"netlink\""));
        if (status.out().contains("\"state\" : \"error\"")) {
            // No batman-adv module, or no bat0: either way one line saying which.
            assertTrue(status.out(), status.out().contains("batadv") || status.out().contains("bat0"));
            Shell.Result originators = shell().run("batman:originators");
            assertEquals(originators.toString(), 1, originators.failure().strip().lines().count());
            assertTrue(originators.toString(), originators.failure().startsWith("Error: "));
        }
        Shell.Result add = shell().run("batman:if-add nosuch0");
        assertTrue(add.toString(), add.failure().startsWith("Error: cannot add nosuch0 to bat0"));
        assertEquals(THREADS, threadsNamed(POLLER));
        // demote-gateway on healing's whiteboard, for the kind the default policy gives it
        Shell.Result actions = shell().run("heal:actions").assertOk();
        assertTrue(actions.out(), actions.out().lines().anyMatch(l -> l.contains("demote-gateway")
                && l.contains("GATEWAY_UPLINK_DOWN") && l.contains("the mesh")));
        assertTrue(actions.out(), actions.out().lines().anyMatch(l -> l.contains("backup-link")
                && l.contains("PARTITION") && l.contains("the mesh")));
        assertTrue(actions.out(), actions.out().lines().anyMatch(l -> l.contains("withdraw-interface")
                && l.contains("FLAPPING") && l.contains("the mesh")));
        Shell.Result gateways = shell().run("batman:gateways");
        if (status.out().contains("\"state\" : \"error\"")) {
            assertEquals(gateways.toString(), 1, gateways.failure().strip().lines().count());
        } else {
            assertTrue(gateways.toString(), gateways.assertOk().out().contains("uplinkTargets"));
        }

        // A bad value is refused and the last good one stays.
        shell().run("config:property-set -p io.x0tta6bl4.batman down.after.ms 250000").assertOk();
        shell().run("config:property-set -p io.x0tta6bl4.batman poll.interval.ms 500").assertOk();
        Await.until("poll.interval.ms 500 in force", Duration.ofSeconds(10),
                () -> shell().run("batman:status --json").out().contains("\"pollIntervalMs\" : 500"));
        assertTrue(shell().run("batman:status --json").out().contains("\"downAfterMs\" : 5000"));

        // The batctl backend says what batctl said.
        shell().run("config:property-set -p io.x0tta6bl4.batman backend batctl").assertOk();
        Await.until("the batctl backend in force", Duration.ofSeconds(10),
                () -> shell().run("batman:status --json").out().contains("\"backend\" : \"batctl\""));
        Await.until("a batctl poll", Duration.ofSeconds(10),
                () -> shell().run("batman:status --json").out().contains("batctl: "),
                () -> shell().run("batman:status --json").out());

        // Hot swap: a restart leaves exactly one poller; uninstalling leaves none.
        batman.stop();
        Await.until("the poller to end", Duration.ofSeconds(10), () -> threadsNamed(POLLER).isEmpty(),
                () -> threadsNamed(POLLER).toString());
        batman.start();
        Await.until("one poller and one attester again", Duration.ofSeconds(10),
                () -> threadsNamed(POLLER).equals(THREADS), () -> threadsNamed(POLLER).toString());
        assertTrue("configuration survives the restart",
                shell().run("batman:status --json").out().contains("\"backend\" : \"batctl\""));

        factsFromARealAlfred();

        shell().run("feature:uninstall x0tta6bl4-batman").assertOk();
        assertNull(bundle("io.x0tta6bl4.batman"));
        Await.until("no batman thread", Duration.ofSeconds(10), () -> threadsNamed(POLLER).isEmpty(),
                () -> threadsNamed(POLLER).toString());
        assertFalse(providerRegistered());
        shell().run("feature:install x0tta6bl4-sim").assertOk();
        awaitSimulatedMesh();
    }

    /** An alfred daemon in a namespace holds a record written with alfred's own client; batman:facts shows it. */
    private void factsFromARealAlfred() throws Exception {
        String why = EbpfNetLab.unavailable();
        if (why == null && !Files.isExecutable(Path.of("/usr/sbin/alfred"))) {
            why = "alfred is not installed (Debian package alfred)";
        }
        if (why != null) {
            System.out.println("BatmanIT: alfred part skipped: " + why);
            return;
        }
        Path dir = Files.createTempDirectory("x0tta6bl4-batman-it-");
        Path socket = dir.resolve("alfred.sock");
        Process alfred = null;
        try (EbpfNetLab lab = new EbpfNetLab()) {
            for (String ns : List.of("x6batA", "x6batB")) {
                lab.namespace(ns);
                EbpfNetLab.must("ip", "netns", "exec", ns, "sysctl", "-qw", "net.ipv6.conf.default.accept_dad=0");
            }
            lab.veth("x6batA", "alfA", "02:00:00:00:0a:01", "10.98.0.1", "x6batB", "alfB", "02:00:00:00:0a:02", "10.98.0.2");
            alfred = new ProcessBuilder("ip", "netns", "exec", "x6batA", "alfred", "-m", "-i", "alfA", "-b", "none",
                    "-u", socket.toString()).redirectErrorStream(true).redirectOutput(dir.resolve("alfred.log").toFile())
                    .start();
            Await.until("alfred's socket", Duration.ofSeconds(15), () -> Files.exists(socket));
            String facts = "{\"nodeId\":\"02:00:00:00:0a:01\",\"spiffeId\":\"spiffe://mesh.example/node/a\","
                    + "\"version\":\"0.1.0\",\"health\":\"up 3, down 0\",\"timestamp\":" + System.currentTimeMillis() + "}";
            alfredSet(socket, facts);
            shell().run("config:property-set -p io.x0tta6bl4.batman alfred.socket " + socket).assertOk();
            Await.until("batman:facts to list node a", Duration.ofSeconds(15),
                    () -> shell().run("batman:facts").out().contains("spiffe://mesh.example/node/a"),
                    () -> shell().run("batman:facts").toString());
            Shell.Result json = shell().run("batman:facts --json").assertOk();
            assertTrue(json.out(), json.out().contains("\"nodeId\" : \"02:00:00:00:0a:01\""));
            assertTrue(json.out(), json.out().contains("\"trust\" : \"unsigned\""));
            signedFactsAreVerified(socket);
        } finally {
            if (alfred != null) {
                alfred.descendants().forEach(ProcessHandle::destroyForcibly);
                alfred.destroyForcibly();
                alfred.waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
            }
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /**
     * After identity:bootstrap, a record signed with this node's SVID (as a peer of the same
     * trust domain signs it: the documented canonical bytes) shows verified; changing one
     * value afterwards makes it invalid. The same facts signed in the old format 1 show as
     * {@code verified-v1}, which drives nothing.
     */
    private void signedFactsAreVerified(Path socket) throws Exception {
        shell().run("config:property-set -p io.x0tta6bl4.identity listener.port 0").assertOk();
        shell().run("identity:bootstrap x0tta6bl4.test").assertOk();
        Await.until("a READY identity", Duration.ofSeconds(30), () -> identity.state() == IdentityState.READY,
                () -> identity.state() + ": " + identity.stateReason());
        String id = identity.spiffeId().orElseThrow();
        // The record must be about the node the signer's SPIFFE ID names (a MAC is written with '-').
        String segment = id.substring(id.lastIndexOf('/') + 1);
        String node = segment.matches("([0-9a-f]{2}-){5}[0-9a-f]{2}") ? segment.replace('-', ':') : segment;
        String v1Fields = "{\"nodeId\":\"" + node + "\",\"spiffeId\":\"" + id + "\",\"version\":\"0.1.0\","
                + "\"health\":\"up 3, down 0\",\"timestamp\":" + System.currentTimeMillis() + "}";
        alfredSet(socket, withSignature(v1Fields, "", identity.sign(("x0tta6bl4-facts-v1\n" + v1Fields)
                .getBytes(StandardCharsets.UTF_8)).orElseThrow()));
        Await.until("batman:facts to show the old-format record as such", Duration.ofSeconds(15),
                () -> shell().run("batman:facts --json").out().contains("\"trust\" : \"verified-v1 " + id),
                () -> shell().run("batman:facts --json").toString());

        String fields = v1Fields.substring(0, v1Fields.length() - 1)
                + ",\"control\":[\"10.98.0.1:7443\"],\"macs\":[\"02:00:00:00:0a:01\"]}";
        String signed = withSignature(fields, ",\"format\":2", identity.sign(("x0tta6bl4-facts-v2\n" + fields)
                .getBytes(StandardCharsets.UTF_8)).orElseThrow());
        alfredSet(socket, signed);
        Await.until("batman:facts to show the record verified", Duration.ofSeconds(15),
                () -> shell().run("batman:facts --json").out().contains("\"trust\" : \"verified " + id + "\""),
                () -> shell().run("batman:facts --json").toString());
        assertTrue(shell().run("batman:facts").out().contains("verified " + id));

        alfredSet(socket, signed.replace("up 3, down 0", "up 9, down 0"));
        Await.until("batman:facts to flag the changed record", Duration.ofSeconds(15),
                () -> shell().run("batman:facts --json").out()
                        .contains("\"trust\" : \"invalid: signature does not match the data\""),
                () -> shell().run("batman:facts --json").toString());
    }

    /** The facts JSON {@code fields} with {@code extra} keys, the signer's chain and the signature added. */
    private static String withSignature(String fields, String extra, SvidSignature sig) throws Exception {
        StringBuilder chain = new StringBuilder();
        for (java.security.cert.X509Certificate c : sig.chain()) {
            chain.append(chain.length() == 0 ? "" : ",").append('"')
                    .append(Base64.getEncoder().encodeToString(c.getEncoded())).append('"');
        }
        return fields.substring(0, fields.length() - 1) + extra + ",\"chain\":[" + chain + "],\"signature\":\""
                + Base64.getEncoder().encodeToString(sig.signature()) + "\"}";
    }

    /** Writes a type-100 record with alfred's own client (it replaces this source's earlier one). */
    private static void alfredSet(Path socket, String json) throws Exception {
        Process write = new ProcessBuilder("alfred", "-s", "100", "-u", socket.toString())
                .redirectErrorStream(true).start();
        write.getOutputStream().write(json.getBytes(StandardCharsets.UTF_8));
        write.getOutputStream().close();
        assertTrue(write.waitFor(10, java.util.concurrent.TimeUnit.SECONDS));
        assertEquals(0, write.exitValue());
    }

    private boolean providerRegistered() {
        try {
            ServiceReference<?>[] refs = context.getServiceReferences(MeshProvider.class.getName(),
                    "(" + MeshProvider.ID_PROPERTY + "=batman)");
            return refs != null && refs.length > 0;
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
