package io.x0tta6bl4.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import javax.inject.Inject;

import io.x0tta6bl4.api.event.HealthEvent;
import io.x0tta6bl4.api.event.Severity;
import io.x0tta6bl4.api.healing.AnomalyDetector;
import io.x0tta6bl4.api.healing.DetectorInfo;
import io.x0tta6bl4.api.healing.HealingService;
import io.x0tta6bl4.api.healing.HealingTopics;
import io.x0tta6bl4.api.healing.Incident;
import io.x0tta6bl4.api.topology.Link;
import io.x0tta6bl4.api.topology.LinkWeigher;

import org.junit.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

/**
 * A third-party plugin, disk-guard (generated from the archetype and built by the archetype's
 * integration test), installed into the running distribution from its own features
 * repository: healing uses its action on an
 * incident of its kind, x0:plugins lists it with what it provides, and a plugin that cannot
 * resolve is listed with the requirement it misses while every core bundle stays up.
 */
public class PluginIT extends PlatformTestSupport {

    static final String EXAMPLE_REPO = "mvn:org.example.mesh/disk-guard/1.0.0-SNAPSHOT/xml/features";
    static final String EXAMPLE_FEATURE = "disk-guard";
    static final String EXAMPLE_BSN = "org.example.mesh.diskguard";
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    private ConfigurationAdmin configAdmin;

    @Inject
    private EventAdmin eventAdmin;

    @Inject
    private HealingService healing;

    @Test
    public void theExamplePluginInstallsFromItsOwnRepositoryAndHealingUsesItsAction() throws Exception {
        awaitSimulatedMesh();
        Await.until("the healing loop running", WAIT, () -> !healing.actions().isEmpty());
        Path spool = Files.createTempDirectory("disk-guard-spool").toAbsolutePath();
        for (int i = 0; i < 3; i++) {
            Files.write(spool.resolve("old-" + i + ".log"), new byte[1000]);
        }
        Configuration cfg = configAdmin.getConfiguration(EXAMPLE_BSN, null);
        Dictionary<String, Object> props = new Hashtable<>();
        props.put("purge.directory", spool.toString());
        props.put("purge.min.age.minutes", "0");
        cfg.update(props);

        long started = System.nanoTime();
        shell().run("feature:repo-add " + EXAMPLE_REPO).assertOk();
        shell().run("feature:install " + EXAMPLE_FEATURE).assertOk();
        System.out.println("feature:repo-add + feature:install of the example plugin: "
                + (System.nanoTime() - started) / 1_000_000 + " ms");
        Bundle plugin = bundleNamed(EXAMPLE_BSN);
        assertEquals(Bundle.ACTIVE, plugin.getState());

        Await.until("purge among heal:actions, from the plugin", WAIT, () -> {
            String out = shell().run("heal:actions").out();
            return out.contains("purge") && out.contains(EXAMPLE_BSN);
        });
        Await.until("x0:plugins lists the plugin with its action and its EventAdmin use", WAIT, () -> {
            String out = shell().run("x0:plugins").assertOk().out();
            return out.contains(EXAMPLE_BSN) && out.contains("ACTIVE") && out.contains("RemediationAction purge");
        }, () -> shell().run("x0:plugins").out());
        String json = shell().run("x0:plugins --json").assertOk().out();
        assertTrue(json, json.contains("\"bundle\" : \"" + EXAMPLE_BSN + "\"") && json.contains("\"problem\" : \"\""));

        ConcurrentLinkedQueue<Event> executed = new ConcurrentLinkedQueue<>();
        Dictionary<String, Object> topics = new Hashtable<>();
        topics.put(EventConstants.EVENT_TOPIC, HealingTopics.ACTION_EXECUTED);
        ServiceRegistration<EventHandler> listener = context.registerService(EventHandler.class, executed::add, topics);
        try {
            String subject = spool.toString();
            eventAdmin.postEvent(HealthEvent.of("disk", "DISK_LOW", subject, Severity.WARNING, "itest")
                    .withValue(2.0, 5.0).toEvent());
            Await.until("the plugin's purge executed for the DISK_LOW incident", WAIT,
                    () -> executed.stream().anyMatch(e -> "purge".equals(e.getProperty(HealingTopics.ACTION))
                            && subject.equals(e.getProperty("subject"))),
                    executed::toString);
            Event run = executed.stream().filter(e -> "purge".equals(e.getProperty(HealingTopics.ACTION)))
                    .findFirst().orElseThrow();
            assertEquals("SUCCEEDED", run.getProperty(HealingTopics.OUTCOME));
            try (var left = Files.list(spool)) {
                assertEquals("the action deleted the old files", 0, left.count());
            }
            Incident incident = healing.incidents(false).stream()
                    .filter(i -> i.kind().equals("DISK_LOW") && i.subject().equals(subject))
                    .findFirst().orElseThrow();
            assertEquals("purge", incident.actions().get(0).action());
            Await.until("x0:plugins shows the action's run as healing counted it", WAIT,
                    () -> shell().run("x0:plugins").out().contains("RemediationAction purge (runs 1, failed 0)"),
                    () -> shell().run("x0:plugins").out());
        } finally {
            listener.unregister();
        }

        shell().run("feature:uninstall " + EXAMPLE_FEATURE).assertOk();
        Await.until("purge gone from the actions", WAIT,
                () -> healing.actions().stream().noneMatch(a -> a.name().equals("purge")));
        assertFalse(shell().run("x0:plugins").out().contains(EXAMPLE_BSN));
        assertCoreActive();
    }

