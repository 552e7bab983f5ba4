package io.x0tta6bl4.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import javax.inject.Inject;

import io.x0tta6bl4.api.ebpf.MeshGuard;
import io.x0tta6bl4.api.event.HealthEvent;
import io.x0tta6bl4.api.event.Severity;
import io.x0tta6bl4.api.event.Topics;
import io.x0tta6bl4.api.healing.HealingService;
import io.x0tta6bl4.api.healing.Incident;
import io.x0tta6bl4.api.topology.Link;
import io.x0tta6bl4.api.topology.LinkPenalty;
import io.x0tta6bl4.api.topology.Node;
import io.x0tta6bl4.api.topology.TopologyAdmin;
import io.x0tta6bl4.api.topology.TopologyService;

import org.apache.karaf.features.Feature;
import org.apache.karaf.features.FeaturesService;
import org.junit.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.SynchronousBundleListener;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

/**
 * Live upgrade under load: with the simulated mesh churning and health events flowing, each
 * core feature is upgraded in turn from N to N+1 through the features service (upgrade, no
 * automatic refresh), then every core bundle goes through ten cycles of bundle:update. No
 * other bundle is stopped or refreshed, every command works afterwards, healing counts every
 * health event delivered while it runs, incidents survive, the mesh is whole and no thread
 * leaks.
 */
public class UpgradeIT extends PlatformTestSupport {

    /** Core features in upgrade order; those not installed in this distribution are skipped. */
    private static final List<String> CORE = List.of("x0tta6bl4-topology", "x0tta6bl4-sim", "x0tta6bl4-identity",
            "x0tta6bl4-ebpf", "x0tta6bl4-healing", "x0tta6bl4-scanner", "x0tta6bl4-web", "x0tta6bl4-plugins");
    /** Upgraded through the features service in phase 1: every core feature. */
    private static final Set<String> FEATURE_UPGRADED = Set.copyOf(CORE);
    private static final int CYCLES = Integer.getInteger("x0tta6bl4.upgrade.cycles", 10);
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final int LOAD_SUBJECTS = 5;

    @Inject
    private FeaturesService features;

    @Inject
    private EventAdmin eventAdmin;

    @Inject
    private ServiceComponentRuntime scr;

