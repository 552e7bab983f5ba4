package io.x0tta6bl4.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import javax.inject.Inject;

import io.x0tta6bl4.api.ebpf.MeshGuard;
import io.x0tta6bl4.api.ebpf.PeerCounters;
import io.x0tta6bl4.api.event.HealthEvent;
import io.x0tta6bl4.api.event.HealthKinds;
import io.x0tta6bl4.api.event.Topics;

import org.junit.After;
import org.junit.Assume;
import org.junit.Before;
import org.junit.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.osgi.util.tracker.ServiceTracker;

/**
 * mesh_guard on real interfaces: three network namespaces, A and C each joined to B by a veth
 * pair; the guard is attached through the bundle to B's two ends. Pings from A and C raise
 * their counters; quarantine drops A; release restores it; enforcement passes the allowed A
 * and drops the unlisted C; detaching leaves nothing attached; a bundle update attaches again
 * with the counters and lists kept. The namespaces are deleted after each test, also when it
 * fails.
 */
public class EbpfXdpIT extends PlatformTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(20);
    /** The attestation port of the shipped configuration (attest.port, the identity listener's port). */
    private static final int ATTEST_PORT = 7443;

    @Inject
    private MeshGuard guard;

    @Inject
    private org.osgi.service.cm.ConfigurationAdmin configAdmin;

    private final String id = Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0xffff));
    private final String nsA = "x0ea" + id;
    private final String nsB = "x0eb" + id;
    private final String nsC = "x0ec" + id;
    private final String nsLate = "x0el" + id;
    private final String macA = "02:0e:" + id.substring(0, 2) + ":" + id.substring(2) + ":00:0a";
    private final String macC = "02:0e:" + id.substring(0, 2) + ":" + id.substring(2) + ":00:0c";
    private final String ifBa = "b-a" + id;
    private final String ifBc = "b-c" + id;
    private final String atA = nsB + "/" + ifBa;
    private final String atC = nsB + "/" + ifBc;

    private EbpfNetLab lab;
    private final BlockingQueue<HealthEvent> health = new LinkedBlockingQueue<>();
    private ServiceRegistration<EventHandler> handler;

    @Before
    public void makeLab() {
        String why = EbpfNetLab.unavailable();
        if (why != null) {
            System.out.println("SKIP " + getClass().getSimpleName() + ": " + why);
        }
        Assume.assumeTrue(why, why == null);
        lab = new EbpfNetLab();
        lab.namespace(nsA);
        lab.namespace(nsB);
        lab.namespace(nsC);
        lab.veth(nsA, "a" + id, macA, "10.231.1.1", nsB, ifBa, "02:0e:00:00:01:0b", "10.231.1.2");
        lab.veth(nsC, "c" + id, macC, "10.231.2.1", nsB, ifBc, "02:0e:00:00:02:0b", "10.231.2.2");
        Await.until("pings across both veth pairs before the guard", WAIT,
                () -> lab.ping(nsA, "10.231.1.2") && lab.ping(nsC, "10.231.2.2"));
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(EventConstants.EVENT_TOPIC, Topics.health(MeshGuard.HEALTH_AREA, "*"));
        handler = context.registerService(EventHandler.class, e -> health.add(HealthEvent.from(e)), props);
    }

    @After
    public void removeLab() {
        try {
            if (handler != null) {
                handler.unregister();
            }
            if (lab != null) {
                configureInterfaces("");
                shell().run("ebpf:detach " + atA);
                shell().run("ebpf:detach " + atC);
                guard.setEnforcing(false);
                guard.quarantined().forEach(guard::release);
                guard.allowed().forEach(guard::disallow);
            }
        } finally {
            if (lab != null) {
                lab.close();
            }
        }
    }

    private long packets(String mac) {
        PeerCounters c = guard.counters().get(mac);
        return c == null ? 0 : c.packets();
    }

    private long dropped(String mac) {
        PeerCounters c = guard.counters().get(mac);
        return c == null ? 0 : c.dropped();
    }

    private void attachBoth() {
        Shell.Result a = shell().run("ebpf:attach " + atA).assertOk();
        assertTrue(a.toString(), a.out().contains("Attached mesh_guard to " + atA + " (native mode)"));
        shell().run("ebpf:attach " + atC).assertOk();
        assertEquals(List.of(atA, atC).stream().sorted().toList(), guard.interfaces());
        String link = lab.link(nsB, ifBa);
        assertTrue("ip link shows an XDP program on " + ifBa + ": " + link, link.contains("prog/xdp"));
    }

    private HealthEvent nextHealth(String kind, String subject) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            HealthEvent e = health.poll(200, TimeUnit.MILLISECONDS);
            if (e != null && e.kind().equals(kind) && e.subject().equals(subject)) {
                return e;
            }
        }
        throw new AssertionError("no " + kind + " health event for " + subject + " within " + WAIT);
    }

    @Test
    public void countsQuarantinesReleasesEnforcesAndDetaches() throws Exception {
        attachBoth();

        // pings raise the peer's counters
        long before = packets(macA);
        assertTrue(lab.ping(nsA, "10.231.1.2"));
        Await.until("A's counters to rise", WAIT, () -> packets(macA) > before, () -> guard.counters().toString());
        assertTrue(lab.ping(nsC, "10.231.2.2"));
        Await.until("C's counters", WAIT, () -> packets(macC) > 0);
        Shell.Result counters = shell().run("ebpf:counters").assertOk();
        assertTrue(counters.out(), counters.out().contains(macA) && counters.out().contains(macC));

        // quarantine drops them, with a health event; the other peer is untouched
        shell().run("ebpf:quarantine --reason itest " + macA.toUpperCase(Locale.ROOT)).assertOk();
        assertEquals(java.util.Set.of(macA), guard.quarantined());
        long droppedBefore = dropped(macA);
        assertFalse("a quarantined peer's ping must be dropped", lab.ping(nsA, "10.231.1.2"));
        assertTrue(dropped(macA) > droppedBefore);
        assertTrue(lab.ping(nsC, "10.231.2.2"));
        HealthEvent q = nextHealth(MeshGuard.PEER_QUARANTINED, macA);
        assertTrue(q.details(), q.details().contains("itest"));

        // release restores them
        shell().run("ebpf:release " + macA).assertOk();
        Await.until("A's pings to pass after release", WAIT, () -> lab.ping(nsA, "10.231.1.2"));

        // enforcement: the allowed A passes, the unlisted C is dropped and reported
        shell().run("ebpf:allow " + macA).assertOk();
        shell().run("ebpf:enforce on").assertOk();
        assertTrue(guard.enforcing());
        assertTrue("an allowed peer passes under enforcement", lab.ping(nsA, "10.231.1.2"));
        long cDropped = dropped(macC);
        assertFalse("an unlisted peer is dropped under enforcement", lab.ping(nsC, "10.231.2.2"));
        assertTrue(dropped(macC) > cDropped);
        nextHealth(HealthKinds.PEER_UNATTESTED, macC);
        shell().run("ebpf:enforce off").assertOk();
        Await.until("C's pings to pass with enforcement off", WAIT, () -> lab.ping(nsC, "10.231.2.2"));

        // bad input: one line, nothing changed
        Shell.Result bad = shell().run("ebpf:quarantine not-a-mac");
        assertTrue(bad.toString(), bad.failure().contains("'not-a-mac' is not a MAC address"));
        assertEquals(java.util.Set.of(), guard.quarantined());

        // detach leaves nothing attached, as the kernel sees it
        shell().run("ebpf:detach " + atA).assertOk();
        shell().run("ebpf:detach " + atC).assertOk();
        assertEquals(List.of(), guard.interfaces());
        assertFalse(lab.link(nsB, ifBa), lab.link(nsB, ifBa).contains("prog/xdp"));
        assertFalse(lab.link(nsB, ifBc), lab.link(nsB, ifBc).contains("prog/xdp"));
        assertTrue(lab.ping(nsA, "10.231.1.2"));
    }

    /**
     * Under enforcement an unattested neighbour (C) reaches the attestation listener and nothing
     * else, with real traffic through B's guard: a SYN from its port 7443 to SSH is dropped (the
     * old program let any segment "from" 7443 through), a connect to 7443 succeeds over IPv4 and
     * over IPv6 (so neighbour solicitation and advertisement pass), B's own attestation of C gets
     * its replies, an ICMPv6 echo is dropped and a router advertisement never reaches B's kernel.
     */
    @Test
    public void enforcementLeavesAnUnattestedPeerOnlyTheAttestationPort() throws Exception {
        String noPython = EbpfNetLab.noPython();
        if (noPython != null) {
            System.out.println("SKIP " + getClass().getSimpleName() + " exemption test: " + noPython);
        }
        Assume.assumeTrue(noPython, noPython == null);
        String ifC = "c" + id;
        lab.addr6(nsC, ifC, "fd00:231:2::1/64");
        lab.addr6(nsB, ifBc, "fd00:231:2::2/64");
        lab.listen(nsB, "22", Integer.toString(ATTEST_PORT));
        // C's attestation listener on its IPv6 address only, so C can still send from port 7443 over IPv4
        lab.listen(nsC, "fd00:231:2::1@" + ATTEST_PORT);
        Await.until("listeners in B and C", WAIT,
                () -> lab.connect(nsB, 0, "127.0.0.1", 22).startsWith("connected")
                        && lab.connect(nsB, 0, "127.0.0.1", ATTEST_PORT).startsWith("connected")
                        && lab.connect(nsC, 0, "fd00:231:2::1", ATTEST_PORT).startsWith("connected"));
        Await.until("C's link-local address past duplicate address detection", WAIT, () -> {
            String a = lab.addresses6(nsC, ifC);
            return a.contains("fe80::") && !a.contains("tentative");
        }, () -> lab.addresses6(nsC, ifC));
        attachBoth();
        assertEquals("without enforcement C reaches SSH", "connected hello 22", lab.connect(nsC, 0, "10.231.2.2", 22));

        shell().run("ebpf:allow " + macA).assertOk();
        shell().run("ebpf:enforce on").assertOk();
        assertEquals("the allowed A reaches SSH, also from port 7443", "connected hello 22",
                lab.connect(nsA, ATTEST_PORT, "10.231.1.2", 22));
        long cDropped = dropped(macC);
        assertEquals("a SYN from C's port 7443 to SSH is dropped", "failed timeout",
                lab.connect(nsC, ATTEST_PORT, "10.231.2.2", 22));
        assertTrue("the guard counted C's drops", dropped(macC) > cDropped);
        assertEquals("failed timeout", lab.connect(nsC, 0, "10.231.2.2", 22));
        assertEquals("C reaches the attestation listener", "connected hello " + ATTEST_PORT,
                lab.connect(nsC, 0, "10.231.2.2", ATTEST_PORT));
        EbpfNetLab.must("ip", "-n", nsC, "-6", "neigh", "flush", "dev", ifC);
        EbpfNetLab.must("ip", "-n", nsB, "-6", "neigh", "flush", "dev", ifBc);
        assertEquals("over IPv6 too: neighbour discovery passes", "connected hello " + ATTEST_PORT,
                lab.connect(nsC, 0, "fd00:231:2::2", ATTEST_PORT));
        assertEquals("B's own attestation of C gets C's replies from port 7443", "connected hello " + ATTEST_PORT,
                lab.connect(nsB, 0, "fd00:231:2::1", ATTEST_PORT));
        assertFalse("an ICMPv6 echo from C is dropped", lab.ping6(nsC, "fd00:231:2::2"));

        // a router advertisement under enforcement, then one without: B's kernel processes them in
        // order, so once the second prefix shows up, the first would have had to be there too
        lab.routerAdvertisement(nsC, ifC, "fd00:bad:1::");
        shell().run("ebpf:enforce off").assertOk();
        lab.routerAdvertisement(nsC, ifC, "fd00:bad:2::");
        Await.until("B to take the prefix of the advertisement sent without enforcement", WAIT,
                () -> lab.addresses6(nsB, ifBc).contains("fd00:bad:2:"), () -> lab.addresses6(nsB, ifBc));
        assertFalse("the router advertisement under enforcement never reached B: " + lab.addresses6(nsB, ifBc),
                lab.addresses6(nsB, ifBc).contains("fd00:bad:1:"));
        assertTrue("with enforcement off C's SYN from 7443 reaches SSH again",
                lab.connect(nsC, ATTEST_PORT, "10.231.2.2", 22).startsWith("connected"));
    }

    private void configureInterfaces(String value) {
        try {
            org.osgi.service.cm.Configuration c = configAdmin.getConfiguration("io.x0tta6bl4.ebpf", null);
            Dictionary<String, Object> props = c.getProperties() == null ? new Hashtable<>() : c.getProperties();
            if (value.equals(props.get("interfaces"))) {
                return;
            }
            props.put("interfaces", value);
            c.update(props);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    public void configuredInterfacesAttachAndOneThatAppearsLaterIsRetried() throws Exception {
        String late = nsLate + "/l" + id;
        configureInterfaces(atA + ", " + late);
        Await.until("the configured interface attached", WAIT, () -> guard.interfaces().equals(List.of(atA)),
                () -> guard.interfaces().toString());
        assertTrue(lab.link(nsB, ifBa).contains("prog/xdp"));
        // the namespace of the second one appears only now
        lab.namespace(nsLate);
        lab.veth(nsLate, "l" + id, "02:0e:00:00:03:0a", "10.231.3.1", nsC, "lc" + id, "02:0e:00:00:03:0c",
                "10.231.3.2");
        Await.until("the late interface attached by the retry", Duration.ofSeconds(40),
                () -> guard.interfaces().contains(late), () -> guard.interfaces().toString());
        assertTrue(lab.link(nsLate, "l" + id).contains("prog/xdp"));
        assertTrue(lab.ping(nsC, "10.231.3.1"));
        Await.until("C counted on the late interface", WAIT, () -> packets("02:0e:00:00:03:0c") > 0);
        // taking them out of the configuration detaches them
        configureInterfaces("");
        Await.until("configured interfaces detached", WAIT, () -> guard.interfaces().isEmpty(),
                () -> guard.interfaces().toString());
        assertFalse(lab.link(nsLate, "l" + id).contains("prog/xdp"));
        assertFalse(lab.link(nsB, ifBa).contains("prog/xdp"));
    }

    @Test
    public void commandsShowProgramsMapsAndValidateFiles() throws Exception {
        attachBoth();
        Shell.Result programs = shell().run("ebpf:programs").assertOk();
        assertTrue(programs.out(), programs.out().contains("Status: loaded") && programs.out().contains("mesh_guard")
                && programs.out().contains(atA));
        Shell.Result json = shell().run("ebpf:counters --json").assertOk();
        assertTrue(json.out(), json.out().contains("\"enforcing\" : false") && json.out().contains("\"global\""));
        assertTrue(shell().run("ebpf:programs --json").assertOk().out().contains("\"status\" : \"loaded\""));
        Shell.Result maps = shell().run("ebpf:maps").assertOk();
        for (String m : List.of("peer_stats", "quarantine", "allowed", "guard_config", "global_stats")) {
            assertTrue(maps.out(), maps.out().contains(m));
        }
        shell().run("ebpf:quarantine " + macC).assertOk();
        Shell.Result map = shell().run("ebpf:map quarantine").assertOk();
        assertTrue(map.out(), map.out().contains(macC.replace(":", "")));
        shell().run("ebpf:release " + macC).assertOk();
        assertTrue(shell().run("ebpf:map nosuchmap").failure().contains("no map 'nosuchmap'"));

        // loopback has no driver XDP: the attach falls back to generic mode
        Shell.Result lo = shell().run("ebpf:attach " + nsB + "/lo").assertOk();
        assertTrue(lo.toString(), lo.out().contains("(generic mode)"));
        assertTrue(lab.link(nsB, "lo"), lab.link(nsB, "lo").contains("xdpgeneric"));
        shell().run("ebpf:detach " + nsB + "/lo").assertOk();
        assertFalse(lab.link(nsB, "lo"), lab.link(nsB, "lo").contains("xdp"));
        // what cannot be attached is one line naming it
        Shell.Result noNs = shell().run("ebpf:attach x0nosuchns/eth0");
        assertTrue(noNs.toString(), noNs.failure().contains("no network namespace 'x0nosuchns'"));
        Shell.Result noIf = shell().run("ebpf:attach " + nsB + "/nosuch0");
        assertTrue(noIf.toString(), noIf.failure().contains("no interface 'nosuch0'"));
        Shell.Result badSpec = shell().run("ebpf:attach a/b/c");
        assertTrue(badSpec.toString(), badSpec.failure().startsWith("Error: 'a/b/c'"));
        assertEquals(List.of(atA, atC).stream().sorted().toList(), guard.interfaces());

        // validate and load files: the shipped objects pass, a broken one is one error line
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("ebpf-itest");
        try {
            java.nio.file.Path good = dir.resolve("xdp_pass.o");
            try (java.io.InputStream in = bundle("io.x0tta6bl4.ebpf").getEntry("bpf/xdp_pass.o").openStream()) {
                java.nio.file.Files.copy(in, good);
            }
            Shell.Result ok = shell().run("ebpf:validate " + good).assertOk();
            assertTrue(ok.toString(), ok.out().contains("OK: no findings"));
            java.nio.file.Path broken = dir.resolve("broken.o");
            byte[] bytes = java.nio.file.Files.readAllBytes(good);
            java.nio.file.Files.write(broken, java.util.Arrays.copyOf(bytes, bytes.length / 3));
            Shell.Result bad = shell().run("ebpf:validate " + broken);
            assertTrue(bad.toString(), bad.failure().startsWith("Error: ") && bad.failure().trim().lines().count() == 1);
            Shell.Result loaded = shell().run("ebpf:load " + good).assertOk();
            assertTrue(loaded.toString(), loaded.out().contains("Loaded xdp_pass"));
            assertTrue(shell().run("ebpf:programs").out().contains("xdp_pass"));
        } finally {
            try (var files = java.nio.file.Files.list(dir)) {
                files.forEach(f -> f.toFile().delete());
            }
            java.nio.file.Files.delete(dir);
        }

        // reload keeps the lists and re-attaches where it was attached
        guard.quarantine(macA, "kept across reload");
        Await.until("A dropped after quarantine through the API", WAIT, () -> !lab.ping(nsA, "10.231.1.2"));
        Shell.Result reload = shell().run("ebpf:load").assertOk();
        assertTrue(reload.toString(), reload.out().contains("Loaded mesh_guard"));
        Await.until("re-attached after reload", WAIT, () -> guard.interfaces().size() == 2,
                () -> guard.interfaces().toString());
        assertFalse("the quarantine survives a reload", lab.ping(nsA, "10.231.1.2"));
        guard.release(macA);
        Await.until("A's pings to pass after release through the API", WAIT, () -> lab.ping(nsA, "10.231.1.2"));
    }

    /** BPF objects this JVM holds open, by kind ({@code bpf-prog}, {@code bpf-link}, {@code bpf-map}; the kernel spells links {@code bpf_link}). */
    private static long openBpf(String kind) {
        java.io.File[] fds = new java.io.File("/proc/self/fd").listFiles();
        long n = 0;
        for (java.io.File fd : fds == null ? new java.io.File[0] : fds) {
            try {
                String target = java.nio.file.Files.readSymbolicLink(fd.toPath()).toString();
                if (target.equals("anon_inode:" + kind) || target.equals("anon_inode:" + kind.replace('-', '_'))) {
                    n++;
                }
            } catch (java.io.IOException | UnsupportedOperationException e) {
                // the fd closed while listing
            }
        }
        return n;
    }

    private static String fdSummary() {
        StringBuilder b = new StringBuilder();
        java.io.File[] fds = new java.io.File("/proc/self/fd").listFiles();
        b.append(fds == null ? "no /proc/self/fd" : fds.length + " fds:");
        for (java.io.File fd : fds == null ? new java.io.File[0] : fds) {
            try {
                String t = java.nio.file.Files.readSymbolicLink(fd.toPath()).toString();
                if (t.startsWith("anon_inode")) {
                    b.append(' ').append(t);
                }
            } catch (Exception e) {
                b.append(' ').append(e);
            }
        }
        return b.toString();
    }

    /**
     * A bundle update releases the old revision's links, programs and map fds, and the new one
     * attaches again where the shell had attached, with the same maps (pinned in bpffs): the
     * per-peer counters go on from where they were and the quarantine stays in force.
     */
    @Test
    public void bundleUpdateReattachesWithThePinnedCountersAndLists() throws Exception {
        String noBpffs = EbpfNetLab.bpffs();
        if (noBpffs != null) {
            System.out.println("SKIP " + getClass().getSimpleName() + " update test: " + noBpffs);
        }
        Assume.assumeTrue(noBpffs, noBpffs == null);
        // loads mesh_guard again, now surely with its maps pinned (bpffs may have been mounted just now)
        shell().run("ebpf:load").assertOk();
        attachBoth();
        assertEquals(fdSummary(), 2, openBpf("bpf-link"));
        for (int i = 0; i < 3; i++) {
            assertTrue(lab.ping(nsA, "10.231.1.2"));
        }
        Await.until("A counted", WAIT, () -> packets(macA) >= 3);
        long packetsBefore = packets(macA);
        shell().run("ebpf:quarantine --reason before-update " + macC).assertOk();
        Await.until("C dropped before the update", WAIT, () -> !lab.ping(nsC, "10.231.2.2"));
        long droppedBefore = dropped(macC);
        assertTrue(java.nio.file.Files.exists(java.nio.file.Path.of("/sys/fs/bpf/x0tta6bl4/mesh_guard/peer_stats")));

        Bundle ebpf = bundle("io.x0tta6bl4.ebpf");
        long start = System.nanoTime();
        ebpf.update();
        Await.until("the ebpf bundle ACTIVE again", WAIT, () -> ebpf.getState() == Bundle.ACTIVE);
        ServiceTracker<MeshGuard, MeshGuard> tracker = new ServiceTracker<>(context, MeshGuard.class, null);
        tracker.open();
        try {
            MeshGuard fresh = tracker.waitForService(WAIT.toMillis());
            assertTrue(fresh != null);
            guard = fresh;
            Await.until("attached again after the update", WAIT,
                    () -> guard.interfaces().equals(List.of(atA, atC).stream().sorted().toList()),
                    () -> guard.interfaces().toString());
            System.out.println("bundle update to attached again: " + (System.nanoTime() - start) / 1_000_000 + " ms");
            assertTrue(lab.link(nsB, ifBa), lab.link(nsB, ifBa).contains("prog/xdp"));
            assertTrue(lab.link(nsB, ifBc), lab.link(nsB, ifBc).contains("prog/xdp"));
            // the old revision's fds are all closed: two links and one program, the new ones
            Await.until("two links and one program open after the update", WAIT,
                    () -> openBpf("bpf-link") == 2 && openBpf("bpf-prog") == 1,
                    () -> "links " + openBpf("bpf-link") + ", programs " + openBpf("bpf-prog") + "; " + fdSummary());
            assertEquals("the quarantine and its reason survive", java.util.Map.of(macC, "before-update"),
                    guard.quarantineReasons());
            assertTrue("A's counters go on from " + packetsBefore + ": " + guard.counters(),
                    packets(macA) >= packetsBefore);
            assertFalse("C is still dropped", lab.ping(nsC, "10.231.2.2"));
            assertTrue("C's drops go on from " + droppedBefore, dropped(macC) > droppedBefore);
            assertTrue(lab.ping(nsA, "10.231.1.2"));
            Await.until("one kernel, one health and one namespace thread", WAIT,
                    () -> threadsNamed("x0tta6bl4-ebpf-").equals(List.of("x0tta6bl4-ebpf-health",
                            "x0tta6bl4-ebpf-kernel", "x0tta6bl4-ebpf-netns-" + nsB)),
                    () -> threadsNamed("x0tta6bl4-ebpf-").toString());
            guard.release(macC);
            Await.until("C passes after the release", WAIT, () -> lab.ping(nsC, "10.231.2.2"));
        } finally {
            tracker.close();
        }
    }
}