    @Test
    public void aPluginThatCannotResolveIsListedWithTheRequirementItMisses() throws Exception {
        awaitSimulatedMesh();
        Bundle broken = context.installBundle("itest:broken-plugin", new ByteArrayInputStream(brokenPluginJar()));
        try {
            try {
                broken.start();
            } catch (org.osgi.framework.BundleException expected) {
                // cannot resolve: that is the point
            }
            assertEquals(Bundle.INSTALLED, broken.getState());
            String out = shell().run("x0:plugins").assertOk().out();
            assertTrue(out, out.contains("org.example.broken") && out.contains("INSTALLED")
                    && out.contains("missing package io.x0tta6bl4.api.nothing"));
            assertCoreActive();
            // the framework and every command keep working with it installed
            shell().run("mesh:stats").assertOk();
            shell().run("heal:actions").assertOk();
        } finally {
            broken.uninstall();
        }
    }

    @Test
    public void aThrowingWeigherFailsOnlyItsOwnQuery() {
        awaitSimulatedMesh();
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(LinkWeigher.NAME_PROPERTY, "itest-throws");
        ServiceRegistration<LinkWeigher> reg = context.registerService(LinkWeigher.class, new LinkWeigher() {
            @Override
            public double weight(Link link) {
                throw new IllegalStateException("itest weigher failure");
            }

            @Override
            public String name() {
                return "itest-throws";
            }
        }, props);
        try {
            Await.until("the plugin weigher offered", WAIT, () -> topology.weighers().contains("itest-throws"));
            Shell.Result failed = shell().run("mesh:path --weigher itest-throws sim-01 sim-30");
            assertTrue(failed.toString(), failed.error() != null
                    && String.valueOf(failed.error().getMessage()).contains("itest weigher failure"));
            String path = shell().run("mesh:path sim-01 sim-30").assertOk().out();
            assertTrue(path, path.contains("sim-30"));
            String plugins = shell().run("x0:plugins").assertOk().out();
            assertTrue(plugins, plugins.contains("LinkWeigher itest-throws"));
            assertCoreActive();
        } finally {
            reg.unregister();
        }
    }