    private final AtomicBoolean loadOn = new AtomicBoolean();
    private final AtomicLong posted = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();
    private final ConcurrentLinkedQueue<String> foreignStops = new ConcurrentLinkedQueue<>();
    /** Core bundles already upgraded through the features service: Karaf may refresh these again. */
    private final Set<String> upgradedByFeatures = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final List<String> deferredRefreshes = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile String upgrading = "";
    private final List<String> stepReports = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Test
    public void everyCoreFeatureUpgradesUnderLoadWithoutLosingState() throws Exception {
        awaitSimulatedMesh();
        Await.until("the healing loop running", WAIT, () -> healing() != null && !healing().actions().isEmpty());
        List<String> core = new ArrayList<>();
        for (String name : CORE) {
            Feature f = installed(name);
            if (f != null) {
                core.add(name);
            }
        }
        System.out.println("core features to upgrade: " + core);

        Dictionary<String, Object> topics = new Hashtable<>();
        topics.put(EventConstants.EVENT_TOPIC, Topics.HEALTH_ALL);
        ServiceRegistration<EventHandler> counter = context.registerService(EventHandler.class,
                e -> delivered.incrementAndGet(), topics);
        SynchronousBundleListener stops = e -> {
            String name = e.getBundle().getSymbolicName();
            if (e.getType() == BundleEvent.STOPPED && !name.equals(upgrading)) {
                if (upgradedByFeatures.contains(name)) {
                    deferredRefreshes.add(name + " while upgrading " + upgrading);
                } else {
                    foreignStops.add(name + " stopped while updating " + upgrading);
                }
            }
        };
        context.addBundleListener(stops);
        Thread load = new Thread(this::postLoad, "itest-upgrade-load");
        load.setDaemon(true);
        loadOn.set(true);
        load.start();
        Path work = Files.createTempDirectory("x0tta6bl4-upgrade");
        UpgradeArtifacts artifacts = new UpgradeArtifacts(work);
        try {
            Await.until("one incident per load subject", WAIT, () -> loadIncidents().size() == LOAD_SUBJECTS,
                    () -> loadIncidents().toString());
            // the scanner's advisory database lives in its data area: it must survive every update
            boolean scanner = commandExists("scan:db-import");
            if (scanner) {
                Path zip = ScannerOsvFiles.zip(Files.createTempDirectory("upgrade-osv"), "fixtures.zip", 0);
                shell().run("scan:db-import --replace " + zip).assertOk();
                assertTrue(shell().run("scan:db-status --json").assertOk().out().contains("\"advisories\" : 20"));
            }
            // a link penalty (healing's path-penalty, mesh:penalize) is kept in topology's data area
            Link penalized = topology().snapshot().links().values().stream().findFirst().orElseThrow();
            topologyAdmin().penalize(penalized.id(), 7, Duration.ofHours(2), "UpgradeIT");
            // and a quarantine in the eBPF guard's saved state (its maps are pinned; EbpfXdpIT checks those)
            String quarantined = "02:00:5e:00:09:09";
            boolean guardInstalled = service(MeshGuard.class) != null;
            if (guardInstalled) {
                service(MeshGuard.class).quarantine(quarantined, "UpgradeIT");
            }
            // and an attestation result in identity's store (a peer that does not answer is recorded too)
            io.x0tta6bl4.api.topology.NodeId peer = io.x0tta6bl4.api.topology.NodeId.of("upgrade-peer");
            io.x0tta6bl4.api.identity.NodeAttestor attestor = service(io.x0tta6bl4.api.identity.NodeAttestor.class);
            io.x0tta6bl4.api.identity.AttestationResult attested = null;
            if (attestor != null) {
                int closed = FreePorts.next();
                attestor.attest(peer, new java.net.InetSocketAddress("127.0.0.1", closed));
                attested = service(io.x0tta6bl4.api.identity.PeerAttestations.class).result(peer).orElseThrow();
            }
            loadOn.set(false);
            quiesce("before the upgrades");
            Set<String> incidentsBefore = healing().incidents(false).stream().map(Incident::id).collect(Collectors.toSet());
            int threadsBefore = liveThreads();
            Map<String, Long> platformThreadsBefore = platformThreadsByArea();
            System.out.println("before: " + incidentsBefore.size() + " incidents, " + threadsBefore + " threads, "
                    + "x0tta6bl4 threads " + platformThreadsBefore);

            // 1. N -> N+1 through the features service, one feature at a time
            for (String name : core) {
                if (!FEATURE_UPGRADED.contains(name)) {
                    continue;
                }
                Feature f = installed(name);
                String bsn = symbolicName(name);
                Bundle b = bundle(bsn);
                String release = artifacts.release(b.getLocation(), bsn, "0.1.1");
                Path repo = artifacts.repository(name + "-upgrade", "0.1.1", List.of(f), Map.of(name, release));
                features.addRepository(repo.toUri());
                long start = System.nanoTime();
                // Karaf refreshes what its resolution changed, here the upgraded bundle alone (no core
                // bundle exports a package); the bundle listener fails the test if anything else stops.
                upgrade(bsn, false, () -> features.installFeature(name, "0.1.1",
                        EnumSet.of(FeaturesService.Option.Upgrade, FeaturesService.Option.Verbose)));
                List<String> same = platformBundles().stream().filter(x -> x.getSymbolicName().equals(bsn))
                        .map(x -> x.getBundleId() + " " + x.getVersion() + " " + x.getLocation()).toList();
                assertEquals(name + " updated in place, not installed beside the old one: " + same, 1, same.size());
                assertEquals(name + " runs N+1", "0.1.1", bundle(bsn).getVersion().toString());
                assertEquals(name + " keeps its bundle id", b.getBundleId(), bundle(bsn).getBundleId());
                upgradedByFeatures.add(bsn);
                System.out.println("feature upgrade " + name + " -> 0.1.1: " + (System.nanoTime() - start) / 1_000_000
                        + " ms to ready");
            }

            System.out.println("Karaf's deployer refreshed already upgraded bundles again during later feature"
                    + " operations: " + deferredRefreshes);
            // release URIs (mvn:, not SNAPSHOT) are never re-checked by checksum: nothing is updated twice
            assertTrue("upgraded bundles updated again by later features operations: " + deferredRefreshes,
                    deferredRefreshes.isEmpty());
            assertTrue("bundles other than upgraded core bundles stopped: " + foreignStops, foreignStops.isEmpty());
            upgradedByFeatures.clear();

            // 2. ten cycles of bundle:update of every core bundle, alternating N+2 and N+1
            List<Integer> threadsPerCycle = new ArrayList<>();
            for (int cycle = 1; cycle <= CYCLES; cycle++) {
                String version = cycle % 2 == 1 ? "0.1.2" : "0.1.1";
                for (String name : core) {
                    String bsn = symbolicName(name);
                    Bundle b = bundle(bsn);
                    Path jar = artifacts.bundle(b.getLocation(), bsn, version);
                    upgrade(bsn, true, () -> shell().run("bundle:update " + b.getBundleId() + " " + jar.toUri()).assertOk());
                    assertEquals(version, bundle(bsn).getVersion().toString());
                }
                threadsPerCycle.add(settledThreads(threadsBefore));
            }
            System.out.println("threads after each bundle:update cycle: " + threadsPerCycle + " (before " + threadsBefore + ")");

            System.out.println("health events per upgrade step: " + stepReports);
            // steady state after all upgrades: healing takes in every health event delivered, once
            quiesce("after the upgrades");
            long deliveredMark = delivered.get();
            long receivedMark = healing().stats().eventsReceived();
            loadOn.set(true);
            Await.until("200 more load events", WAIT, () -> delivered.get() - deliveredMark >= 200);
            loadOn.set(false);
            quiesce("after the steady-state window");
            assertEquals("health events healing took in after the upgrades vs delivered",
                    delivered.get() - deliveredMark, healing().stats().eventsReceived() - receivedMark);
            assertEquals("no event dropped by healing's intake", 0, healing().stats().eventsDropped());
            loadOn.set(false);
            load.interrupt();
            load.join(5000);
            // afterwards: state, commands, threads
            awaitWholeMesh();
            assertEquals(SIM_SIZE, topology().snapshot().nodes().size());
            if (scanner) {
                String db = shell().run("scan:db-status --json").assertOk().out();
                assertTrue("the scanner database survived: " + db, db.contains("\"advisories\" : 20"));
            }
            LinkPenalty kept = topologyAdmin().penalties().stream().filter(p -> p.reason().equals("UpgradeIT"))
                    .findFirst().orElseThrow(() -> new AssertionError("the link penalty was lost by the upgrades"));
            assertEquals(7, kept.factor(), 0);
            assertTrue("the penalty on " + penalized.id() + " came back as " + kept.link(),
                    Set.of(penalized.id(), penalized.id().reversed()).contains(kept.link()));
            System.out.println("link penalty kept through every topology upgrade: " + kept);
            topologyAdmin().clearPenalty(kept.link());
            if (guardInstalled) {
                assertEquals("the eBPF quarantine survived every ebpf upgrade", "UpgradeIT",
                        service(MeshGuard.class).quarantineReasons().get(quarantined));
                service(MeshGuard.class).release(quarantined);
            }
            if (attested != null) {
                assertEquals("the attestation result survived every identity upgrade", attested,
                        service(io.x0tta6bl4.api.identity.PeerAttestations.class).result(peer).orElse(null));
            }
            List<String> missing = incidentsBefore.stream().filter(id -> healing().incident(id).isEmpty()).toList();
            assertTrue("incidents lost by the upgrades: " + missing, missing.isEmpty());
            assertEquals("one incident per load subject, none opened twice", LOAD_SUBJECTS, loadIncidents().size());
            int incidentsAfter = healing().incidents(false).size();
            System.out.println("incidents before " + incidentsBefore.size() + ", after " + incidentsAfter);
            for (String cmd : List.of("mesh:stats", "mesh:nodes", "mesh:path sim-01 sim-30", "mesh:critical",
                    "sim:status", "heal:incidents", "heal:stats", "heal:actions", "heal:policies", "identity:status",
                    "ebpf:programs", "x0:plugins")) {
                if (commandExists(cmd)) {
                    shell().run(cmd).assertOk();
                }
            }
            int threadsAfter = settledThreads(threadsBefore);
            Map<String, Long> platformThreadsAfter = platformThreadsByArea();
            System.out.println("after: " + threadsAfter + " threads (before " + threadsBefore + "), x0tta6bl4 threads "
                    + platformThreadsAfter + "; load events posted " + posted.get() + ", delivered " + delivered.get());
            assertTrue("threads " + threadsAfter + " vs " + threadsBefore + " before", threadsAfter <= threadsBefore + 2);
            assertTrue("foreign bundles stopped or refreshed: " + foreignStops, foreignStops.isEmpty());
            for (Map.Entry<String, Long> e : platformThreadsAfter.entrySet()) {
                assertTrue("leaked " + e.getKey() + " threads: " + e.getValue() + " vs "
                        + platformThreadsBefore.get(e.getKey()),
                        e.getValue() <= platformThreadsBefore.getOrDefault(e.getKey(), 0L));
            }
        } finally {
            loadOn.set(false);
            context.removeBundleListener(stops);
            counter.unregister();
        }
    }

