package io.x0tta6bl4.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.HashSet;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import javax.inject.Inject;

import io.x0tta6bl4.api.event.EventKeys;
import io.x0tta6bl4.api.event.HealthKinds;
import io.x0tta6bl4.api.event.Topics;
import io.x0tta6bl4.api.healing.ActionRecord;
import io.x0tta6bl4.api.healing.ActionResult;
import io.x0tta6bl4.api.healing.HealingService;
import io.x0tta6bl4.api.healing.HealingTopics;
import io.x0tta6bl4.api.healing.Incident;
import io.x0tta6bl4.api.healing.IncidentKinds;
import io.x0tta6bl4.api.healing.IncidentState;
import io.x0tta6bl4.api.healing.RemediationAction;
import io.x0tta6bl4.api.topology.LinkId;
import io.x0tta6bl4.api.topology.NodeId;
import io.x0tta6bl4.api.topology.TopologyAdmin;

import org.junit.After;
import org.junit.Before;
import org.junit.FixMethodOrder;
import org.junit.Test;
import org.junit.runners.MethodSorters;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

/**
 * The healing loop on the simulated mesh: failed nodes become incidents, actions run and are
 * verified, flapping is damped, a mass failure is a partition with disruptive actions
 * suppressed, plugin actions registered here are used, a throwing action does not stop the
 * loop, and incidents survive an update of the healing bundle.
 */
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class HealingIT extends PlatformTestSupport {

    private static final String HEALING_PID = "io.x0tta6bl4.healing";
    private static final String TOPOLOGY_PID = "io.x0tta6bl4.topology";
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    private ConfigurationAdmin configAdmin;

    private final ConcurrentLinkedQueue<Event> healingEvents = new ConcurrentLinkedQueue<>();
    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();

    @Before
    public void prepare() throws Exception {
        awaitSimulatedMesh();
        Await.until("the healing loop running", Duration.ofSeconds(120),
                () -> healing() != null && !healing().actions().isEmpty());
        configure(TOPOLOGY_PID, "node.timeout.ms", "1500", "sweep.interval.ms", "250", "link.update.threshold", "0.01");
        configure(HEALING_PID, "verify.delay.ms", "1000", "damping.half-life.ms", "120000",
                "correlation.window.ms", "500");
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(EventConstants.EVENT_TOPIC, new String[] {Topics.HEALING_ALL,
            Topics.health("topology", HealthKinds.NODE_DOWN)});
        registrations.add(context.registerService(EventHandler.class, healingEvents::add, props));
    }

    @After
    public void cleanUp() {
        registrations.forEach(r -> {
            try {
                r.unregister();
            } catch (IllegalStateException gone) {
                // already gone
            }
        });
        registrations.clear();
        shell().run("sim:recover --all").assertOk();
        Await.until("every simulated node UP again", WAIT, () -> upNodes() == SIM_SIZE, () -> upNodes() + " up");
        Await.until("no open NODE_DOWN or PARTITION incident", WAIT, () -> healing().incidents(true).stream()
                .noneMatch(i -> i.kind().equals(HealthKinds.NODE_DOWN) || i.kind().equals(IncidentKinds.PARTITION)),
                () -> healing().incidents(true).toString());
    }

    @Test
    public void a_failedNodeIsOneIncidentActedOnVerifiedAndResolvedByAPluginAction() throws Exception {
        List<String> ran = new CopyOnWriteArrayList<>();
        // a plugin action registered at runtime: it brings the node back through the simulator
        register("itest-recover", false, request -> {
            ran.add(request.subject());
            Shell.Result r = shell().run("sim:recover " + request.subject());
            return r.error() == null ? ActionResult.succeeded("sim:recover " + request.subject())
                    : ActionResult.failed(String.valueOf(r.error()));
        }, HealthKinds.NODE_DOWN);
        Await.until("itest-recover among the actions", WAIT,
                () -> healing().actions().stream().anyMatch(a -> a.name().equals("itest-recover")));

        String victim = "sim-07";
        long failedAtMillis = System.currentTimeMillis();
        shell().run("sim:fail-node " + victim).assertOk();
        Event down = awaitEvent(Topics.health("topology", HealthKinds.NODE_DOWN), victim);
        long downMs = (Long) down.getProperty(EventKeys.TIMESTAMP) - failedAtMillis;
        Event opened = awaitEvent(HealingTopics.INCIDENT_OPENED, victim);
        String id = (String) opened.getProperty(HealingTopics.INCIDENT);
        Event executed = awaitEvent(HealingTopics.ACTION_EXECUTED, victim);
        // from the event's own time: the polling of this test must not count
        long executedMs = (Long) executed.getProperty(EventKeys.TIMESTAMP) - failedAtMillis;
        assertEquals("itest-recover", executed.getProperty(HealingTopics.ACTION));
        assertEquals("SUCCEEDED", executed.getProperty(HealingTopics.OUTCOME));
        Event resolved = awaitEvent(HealingTopics.INCIDENT_RESOLVED, victim);
        long actMs = (Long) executed.getProperty(EventKeys.TIMESTAMP) - (Long) opened.getProperty(EventKeys.TIMESTAMP);
        System.out.println("sim:fail-node " + victim + ": NODE_DOWN after " + downMs + " ms (the simulator reports"
                + " the loss), remediation executed after " + executedMs + " ms (target 1000 ms); incident opened to"
                + " action executed " + actMs + " ms (default correlation window 500 ms); TTR "
                + resolved.getProperty(HealingTopics.TTR_MS) + " ms");
        // the target is 1 s; the bound leaves room for a loaded CI machine, the printed number is the measurement
        assertTrue("remediation executed " + executedMs + " ms after sim:fail-node", executedMs < 2500);
        assertTrue("action within 1 s of the incident with the default window: " + actMs + " ms", actMs < 1000);

        assertEquals(List.of(victim), ran);
        Incident incident = healing().incident(id).orElseThrow();
        assertEquals(IncidentState.RESOLVED, incident.state());
        assertEquals(HealthKinds.NODE_DOWN, incident.kind());
        ActionRecord first = incident.actions().get(0);
        assertEquals("itest-recover", first.action());
        assertEquals("VERIFIED", first.verification());
        assertTrue(incident.timeToRecover().orElseThrow().toMillis() > 0);
        assertEquals("one incident for the failed node", 1, incidentsAbout(victim, HealthKinds.NODE_DOWN).size());
        assertNotNull(healing().stats().mttr());
        assertTrue(healing().stats().perAction().get("itest-recover").successes() >= 1);
        String stats = shell().run("heal:stats").assertOk().out();
        assertTrue(stats, stats.contains("itest-recover") && stats.contains("MTTR"));
        String shown = shell().run("heal:incident " + id).assertOk().out();
        assertTrue(shown, shown.contains("VERIFIED") && shown.contains("RESOLVED"));
        Shell.Result bad = shell().run("heal:incident inc-999999");
        assertTrue(bad.failure(), bad.failure().contains("no incident 'inc-999999'"));
        assertTrue("Camel threads carry the healing prefix", threadsNamed("Camel").isEmpty());
        assertFalse(threadsNamed("x0tta6bl4-healing-").isEmpty());
    }

    @Test
    public void b_anActionThatThrowsOrBlocksIsIsolatedAndTheLoopGoesOn() throws Exception {
        register("itest-throws", false, request -> {
            throw new IllegalStateException("itest action failure");
        }, HealthKinds.NODE_DOWN);
        CountDownLatch never = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        register("itest-hangs", false, request -> {
            // blocks until interrupted: action.timeout.ms (1000 here) must cut it off
            try {
                never.await();
            } catch (InterruptedException e) {
                interrupted.set(true);
                throw e;
            }
            return ActionResult.succeeded("released");
        }, HealthKinds.NODE_DOWN);
        Await.until("itest-throws and itest-hangs among the actions", WAIT,
                () -> healing().actions().stream().filter(a -> a.name().startsWith("itest-")).count() == 2);
        configure(HEALING_PID, "action.timeout.ms", "1000");
        try {
            throwingAndBlockingActionsAreIsolated(interrupted);
        } finally {
            configure(HEALING_PID, "action.timeout.ms", "10000");
        }
    }

    private void throwingAndBlockingActionsAreIsolated(AtomicBoolean interrupted) throws Exception {
        long deadBefore = healing().stats().deadLetters();

        String victim = "sim-11";
        shell().run("sim:fail-node " + victim).assertOk();
        String id = (String) awaitEvent(HealingTopics.INCIDENT_OPENED, victim).getProperty(HealingTopics.INCIDENT);
        Await.until("the throwing and the blocking action recorded as FAILED and notify run after them", WAIT, () -> {
            List<ActionRecord> a = healing().incident(id).orElseThrow().actions();
            return a.stream().anyMatch(r -> r.action().equals("itest-throws") && r.outcome().equals("FAILED"))
                    && a.stream().anyMatch(r -> r.action().equals("itest-hangs") && r.outcome().equals("FAILED")
                            && r.details().contains("timed out after 1000 ms"))
                    && a.stream().anyMatch(r -> r.action().equals("notify") && r.outcome().equals("SUCCEEDED"));
        }, () -> healing().incident(id).toString());
        assertTrue(healing().stats().deadLetters() > deadBefore);
        Await.until("the blocked call interrupted", WAIT, interrupted::get);

        shell().run("sim:recover " + victim).assertOk();
        awaitEvent(HealingTopics.INCIDENT_RESOLVED, victim);
        assertEquals(IncidentState.RESOLVED, healing().incident(id).orElseThrow().state());

        // an action that puts its change back on its own account says so, and the resolved incident records it
        org.osgi.service.event.EventAdmin events = context.getService(
                context.getServiceReference(org.osgi.service.event.EventAdmin.class));
        events.postEvent(new Event(HealingTopics.ACTION_REVERTED, Map.of(HealingTopics.INCIDENT, id,
                HealingTopics.ACTION, "itest-hangs", EventKeys.DETAILS, "put back what it changed (its hold ended)")));
        Await.until("the revert in the incident's history", WAIT, () -> healing().incident(id).orElseThrow().actions()
                .stream().anyMatch(a -> a.action().equals("itest-hangs:revert") && a.outcome().equals("REVERTED")
                        && a.details().equals("put back what it changed (its hold ended)")),
                () -> healing().incident(id).orElseThrow().actions().toString());
    }

    @Test
    public void c_aFlappingNodeIsDamped() throws Exception {
        String victim = "sim-05";
        for (int i = 1; i <= 3; i++) {
            long before = countEvents(HealingTopics.INCIDENT_OPENED, victim);
            shell().run("sim:fail-node " + victim).assertOk();
            Await.until("flap " + i + " of " + victim + " seen by healing", WAIT,
                    () -> countEvents(HealingTopics.INCIDENT_OPENED, victim) > before);
            Await.until(victim + " DOWN", WAIT, () -> !topology.node(NodeId.of(victim)).orElseThrow().isUp());
            shell().run("sim:recover " + victim).assertOk();
            Await.until(victim + " UP", WAIT, () -> topology.node(NodeId.of(victim)).orElseThrow().isUp());
            // a flap is down for a while and up for a while: healing has seen it come back
            Await.until("healing saw " + victim + " recover", WAIT, () -> incidentsAbout(victim, HealthKinds.NODE_DOWN)
                    .stream().noneMatch(inc -> inc.state().isOpen()));
        }
        List<Incident> downs = incidentsAbout(victim, HealthKinds.NODE_DOWN);
        List<Incident> flapping = incidentsAbout(victim, IncidentKinds.FLAPPING);
        assertEquals("two incidents before the penalty crossed the suppress limit: " + downs, 2, downs.size());
        assertEquals(1, flapping.size());
        String id = flapping.get(0).id();
        // the FLAPPING policy (withdraw-interface, which only a batman node has, then notify) answers the
        // flapping once; the subject's own NODE_DOWN signals get nothing while it is damped
        Await.until("the FLAPPING policy ran", WAIT, () -> !healing().incident(id).orElseThrow().actions().isEmpty());
        Incident f = healing().incident(id).orElseThrow();
        assertEquals(IncidentState.DAMPED, f.state());
        assertEquals("one notify, unverified: " + f.actions(), List.of("notify N/A"),
                f.actions().stream().map(a -> a.action() + " " + a.verification()).toList());
        assertEquals("no new NODE_DOWN incident while damped", 2, incidentsAbout(victim, HealthKinds.NODE_DOWN).size());
        String listed = shell().run("heal:incidents --open").assertOk().out();
        assertTrue(listed, listed.contains("FLAPPING") && listed.contains("DAMPED"));
    }

    @Test
    public void d_fortyPercentOfTheMeshFailingIsAPartitionWithDisruptiveActionsSuppressed() throws Exception {
        // twelve shell commands and the topology's sweeps spread the failures; the window must cover them
        configure(HEALING_PID, "correlation.window.ms", "1500");
        List<String> isolated = new CopyOnWriteArrayList<>();
        register("itest-isolate", true, request -> {
            isolated.add(request.subject());
            return ActionResult.succeeded("isolated");
        }, HealthKinds.NODE_DOWN, IncidentKinds.PARTITION);
        Await.until("itest-isolate among the actions", WAIT,
                () -> healing().actions().stream().anyMatch(a -> a.name().equals("itest-isolate") && a.disruptive()));

        List<String> victims = new ArrayList<>();
        for (int i = 13; i <= 24; i++) {
            victims.add(String.format("sim-%02d", i));
        }
        for (String v : victims) {
            shell().run("sim:fail-node " + v).assertOk();
        }
        Event p = awaitEvent(HealingTopics.INCIDENT_OPENED, "mesh");
        assertEquals(IncidentKinds.PARTITION, p.getProperty(EventKeys.KIND));
        String id = (String) p.getProperty(HealingTopics.INCIDENT);
        Await.until("all 12 failed nodes in the partition incident", WAIT,
                () -> healing().incident(id).orElseThrow().affected().containsAll(victims),
                () -> healing().incident(id).orElseThrow().affected().toString());
        Await.until("the partition plan run: itest-isolate suppressed, notify sent", WAIT, () -> {
            List<ActionRecord> a = healing().incident(id).orElseThrow().actions();
            return a.stream().anyMatch(r -> r.action().equals("itest-isolate") && r.outcome().equals("SUPPRESSED"))
                    && a.stream().anyMatch(r -> r.action().equals("notify"));
        }, () -> healing().incident(id).orElseThrow().actions().toString());
        assertTrue("no disruptive action ran during the partition: " + isolated, isolated.isEmpty());
        for (String v : victims) {
            assertTrue("no incident of its own is open for " + v + " during the partition",
                    incidentsAbout(v, HealthKinds.NODE_DOWN).stream().noneMatch(Incident::isOpen));
        }
        shell().run("sim:recover --all").assertOk();
        awaitEvent(HealingTopics.INCIDENT_RESOLVED, "mesh");
        configure(HEALING_PID, "correlation.window.ms", "500");
    }

    @Test
    public void e_aDegradedLinkIsAnAnomalyAndTheRerouteActionPenalizesItInTheTopology() throws Exception {
        NodeId a = NodeId.of("sim-28");
        io.x0tta6bl4.api.topology.Link link = topology.links(a).stream().filter(l -> l.from().equals(a)).findFirst()
                .orElseThrow();
        String b = link.to().value();
        TopologyAdmin admin = context.getService(context.getServiceReference(TopologyAdmin.class));
        try {
            shell().run("sim:degrade-link --loss 0.6 --latency 400 " + a + " " + b).assertOk();
            Event opened = awaitEvent(HealingTopics.INCIDENT_OPENED, e -> IncidentKinds.LINK_ANOMALY.equals(
                    e.getProperty(EventKeys.KIND)) && linkOf(e).contains(a.value()) && linkOf(e).contains(b));
            String subject = linkOf(opened);
            String id = (String) opened.getProperty(HealingTopics.INCIDENT);
            Event executed = awaitEvent(HealingTopics.ACTION_EXECUTED, subject);
            assertEquals("path-penalty", executed.getProperty(HealingTopics.ACTION));
            assertEquals("SUCCEEDED", executed.getProperty(HealingTopics.OUTCOME));
            LinkId penalized = LinkId.parse(subject);
            assertTrue(admin.penalties().toString(), admin.penalties().stream()
                    .anyMatch(p -> p.link().equals(penalized) || p.link().equals(penalized.reversed())));
            awaitEvent(HealingTopics.INCIDENT_RESOLVED, subject);
            Incident i = healing().incident(id).orElseThrow();
            assertEquals("VERIFIED", i.actions().get(0).verification());
            assertTrue(i.events().get(0), i.events().get(0).contains("ewma-robust-z"));
        } finally {
            shell().run("sim:recover " + a + " " + b).assertOk();
            admin.clearPenalty(LinkId.of(a.value(), b));
        }
    }

    @Test
    public void e2_aVulnerabilityIncidentRunsTheScannersRunScanAction() throws Exception {
        Await.until("the scanner's run-scan among the actions", WAIT,
                () -> healing().actions().stream().anyMatch(a -> a.name().equals("run-scan")));
        String subject = "org.example.itest-vulnerable";
        org.osgi.service.event.EventAdmin events = context.getService(
                context.getServiceReference(org.osgi.service.event.EventAdmin.class));
        events.postEvent(io.x0tta6bl4.api.event.HealthEvent.of("scanner", HealthKinds.VULNERABILITY, subject,
                io.x0tta6bl4.api.event.Severity.CRITICAL, "itest").withDetails("GHSA-itest").toEvent());
        String id = (String) awaitEvent(HealingTopics.INCIDENT_OPENED, subject).getProperty(HealingTopics.INCIDENT);
        Await.until("run-scan executed for " + id, WAIT, () -> healing().incident(id).orElseThrow().actions().stream()
                .anyMatch(a -> a.action().equals("run-scan") && a.outcome().equals("SUCCEEDED")),
                () -> healing().incident(id).toString());
    }

    @Test
    public void f_theShellRunsDryRunAndApproval() throws Exception {
        assertTrue(shell().run("heal:policies").assertOk().out().contains("NODE_DOWN"));
        assertTrue(shell().run("heal:actions").assertOk().out().contains("path-penalty"));
        assertTrue(shell().run("heal:approve inc-999999").failure().contains("no incident 'inc-999999'"));
        assertTrue(shell().run("heal:dry-run maybe").failure().contains("expected on or off"));
        List<String> ran = new CopyOnWriteArrayList<>();
        register("itest-guarded", false, true, request -> {
            ran.add(request.subject());
            return ActionResult.succeeded("guarded");
        }, HealthKinds.NODE_DOWN);
        Await.until("itest-guarded among the actions, needing approval", WAIT,
                () -> healing().actions().stream().anyMatch(a -> a.name().equals("itest-guarded") && a.approval()));
        try {
            shell().run("heal:dry-run on").assertOk();
            assertTrue(shell().run("heal:dry-run").assertOk().out().contains("dry-run on"));
            String first = "sim-09";
            shell().run("sim:fail-node " + first).assertOk();
            Event dry = awaitEvent(HealingTopics.ACTION_EXECUTED, first);
            assertEquals("itest-guarded", dry.getProperty(HealingTopics.ACTION));
            assertEquals("DRY_RUN", dry.getProperty(HealingTopics.OUTCOME));
            assertTrue("dry-run runs nothing", ran.isEmpty());
            shell().run("sim:recover " + first).assertOk();
            awaitEvent(HealingTopics.INCIDENT_RESOLVED, first);
        } finally {
            shell().run("heal:dry-run off").assertOk();
        }
        String second = "sim-29";
        shell().run("sim:fail-node " + second).assertOk();
        String id = (String) awaitEvent(HealingTopics.INCIDENT_OPENED, second).getProperty(HealingTopics.INCIDENT);
        Await.until(id + " awaiting approval", WAIT,
                () -> healing().incident(id).orElseThrow().state() == IncidentState.AWAITING_APPROVAL);
        assertTrue(ran.isEmpty());
        assertTrue(shell().run("heal:approve " + id).assertOk().out().contains("approved"));
        Event executed = awaitEvent(HealingTopics.ACTION_EXECUTED, second);
        assertEquals("itest-guarded", executed.getProperty(HealingTopics.ACTION));
        assertEquals(List.of(second), ran);
    }

    /**
     * Re-attest against the real identity bundle: it dials the endpoint a PeerEndpoints service
     * gives (as the batman bundle gives it from signed facts), a failure there plans the quarantine,
     * a later real attestation (PEER_ATTESTED) resolves the incident and drops it, and a report
     * about a node with no signed endpoint never gets as far as a quarantine.
     */
    @Test
    public void g_reattestUsesTheSignedEndpointAndAnAttestationDropsThePlannedQuarantine() throws Exception {
        Configuration c = configAdmin.getConfiguration("io.x0tta6bl4.identity", "?");
        Dictionary<String, Object> props = c.getProperties() == null ? new Hashtable<>() : c.getProperties();
        props.put("listener.port", "0");
        props.put("node.id", "sim-01");
        c.update(props);
        Await.until("node.id sim-01 applied", WAIT,
                () -> shell().run("identity:status").out().matches("(?s).*Node\\s*\\|\\s*sim-01\\s.*"),
                () -> shell().run("identity:status").out());
        shell().run("identity:bootstrap x0tta6bl4.test").assertOk(); // says --force when one is there already
        java.util.regex.Pattern listenerLine = java.util.regex.Pattern.compile("mTLS listener\\s*\\|\\s*127\\.0\\.0\\.1:(\\d+)");
        Await.until("the identity's mTLS listener bound with the SVID of sim-01", WAIT, () -> {
            String status = shell().run("identity:status").out();
            return listenerLine.matcher(status).find() && status.contains("/mesh/node/sim-01");
        }, () -> shell().run("identity:status").out());
        java.util.regex.Matcher m = listenerLine.matcher(shell().run("identity:status").out());
        assertTrue(m.find());
        int listenerPort = Integer.parseInt(m.group(1));
        String node = "sim-01";
        int silentPort;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            silentPort = free.getLocalPort(); // closed again: nothing answers at this endpoint
        }
        Map<String, java.net.InetSocketAddress> signed = new java.util.concurrent.ConcurrentHashMap<>();
        signed.put(node, new java.net.InetSocketAddress("127.0.0.1", silentPort));
        Dictionary<String, Object> ranked = new Hashtable<>();
        ranked.put(org.osgi.framework.Constants.SERVICE_RANKING, 1000); // ahead of a mesh provider's own
        registrations.add(context.registerService(io.x0tta6bl4.api.identity.PeerEndpoints.class,
                n -> java.util.Optional.ofNullable(signed.get(n.value())), ranked));
        Set<String> before = healing().incidents(false).stream().map(Incident::id).collect(Collectors.toSet());

        postHealth("identity", HealthKinds.PEER_UNATTESTED, node);
        Incident waiting = awaitIncident(node, HealthKinds.PEER_UNATTESTED, before,
                i -> i.state() == IncidentState.AWAITING_APPROVAL);
        ActionRecord reattest = waiting.actions().get(0);
        assertEquals("re-attest", reattest.action());
        assertEquals("FAILED", reattest.outcome());
        assertTrue(reattest.details(), reattest.details().contains("127.0.0.1:" + silentPort));

        // the node is attested for real at its listener: the planned quarantine is dropped
        Shell.Result attested = shell().run("identity:attest --node " + node + " 127.0.0.1:" + listenerPort).assertOk();
        assertTrue(attested.toString(), attested.out().matches("(?s).*Attested\\s*\\|\\s*yes\\s.*"));
        Incident resolved = awaitIncident(node, HealthKinds.PEER_UNATTESTED, before,
                i -> i.id().equals(waiting.id()) && i.state() == IncidentState.RESOLVED);
        assertTrue(resolved.analysis(), resolved.analysis().contains("PEER_ATTESTED"));
        assertTrue(resolved.actions().toString(), resolved.actions().stream().anyMatch(a ->
                a.action().equals("quarantine") && a.details().startsWith("dropped while awaiting approval")));
        Shell.Result refused = shell().run("heal:approve " + waiting.id());
        assertTrue(refused.toString(), refused.failure().contains("is RESOLVED, not AWAITING_APPROVAL"));
        assertEquals(refused.toString(), 1, refused.failure().trim().lines().count());

        // the signed endpoint is the real listener now: re-attest succeeds there
        signed.put(node, new java.net.InetSocketAddress("127.0.0.1", listenerPort));
        before = healing().incidents(false).stream().map(Incident::id).collect(Collectors.toSet());
        postHealth("identity", HealthKinds.PEER_ATTESTATION_FAILED, node);
        Incident healed = awaitIncident(node, HealthKinds.PEER_ATTESTATION_FAILED, before,
                i -> i.state() == IncidentState.RESOLVED);
        assertEquals("re-attest", healed.actions().get(0).action());
        assertEquals("SUCCEEDED", healed.actions().get(0).outcome());
        assertTrue(healed.actions().get(0).details(),
                healed.actions().get(0).details().contains("127.0.0.1:" + listenerPort));

        // a claim about a node with no signed endpoint: nothing healing could verify, no quarantine
        String claimed = "sim-03";
        postHealth("identity", HealthKinds.PEER_ATTESTATION_FAILED, claimed);
        Incident unproven = awaitIncident(claimed, HealthKinds.PEER_ATTESTATION_FAILED, before,
                i -> i.state() == IncidentState.ESCALATED);
        assertEquals(List.of("re-attest SKIPPED", "quarantine SKIPPED", "notify SUCCEEDED"), unproven.actions()
                .stream().map(a -> a.action() + " " + a.outcome()).toList());
    }

    private void postHealth(String area, String kind, String subject) {
        org.osgi.service.event.EventAdmin events = context.getService(
                context.getServiceReference(org.osgi.service.event.EventAdmin.class));
        events.postEvent(io.x0tta6bl4.api.event.HealthEvent.of(area, kind, subject,
                io.x0tta6bl4.api.event.Severity.WARNING, "itest").toEvent());
    }

    private Incident awaitIncident(String subject, String kind, Set<String> notThese,
                                   java.util.function.Predicate<Incident> condition) {
        Incident[] found = new Incident[1];
        Await.until(kind + " incident of " + subject, WAIT, () -> {
            found[0] = incidentsAbout(subject, kind).stream().filter(i -> !notThese.contains(i.id())).filter(condition)
                    .findFirst().orElse(null);
            return found[0] != null;
        }, () -> incidentsAbout(subject, kind).toString());
        return found[0];
    }

    private static String linkOf(Event e) {
        return String.valueOf(e.getProperty(EventKeys.SUBJECT));
    }

    @Test
    public void z_incidentsSurviveAnUpdateOfTheHealingBundle() throws Exception {
        Await.until("at least one incident known", WAIT, () -> !healing().incidents(false).isEmpty());
        Set<String> before = healing().incidents(false).stream().map(i -> i.id() + "/" + i.state())
                .collect(Collectors.toSet());
        Bundle b = bundle("io.x0tta6bl4.healing");
        shell().run("bundle:update " + b.getBundleId()).assertOk();
        Await.until("the healing bundle ACTIVE again with its incidents", Duration.ofSeconds(60), () -> {
            HealingService h = healing();
            return h != null && bundle("io.x0tta6bl4.healing").getState() == Bundle.ACTIVE
                    && h.incidents(false).stream().map(i -> i.id() + "/" + i.state()).collect(Collectors.toSet())
                            .containsAll(before);
        }, () -> String.valueOf(healing() == null ? null : healing().incidents(false).size()));
        assertTrue(threadsNamed("Camel").isEmpty());
        // and the loop works after the update
        String victim = "sim-27";
        shell().run("sim:fail-node " + victim).assertOk();
        awaitEvent(HealingTopics.INCIDENT_OPENED, victim);
        Set<String> ids = new HashSet<>();
        healing().incidents(false).forEach(i -> ids.add(i.id()));
        assertEquals("incident ids stay unique after the update", healing().incidents(false).size(), ids.size());
    }

    // ------------------------------------------------------------------ helpers

    private interface Body {
        ActionResult run(io.x0tta6bl4.api.healing.ActionRequest request) throws Exception;
    }

    private void register(String name, boolean disruptive, Body body, String... kinds) {
        register(name, disruptive, false, body, kinds);
    }

    private void register(String name, boolean disruptive, boolean approval, Body body, String... kinds) {
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(RemediationAction.NAME, name);
        props.put(RemediationAction.KINDS, kinds);
        props.put(RemediationAction.DISRUPTIVE, disruptive);
        props.put(RemediationAction.APPROVAL, approval);
        registrations.add(context.registerService(RemediationAction.class, body::run, props));
    }

    private HealingService healing() {
        ServiceReference<HealingService> ref = context.getServiceReference(HealingService.class);
        return ref == null ? null : context.getService(ref);
    }

    private List<Incident> incidentsAbout(String subject, String kind) {
        return healing().incidents(false).stream()
                .filter(i -> i.subject().equals(subject) && i.kind().equals(kind)).collect(Collectors.toList());
    }

    private long countEvents(String topic, String subject) {
        return healingEvents.stream().filter(e -> e.getTopic().equals(topic)
                && subject.equals(e.getProperty(EventKeys.SUBJECT))).count();
    }

    private Event awaitEvent(String topic, String subject) {
        return awaitEvent(topic, e -> subject.equals(e.getProperty(EventKeys.SUBJECT)));
    }

    private Event awaitEvent(String topic, java.util.function.Predicate<Event> match) {
        Event[] found = new Event[1];
        Await.until(topic, WAIT, () -> {
            for (Event e : healingEvents) {
                if (e.getTopic().equals(topic) && match.test(e)) {
                    found[0] = e;
                    healingEvents.remove(e);
                    return true;
                }
            }
            return false;
        }, () -> healingEvents.stream().map(e -> e.getTopic() + " " + e.getProperty(EventKeys.SUBJECT))
                .collect(Collectors.joining(", ")) + "; incidents " + healing().incidents(true));
        return found[0];
    }

    /** Updates a configuration and waits until its component's service carries the values. */
    private void configure(String pid, String... keyValues) throws Exception {
        Configuration config = configAdmin.getConfiguration(pid, null);
        Dictionary<String, Object> props = config.getProperties();
        if (props == null) {
            props = new Hashtable<>();
        }
        boolean changed = false;
        for (int i = 0; i < keyValues.length; i += 2) {
            if (!keyValues[i + 1].equals(String.valueOf(props.get(keyValues[i])))) {
                props.put(keyValues[i], keyValues[i + 1]);
                changed = true;
            }
        }
        if (!changed) {
            return;
        }
        config.update(props);
        Class<?> service = pid.equals(HEALING_PID) ? HealingService.class : io.x0tta6bl4.api.topology.TopologyService.class;
        Await.until(pid + " to carry " + Map.of(keyValues[0], keyValues[1]), Duration.ofSeconds(10), () -> {
            ServiceReference<?> ref = context.getServiceReference(service.getName());
            for (int i = 0; i < keyValues.length; i += 2) {
                if (ref == null || !keyValues[i + 1].equals(String.valueOf(ref.getProperty(keyValues[i])))) {
                    return false;
                }
            }
            return true;
        });
    }
}