    /**
     * A detector that never returns (and ignores interrupts) is cut off after its deadline and
     * skipped while stuck; another plugin detector keeps being fed every sample.
     */
    @Test
    public void aBlockingAnomalyDetectorIsCutOffWhileTheOthersKeepDetecting() throws Exception {
        awaitSimulatedMesh();
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger blockedCalls = new AtomicInteger();
        AtomicInteger fedCalls = new AtomicInteger();
        AnomalyDetector blocking = (subject, metric, value, ts) -> {
            blockedCalls.incrementAndGet();
            while (true) {
                try {
                    release.await();
                    return Optional.empty();
                } catch (InterruptedException ignored) {
                    // a badly written plugin: keeps blocking
                }
            }
        };
        AnomalyDetector counting = (subject, metric, value, ts) -> {
            fedCalls.incrementAndGet();
            return Optional.empty();
        };
        ServiceRegistration<AnomalyDetector> blocks = context.registerService(AnomalyDetector.class, blocking,
                detectorProps("itest-blocks"));
        ServiceRegistration<AnomalyDetector> counts = context.registerService(AnomalyDetector.class, counting,
                detectorProps("itest-counts"));
        try {
            Await.until("the blocking detector called", WAIT, () -> blockedCalls.get() >= 1,
                    () -> "detector threads " + threadsNamed("x0tta6bl4-healing-detector-") + ", topology version "
                            + topology.version() + "; " + karafLog("detector"));
            // one sample's batch can hold hundreds of observations, so the other detector's calls
            // alone do not show a later sample: wait for the cut-off and a skipped sample first
            Await.until("the blocking detector cut off and skipped by a later sample", WAIT,
                    () -> detector("itest-blocks").map(d -> d.timeouts() == 1 && d.skipped() >= 1 && d.stuck())
                            .orElse(false),
                    () -> healing.detectors().toString());
            int fedBefore = fedCalls.get();
            Await.until("the other detector fed by later samples", WAIT, () -> fedCalls.get() > fedBefore,
                    () -> fedCalls.get() + " calls, " + fedBefore + " when the blocking detector was skipped");
            assertEquals("the stuck detector is not called again while its call runs", 1, blockedCalls.get());
            assertFalse(threadsNamed("x0tta6bl4-healing-detector-").isEmpty());
            shell().run("heal:stats").assertOk();
            // reported: x0:plugins shows the cut-off samples and names the detector that does not return
            String plugins = shell().run("x0:plugins --json").assertOk().out();
            assertTrue(plugins, plugins.contains("AnomalyDetector itest-blocks (cut off 1, skipped ")
                    && plugins.contains("AnomalyDetector itest-counts (cut off 0, skipped 0, failed 0)")
                    && plugins.contains("AnomalyDetector itest-blocks does not return"));
            assertCoreActive();
        } finally {
            release.countDown();
            blocks.unregister();
            counts.unregister();
        }
        Await.until("the plugin detectors' threads gone", WAIT,
                () -> threadsNamed("x0tta6bl4-healing-detector-").isEmpty(),
                () -> threadsNamed("x0tta6bl4-healing-detector-").toString());
    }

    private Optional<DetectorInfo> detector(String name) {
        return healing.detectors().stream().filter(d -> d.name().equals(name)).findFirst();
    }

    /** The lines of Karaf's log that mention {@code what}, to explain a failure. */
    private static String karafLog(String what) {
        try {
            return Files.readAllLines(Path.of(System.getProperty("karaf.data"), "log", "karaf.log")).stream()
                    .filter(l -> l.contains(what)).limit(20).toList().toString();
        } catch (java.io.IOException e) {
            return "no log: " + e;
        }
    }

    private static Dictionary<String, Object> detectorProps(String name) {
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(AnomalyDetector.NAME, name);
        return props;
    }

    private static byte[] brokenPluginJar() throws Exception {
        Manifest m = new Manifest();
        Attributes a = m.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue("Bundle-ManifestVersion", "2");
        a.putValue("Bundle-SymbolicName", "org.example.broken");
        a.putValue("Bundle-Version", "1.0.0");
        a.putValue("Import-Package", "io.x0tta6bl4.api.healing;version=\"[1.0,2)\","
                + "io.x0tta6bl4.api.nothing;version=\"[1.0,2)\"");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(out, m)) {
            jar.flush();
        }
        return out.toByteArray();
    }

    private Bundle bundleNamed(String symbolicName) {
        for (Bundle b : context.getBundles()) {
            if (symbolicName.equals(b.getSymbolicName())) {
                return b;
            }
        }
        throw new AssertionError("no bundle " + symbolicName);
    }

    private void assertCoreActive() {
        List<String> notActive = platformBundles().stream()
                .filter(b -> b.getState() != Bundle.ACTIVE)
                .map(b -> b.getSymbolicName() + " " + b.getState())
                .toList();
        assertTrue("core bundles not active: " + notActive, notActive.isEmpty());
    }
}