    private interface Step {
        void run() throws Exception;
    }

    /**
     * Runs one upgrade of a bundle with the load flowing and waits until it is ready again;
     * records how many health events healing did not take in meanwhile (printed: while healing
     * or its intake restarts, nobody listens).
     */
    private void upgrade(String bsn, boolean refresh, Step step) throws Exception {
        long deliveredBefore = delivered.get();
        long receivedBefore = healing().stats().eventsReceived();
        Object healingHandlerBefore = healingHandlerId();
        upgrading = bsn;
        loadOn.set(true);
        step.run();
        if (refresh) {
            refreshOnly(bsn);
        }
        awaitReady(bsn);
        loadOn.set(false);
        upgrading = "";
        long seen = quiesce("after " + bsn);
        Object healingHandlerAfter = healingHandlerId();
        long unseen = java.util.Objects.equals(healingHandlerBefore, healingHandlerAfter)
                ? delivered.get() - deliveredBefore - (seen - receivedBefore)
                : -1;
        stepReports.add(bsn + (unseen < 0 ? ": healing's intake restarted (handler " + healingHandlerBefore + " -> "
                + healingHandlerAfter + ")" : ": " + unseen + " events not taken in by healing"));
    }

    /** The service id of healing's event handler: it changes when healing restarts. */
    private Object healingHandlerId() {
        Bundle h = bundle("io.x0tta6bl4.healing");
        ServiceReference<?>[] refs = h == null ? null : h.getRegisteredServices();
        if (refs != null) {
            for (ServiceReference<?> r : refs) {
                if (java.util.Arrays.asList((String[]) r.getProperty("objectClass")).contains(EventHandler.class.getName())) {
                    return r.getProperty("service.id");
                }
            }
        }
        return null;
    }

    /**
     * Refreshes the updated bundle alone, at once, so its old revision goes now. No other bundle
     * imports from a core bundle, so nothing else moves (the bundle listener checks).
     */
    private void refreshOnly(String bsn) throws InterruptedException {
        Bundle b = bundle(bsn);
        CountDownLatch done = new CountDownLatch(1);
        context.getBundle(0).adapt(FrameworkWiring.class).refreshBundles(List.of(b), e -> done.countDown());
        assertTrue("refresh of " + bsn + " finished", done.await(60, TimeUnit.SECONDS));
    }

    /** Waits until delivery has settled; returns what the running healing received. */
    private long quiesce(String when) {
        long[] last = {-1};
        Await.until("health events settled " + when, WAIT, () -> {
            long now = delivered.get();
            boolean same = now == last[0];
            last[0] = now;
            return same;
        });
        return healing().stats().eventsReceived();
    }

    private void awaitReady(String bsn) {
        Await.until(bsn + " active with every component satisfied", WAIT, () -> {
            Bundle b = bundle(bsn);
            if (b == null || b.getState() != Bundle.ACTIVE) {
                return false;
            }
            for (ComponentDescriptionDTO d : scr.getComponentDescriptionDTOs(b)) {
                for (ComponentConfigurationDTO c : scr.getComponentConfigurationDTOs(d)) {
                    if (c.state != ComponentConfigurationDTO.ACTIVE && c.state != ComponentConfigurationDTO.SATISFIED) {
                        return false;
                    }
                }
            }
            return true;
        }, () -> String.valueOf(bundle(bsn)));
        if (bsn.equals("io.x0tta6bl4.sim") || bsn.equals("io.x0tta6bl4.topology")) {
            awaitWholeMesh();
        }
        if (bsn.equals("io.x0tta6bl4.healing")) {
            Await.until("the healing loop running again", WAIT, () -> healing() != null && !healing().actions().isEmpty());
        }
    }

    private void postLoad() {
        long i = 0;
        while (!Thread.currentThread().isInterrupted()) {
            if (loadOn.get()) {
                eventAdmin.postEvent(HealthEvent.of("itest", "UPGRADE_LOAD", "load-" + (i++ % LOAD_SUBJECTS),
                        Severity.WARNING, "itest").toEvent());
                posted.incrementAndGet();
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** The injected topology is the instance from before the upgrades; this looks it up now. */
    private TopologyService topology() {
        ServiceReference<TopologyService> ref = context.getServiceReference(TopologyService.class);
        return ref == null ? null : context.getService(ref);
    }

    private <T> T service(Class<T> type) {
        ServiceReference<T> ref = context.getServiceReference(type);
        return ref == null ? null : context.getService(ref);
    }

    private TopologyAdmin topologyAdmin() {
        ServiceReference<TopologyAdmin> ref = context.getServiceReference(TopologyAdmin.class);
        assertNotNull("topology admin service", ref);
        return context.getService(ref);
    }

    private void awaitWholeMesh() {
        Await.until(SIM_SIZE + " simulated nodes UP", WAIT, () -> {
            TopologyService t = topology();
            return t != null && t.snapshot().nodes().values().stream().filter(Node::isUp).count() == SIM_SIZE;
        }, () -> topology() == null ? "no topology service" : topology().snapshot().nodes().size() + " nodes");
    }

    private List<Incident> loadIncidents() {
        return healing().incidents(false).stream().filter(i -> i.kind().equals("UPGRADE_LOAD")).toList();
    }

    private HealingService healing() {
        ServiceReference<HealingService> ref = context.getServiceReference(HealingService.class);
        return ref == null ? null : context.getService(ref);
    }

    private Feature installed(String name) throws Exception {
        for (Feature f : features.listInstalledFeatures()) {
            if (f.getName().equals(name)) {
                return f;
            }
        }
        return null;
    }

    private static String symbolicName(String feature) {
        return "io.x0tta6bl4." + feature.substring("x0tta6bl4-".length());
    }

    private boolean commandExists(String cmd) {
        String name = cmd.split(" ")[0];
        return shell().run("help " + name).error() == null;
    }

    private static int liveThreads() {
        return Thread.getAllStackTraces().size();
    }

    /** Thread count once transient pool threads have ended (bounded wait), never below the baseline check. */
    private int settledThreads(int baseline) {
        try {
            Await.until("thread count back to its level", Duration.ofSeconds(45), () -> liveThreads() <= baseline + 2);
        } catch (AssertionError stillHigh) {
            // reported by the caller's assertion with the number
        }
        return liveThreads();
    }

    /** x0tta6bl4 threads by area prefix, e.g. x0tta6bl4-healing. */
    private static Map<String, Long> platformThreadsByArea() {
        Map<String, Long> out = new TreeMap<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            String n = t.getName();
            if (t.isAlive() && n.startsWith("x0tta6bl4-")) {
                int dash = n.indexOf('-', "x0tta6bl4-".length());
                out.merge(dash < 0 ? n : n.substring(0, dash), 1L, Long::sum);
            }
        }
        return out;
    }
}
