package io.x0tta6bl4.healing.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import io.x0tta6bl4.api.event.HealthEvent;
import io.x0tta6bl4.api.event.HealthKinds;
import io.x0tta6bl4.api.event.Severity;
import io.x0tta6bl4.api.healing.ActionRecord;
import io.x0tta6bl4.api.healing.ActionResult;
import io.x0tta6bl4.api.healing.Incident;
import io.x0tta6bl4.api.healing.IncidentKinds;
import io.x0tta6bl4.api.healing.IncidentState;
import io.x0tta6bl4.api.healing.RemediationAction;
import io.x0tta6bl4.api.topology.NodeId;
import io.x0tta6bl4.api.topology.TopologyService;
import io.x0tta6bl4.api.topology.TopologySnapshot;
import io.x0tta6bl4.support.testing.MutableClock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Analysis, planning, execution outcomes and knowledge of the engine, on a hand-moved clock. */
class EngineTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final ActionRegistry actions = new ActionRegistry();
    private final List<String> published = new CopyOnWriteArrayList<>();
    private final AtomicReference<TopologySnapshot> mesh = new AtomicReference<>();
    private final List<String> calls = new CopyOnWriteArrayList<>();

    private HealingEngine engine(Map<String, Object> config) {
        return engine(config, KnowledgeStore.inMemory());
    }

    private HealingEngine engine(Map<String, Object> config, KnowledgeStore store) {
        HealingConfig c = new HealingConfigReader(w -> { throw new AssertionError(w); }).read(HealingConfig.DEFAULTS, config);
        actions.addBuiltIn(ActionHandle.builtIn("notify", r -> {
            calls.add("notify " + r.subject());
            return ActionResult.succeeded("notified");
        }, List.of("*"), false, false, "nothing"));
        return new HealingEngine(clock, c, actions, store, (t, p) -> published.add(t.substring(t.lastIndexOf('/') + 1)
                + " " + p.get("subject")), this::topology);
    }

    private TopologyService topology() {
        TopologySnapshot s = mesh.get();
        if (s == null) {
            return null;
        }
        return (TopologyService) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {TopologyService.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "snapshot" -> s;
                    case "node" -> s.node((NodeId) args[0]);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private void action(String name, boolean disruptive, boolean verify, RemediationAction a, String... kinds) {
        actions.add(new ActionHandle(name, a, List.of(kinds), disruptive, false, verify, "test", ""));
    }

    private HealthEvent down(String node) {
        return signal(HealthKinds.NODE_DOWN, node, Severity.WARNING);
    }

    private HealthEvent up(String node) {
        return signal(HealthKinds.NODE_UP, node, Severity.INFO);
    }

    private HealthEvent signal(String kind, String subject, Severity severity) {
        return new HealthEvent("topology", kind, subject, severity, "test", clock.millis(), null, null, null);
    }

    private static Map<String, Object> cfg(Object... kv) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private void setState(String node, boolean isUp) {
        TopologySnapshot s = mesh.get();
        var nodes = new java.util.TreeMap<>(s.nodes());
        NodeId id = NodeId.of(node);
        nodes.put(id, nodes.get(id).withState(isUp ? io.x0tta6bl4.api.topology.NodeState.UP
                : io.x0tta6bl4.api.topology.NodeState.DOWN));
        mesh.set(new TopologySnapshot(s.version() + 1, s.time(), nodes, new java.util.TreeMap<>(s.links())));
    }

    // ------------------------------------------------------------------ correlation

    @Test
    void nodesLostBehindAnArticulationPointAreOneIncidentAboutIt() {
        mesh.set(Meshes.tree());
        HealingEngine e = engine(cfg());
        Decision first = e.analyze(down("n3"));
        assertEquals(Decision.Verdict.OPENED, first.verdict());
        for (String n : List.of("n4", "n5", "n6")) {
            Decision d = e.analyze(down(n));
            assertEquals(Decision.Verdict.CORRELATED, d.verdict(), n);
            assertEquals(first.incidentId(), d.incidentId());
        }
        List<Incident> open = e.incidents(true);
        assertEquals(1, open.size());
        assertEquals("n3", open.get(0).subject());
        assertEquals(Set.of("n3", "n4", "n5", "n6"), open.get(0).affected());
        assertTrue(open.get(0).analysis().contains("articulation point"), open.get(0).analysis());
    }

    @Test
    void anIncidentOpenedBeforeItsRootCauseIsMergedIntoTheRootWithinTheWindow() {
        mesh.set(Meshes.tree());
        HealingEngine e = engine(cfg(HealingConfig.CORRELATION_WINDOW, "1000"));
        String leaf = e.analyze(down("n5")).incidentId();
        clock.advanceMillis(300);
        String root = e.analyze(down("n3")).incidentId();
        Incident merged = e.incident(leaf).orElseThrow();
        assertEquals(IncidentState.MERGED, merged.state());
        assertEquals(root, merged.mergedInto());
        assertEquals(1, e.incidents(true).size());
        assertTrue(e.incident(root).orElseThrow().affected().contains("n5"));
    }

    @Test
    void unrelatedFailuresStaySeparateIncidents() {
        mesh.set(Meshes.tree());
        HealingEngine e = engine(cfg());
        e.analyze(down("n1"));
        e.analyze(down("n6"));
        assertEquals(2, e.incidents(true).size());
    }

    @Test
    void repeatedEventsJoinTheOpenIncidentAndARecoveryResolvesIt() {
        HealingEngine e = engine(cfg());
        String id = e.analyze(down("n1")).incidentId();
        assertEquals(Decision.Verdict.JOINED, e.analyze(down("n1")).verdict());
        clock.advanceMillis(4000);
        assertEquals(Decision.Verdict.CLEARED, e.analyze(up("n1")).verdict());
        Incident i = e.incident(id).orElseThrow();
        assertEquals(IncidentState.RESOLVED, i.state());
        assertEquals(4000, i.timeToRecover().orElseThrow().toMillis());
        assertEquals(3, i.eventCount());
        assertEquals(List.of("INCIDENT_OPENED n1", "INCIDENT_RESOLVED n1"), published);
        assertEquals(4000, e.stats(0, 0).mttr().toMillis());
    }

    // ------------------------------------------------------------------ partition

    @Test
    void moreThanTheShareFailingIsOnePartitionWithDisruptiveActionsSuppressed() throws Exception {
        String[] ring = new String[30];
        for (int i = 1; i <= 30; i++) {
            ring[i - 1] = "n" + i + "-n" + (i % 30 + 1);
        }
        mesh.set(Meshes.of(1, 30, ring));
        action("isolate", true, true, r -> {
            calls.add("isolate " + r.subject());
            return ActionResult.succeeded("isolated");
        }, HealthKinds.NODE_DOWN, IncidentKinds.PARTITION);
        HealingEngine e = engine(cfg(HealingConfig.PARTITION_SHARE, "0.3"));
        for (int i = 1; i <= 9; i++) {
            assertEquals(Decision.Verdict.OPENED, e.analyze(down("n" + (2 * i))).verdict(), "9 of 30 is not above 30%");
        }
        Decision p = e.analyze(down("n20"));
        assertEquals(Decision.Verdict.PARTITION, p.verdict());
        assertEquals(Decision.Verdict.CORRELATED, e.analyze(down("n21")).verdict());
        List<Incident> open = e.incidents(true);
        assertEquals(1, open.size(), open.toString());
        assertEquals(IncidentKinds.PARTITION, open.get(0).kind());
        assertEquals(11, open.get(0).affected().size());

        clock.advanceMillis(600);
        List<Ticket> tickets = e.plan();
        assertEquals(List.of("notify"), tickets.stream().map(Ticket::action).toList());
        for (Ticket t : tickets) {
            e.execute(t);
        }
        assertTrue(e.plan().isEmpty());
        Incident partition = e.incident(p.incidentId()).orElseThrow();
        assertTrue(partition.actions().stream().anyMatch(a -> a.action().equals("isolate") && a.outcome().equals("SUPPRESSED")));
        assertFalse(calls.stream().anyMatch(c -> c.startsWith("isolate")), calls.toString());

        e.analyze(up("n2"));
        assertEquals(IncidentState.ESCALATED, e.incident(p.incidentId()).orElseThrow().state(), "10 of 30 still down");
        e.analyze(up("n4"));
        assertEquals(IncidentState.RESOLVED, e.incident(p.incidentId()).orElseThrow().state(), "9 of 30");
        assertEquals(9, e.incidents(true).size(), "the nodes still down get incidents of their own");
    }

    // ------------------------------------------------------------------ damping

    @Test
    void aFlappingNodeIsDampedAndReleasedAfterThePenaltyDecays() {
        HealingEngine e = engine(cfg(HealingConfig.DAMPING_HALF_LIFE, "60000"));
        assertEquals(Decision.Verdict.OPENED, e.analyze(down("n2")).verdict());
        e.analyze(up("n2"));
        clock.advanceMillis(1000);
        assertEquals(Decision.Verdict.OPENED, e.analyze(down("n2")).verdict());
        e.analyze(up("n2"));
        clock.advanceMillis(1000);
        Decision d = e.analyze(down("n2"));
        assertEquals(Decision.Verdict.DAMPED, d.verdict());
        Incident f = e.incident(d.incidentId()).orElseThrow();
        assertEquals(IncidentKinds.FLAPPING, f.kind());
        assertEquals(IncidentState.DAMPED, f.state());
        e.analyze(up("n2"));
        assertEquals(Decision.Verdict.DAMPED, e.analyze(down("n2")).verdict(), "still damped: no new incident");
        clock.advanceMillis(10_000);
        List<Ticket> plan = e.plan();
        assertEquals(List.of("notify"), plan.stream().map(Ticket::action).toList(),
                "the FLAPPING policy answers the flapping; the node's own signals get nothing");
        e.analyze(up("n2"));
        clock.advanceMillis(3 * 60_000);
        e.tick();
        assertEquals(IncidentState.RESOLVED, e.incident(d.incidentId()).orElseThrow().state());
    }

    @Test
    void aDampedFlappingCaseRunsItsPolicyUnverifiedAndEndsWithItsDampingNotAnEscalation() throws Exception {
        action("withdraw-interface", false, true, r -> {
            calls.add("withdraw " + r.subject());
            return ActionResult.succeeded("took vBC out");
        }, IncidentKinds.FLAPPING);
        HealingEngine e = engine(cfg(HealingConfig.DAMPING_HALF_LIFE, "60000"));
        String link = "n1->n2";
        Decision d = null;
        for (int i = 0; i < 3; i++) {
            d = e.analyze(signal("LINK_DOWN", link, Severity.WARNING));
            e.analyze(signal("LINK_UP", link, Severity.INFO));
            clock.advanceMillis(1000);
        }
        assertEquals(Decision.Verdict.DAMPED, d.verdict());
        for (int round = 0; round < 4; round++) {
            for (Ticket t : e.plan()) {
                e.execute(t);
            }
            e.tick();
            clock.advanceMillis(3000);
        }
        assertEquals(List.of("withdraw " + link, "notify " + link), calls,
                "the FLAPPING policy once (the two LINK_DOWN incidents resolved inside their correlation window)");
        Incident f = e.incident(d.incidentId()).orElseThrow();
        assertEquals(IncidentState.DAMPED, f.state(), "not VERIFYING, not ESCALATED");
        assertEquals(List.of("N/A", "N/A"), f.actions().stream().map(ActionRecord::verification).toList());
        assertFalse(published.contains("INCIDENT_ESCALATED " + link), String.valueOf(published));
        assertEquals(Decision.Verdict.DAMPED, e.analyze(signal("LINK_DOWN", link, Severity.WARNING)).verdict());
        assertEquals(1, e.incidents(true).size(), "no storm: the one FLAPPING incident");
        clock.advanceMillis(4 * 60_000);
        e.tick();
        assertEquals(IncidentState.RESOLVED, e.incident(d.incidentId()).orElseThrow().state());
        assertTrue(published.contains("INCIDENT_RESOLVED " + link), String.valueOf(published));
    }

    @Test
    void anActionsOwnRevertJoinsTheHistoryOfItsIncidentAlsoWhenResolved() throws Exception {
        HealingEngine e = engine(cfg());
        String id = e.analyze(signal(HealthKinds.LINK_DEGRADED, "n1->n2", Severity.WARNING)).incidentId();
        e.analyze(signal(HealthKinds.LINK_DEGRADED, "n1->n2", Severity.INFO));
        assertEquals(IncidentState.RESOLVED, e.incident(id).orElseThrow().state());
        assertTrue(e.reverted(id, "steer-link", "restored hop_penalty vBC 128→0"));
        ActionRecord r = e.incident(id).orElseThrow().actions().get(0);
        assertEquals("steer-link:revert", r.action());
        assertEquals("REVERTED", r.outcome());
        assertEquals("restored hop_penalty vBC 128→0", r.details());
        assertFalse(e.reverted("no-such-incident", "steer-link", "x"));
        for (int i = 1; i < HealingEngine.MAX_RECORDS; i++) {
            e.reverted(id, "steer-link", "x".repeat(2000));
        }
        assertFalse(e.reverted(id, "steer-link", "one too many"), "an incident's history is bounded");
        assertEquals(503, e.incident(id).orElseThrow().actions().get(1).details().length(), "details are cut at 500, then ...");
    }

    // ------------------------------------------------------------------ plan, execute, verify

    @Test
    void planningWaitsForTheWindowAndAFailureBacksOffBeforeTheNextCandidate() throws Exception {
        action("fix", false, true, r -> ActionResult.failed("no luck"), HealthKinds.LINK_DEGRADED);
        HealingEngine e = engine(cfg(HealingConfig.CORRELATION_WINDOW, "500", "policy.LINK_DEGRADED", "fix, notify",
                HealingConfig.BACKOFF_INITIAL, "1000"));
        String id = e.analyze(signal(HealthKinds.LINK_DEGRADED, "n1->n2", Severity.WARNING)).incidentId();
        clock.advanceMillis(499);
        assertTrue(e.plan().isEmpty(), "inside the correlation window");
        clock.advanceMillis(1);
        Ticket t = single(e.plan());
        assertEquals("fix", t.action());
        assertTrue(e.plan().isEmpty(), "not planned twice while it runs");
        e.execute(t);
        clock.advanceMillis(999);
        assertTrue(e.plan().isEmpty(), "backing off");
        clock.advanceMillis(1);
        Ticket next = single(e.plan());
        assertEquals("notify", next.action());
        e.execute(next);
        e.plan();
        assertEquals(IncidentState.ESCALATED, e.incident(id).orElseThrow().state());
        assertEquals(List.of("FAILED", "SUCCEEDED"), e.incident(id).orElseThrow().actions().stream()
                .map(ActionRecord::outcome).toList());
        assertTrue(published.contains("INCIDENT_ESCALATED n1->n2"));
    }

    @Test
    void theBudgetLimitsActionsAcrossIncidents() throws Exception {
        HealingEngine e = engine(cfg(HealingConfig.BUDGET_CAPACITY, "1", HealingConfig.BUDGET_PER_MINUTE, "1",
                HealingConfig.CORRELATION_WINDOW, "0"));
        String a = e.analyze(signal("X", "a", Severity.WARNING)).incidentId();
        String b = e.analyze(signal("X", "b", Severity.WARNING)).incidentId();
        Ticket first = single(e.plan());
        assertTrue(e.plan().isEmpty());
        String waiting = first.incidentId().equals(a) ? b : a;
        String analysis = e.incident(waiting).orElseThrow().analysis();
        assertTrue(analysis.contains("waits for the action budget"), "an incident held back says why: " + analysis);
        assertEquals(1, analysis.split("waits for the action budget", -1).length - 1, "said once: " + analysis);
        clock.advanceMillis(59_999);
        assertTrue(e.plan().isEmpty());
        clock.advanceMillis(1);
        assertEquals(1, e.plan().size());
    }

    @Test
    void aVerifiedActionResolvesTheIncidentAndRanksFirstNextTime() throws Exception {
        action("weak", false, true, r -> ActionResult.succeeded("tried"), HealthKinds.LINK_DEGRADED);
        action("strong", false, true, r -> ActionResult.succeeded("fixed"), HealthKinds.LINK_DEGRADED);
        HealingEngine e = engine(cfg(HealingConfig.CORRELATION_WINDOW, "0", HealingConfig.VERIFY_DELAY, "1000",
                "policy.LINK_DEGRADED", "weak, strong, notify"));
        assertEquals(List.of("weak", "strong", "notify"), e.rank(HealthKinds.LINK_DEGRADED));

        String id = e.analyze(signal(HealthKinds.LINK_DEGRADED, "a->b", Severity.WARNING)).incidentId();
        e.execute(single(e.plan()));
        assertEquals(IncidentState.VERIFYING, e.incident(id).orElseThrow().state());
        clock.advanceMillis(500);
        e.analyze(signal(HealthKinds.LINK_DEGRADED, "a->b", Severity.WARNING)); // still bad after "weak"
        clock.advanceMillis(500);
        List<Ticket> rollbacks = e.tick();
        assertEquals(1, rollbacks.size());
        assertTrue(rollbacks.get(0).rollback());
        assertEquals("NOT_VERIFIED", e.incident(id).orElseThrow().actions().get(0).verification());

        clock.advanceMillis(1000); // backoff
        Ticket t = single(e.plan());
        assertEquals("strong", t.action());
        e.execute(t);
        clock.advanceMillis(1000);
        assertTrue(e.tick().isEmpty());
        Incident i = e.incident(id).orElseThrow();
        assertEquals(IncidentState.RESOLVED, i.state());
        assertEquals("VERIFIED", i.actions().get(1).verification());
        assertEquals(List.of("strong", "weak", "notify"), e.rank(HealthKinds.LINK_DEGRADED));
        var stats = e.stats(0, 0).perAction();
        assertEquals(1, stats.get("strong").successes());
        assertEquals(1, stats.get("weak").failures());
    }

    @Test
    void aNodeUpOvertakenByALaterNodeDownIsStaleAndResolvesNothing() {
        mesh.set(Meshes.tree());
        HealingEngine e = engine(cfg());
        setState("n1", false);
        String id = e.analyze(down("n1")).incidentId();
        // the topology still has n1 DOWN: this NODE_UP is older than what the topology knows
        assertEquals(Decision.Verdict.IGNORED, e.analyze(up("n1")).verdict());
        Incident open = e.incident(id).orElseThrow();
        assertTrue(open.state().isOpen(), open.toString());
        assertTrue(open.analysis().contains("ignored a stale NODE_UP"), open.analysis());
        setState("n1", true);
        assertEquals(Decision.Verdict.CLEARED, e.analyze(up("n1")).verdict());
        assertEquals(IncidentState.RESOLVED, e.incident(id).orElseThrow().state());
    }

    @Test
    void afterAStartNodeStatesAreReconciledWithTheTopology(@TempDir Path dir) throws Exception {
        mesh.set(Meshes.tree());
        KnowledgeStore store = KnowledgeStore.open(dir.resolve("k.mv.db").toFile());
        HealingEngine before = engine(cfg(), store);
        setState("n1", false);
        String stale = before.analyze(down("n1")).incidentId();
        before.flush();
        store.close();

        // while healing was stopped, n1 came back and n2 failed: neither event reached it
        setState("n1", true);
        setState("n2", false);
        KnowledgeStore reopened = KnowledgeStore.open(dir.resolve("k.mv.db").toFile());
        HealingEngine after = engine(cfg(), reopened);
        after.load();
        after.tick();
        assertEquals(IncidentState.RESOLVED, after.incident(stale).orElseThrow().state());
        List<Incident> n2 = after.incidents(true).stream().filter(i -> i.subject().equals("n2")).toList();
        assertEquals(1, n2.size(), after.incidents(true).toString());
        assertTrue(n2.get(0).events().get(0).contains("found DOWN in the topology"), n2.get(0).events().toString());
        after.tick();
        assertEquals(1, after.incidents(true).size(), "reconciled once, not on every tick");
        reopened.close();
    }

    @Test
    void aNodeDownIsVerifiedAgainstTheTopology() throws Exception {
        mesh.set(Meshes.tree());
        action("revive", false, true, r -> {
            setState(r.subject(), true);
            return ActionResult.succeeded("revived");
        }, HealthKinds.NODE_DOWN);
        HealingEngine e = engine(cfg(HealingConfig.CORRELATION_WINDOW, "0", HealingConfig.VERIFY_DELAY, "1000"));
        setState("n1", false);
        String id = e.analyze(down("n1")).incidentId();
        e.execute(single(e.plan()));
        clock.advanceMillis(1000);
        e.tick();
        assertEquals(IncidentState.RESOLVED, e.incident(id).orElseThrow().state());
        assertEquals("VERIFIED", e.incident(id).orElseThrow().actions().get(0).verification());
    }

    @Test
    void aLinkSteeredAroundIsVerifiedAndNewSignalsAboutItOpenNothing() throws Exception {
        Set<String> penalized = new java.util.HashSet<>();
        action("path-penalty", false, true, r -> {
            penalized.add(r.subject());
            return ActionResult.succeeded("penalized");
        }, IncidentKinds.LINK_ANOMALY);
        HealingEngine e = engine(cfg(HealingConfig.CORRELATION_WINDOW, "0", HealingConfig.VERIFY_DELAY, "1000"));
        e.mitigatedBy(penalized::contains);
        String id = e.analyze(signal(IncidentKinds.LINK_ANOMALY, "a->b", Severity.WARNING)).incidentId();
        e.execute(single(e.plan()));
        clock.advanceMillis(500);
        e.analyze(signal(IncidentKinds.LINK_ANOMALY, "a->b", Severity.WARNING)); // still anomalous
        clock.advanceMillis(500);
        e.tick();
        assertEquals(IncidentState.RESOLVED, e.incident(id).orElseThrow().state(), "but routing avoids it");
        assertEquals(Decision.Verdict.IGNORED, e.analyze(signal(IncidentKinds.LINK_ANOMALY, "a->b", Severity.WARNING))
                .verdict());
        assertEquals(1, e.incidents(false).size());
    }

    @Test
    void aThrowingActionIsADeadLetterAndTheNextCandidateRuns() throws Exception {
        action("boom", false, true, r -> {
            throw new IllegalStateException("kaput");
        }, "X");
        HealingEngine e = engine(cfg(HealingConfig.CORRELATION_WINDOW, "0", HealingConfig.BACKOFF_INITIAL, "10"));
        String id = e.analyze(signal("X", "s", Severity.WARNING)).incidentId();
        Ticket t = single(e.plan());
        assertEquals("boom", t.action());
        try {
            e.execute(t);
        } catch (IllegalStateException expected) {
            e.deadLetter(t, expected);
        }
        assertEquals(1, e.stats(0, 0).deadLetters());
        assertTrue(e.incident(id).orElseThrow().actions().get(0).details().contains("kaput"));
        clock.advanceMillis(10);
        assertEquals("notify", single(e.plan()).action());
    }

    @Test
    void anActionThatBlocksIsCutOffAtItsDeadlineAndTheNextCandidateRuns() throws Exception {
        java.util.concurrent.CountDownLatch never = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch interrupted = new java.util.concurrent.CountDownLatch(1);
        action("hang", false, true, r -> {
            try {
                never.await();
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
            return ActionResult.succeeded("too late");
        }, "X");
        HealingEngine e = engine(cfg(HealingConfig.CORRELATION_WINDOW, "0", HealingConfig.BACKOFF_INITIAL, "10",
                HealingConfig.ACTION_TIMEOUT, "100"));
        try {
            String id = e.analyze(signal("X", "s", Severity.WARNING)).incidentId();
            Ticket t = single(e.plan());
            assertEquals("hang", t.action());
            ActionResult r = e.execute(t);
            assertEquals(ActionResult.Outcome.FAILED, r.outcome());
            assertTrue(r.details().contains("timed out after 100 ms"), r.details());
            assertTrue(interrupted.await(5, java.util.concurrent.TimeUnit.SECONDS), "the stuck call is interrupted");
            assertEquals("FAILED", e.incident(id).orElseThrow().actions().get(0).outcome());
            clock.advanceMillis(10);
            assertEquals("notify", single(e.plan()).action());
        } finally {
            e.close();
        }
    }

    @Test
    void dryRunRecordsWithoutRunningAndApprovalWaitsForTheOperator() throws Exception {
        action("quarantine", true, true, r -> {
            calls.add("quarantine " + r.subject());
            return ActionResult.succeeded("q");
        }, "INTRUSION"); // not a peer-trust kind, which needs a verified failure first (PeerTrustTest)
        HealingEngine e = engine(cfg(HealingConfig.CORRELATION_WINDOW, "0", "policy.INTRUSION", "quarantine",
                HealingConfig.DRY_RUN, "true"));
        String id = e.analyze(signal("INTRUSION", "n9", Severity.WARNING)).incidentId();
        Ticket t = single(e.plan());
        assertTrue(t.dryRun());
        e.execute(t);
        assertTrue(calls.isEmpty());
        assertEquals("DRY_RUN", e.incident(id).orElseThrow().actions().get(0).outcome());

        e.setDryRun(false);
        String second = e.analyze(signal("INTRUSION", "n8", Severity.WARNING)).incidentId();
        assertTrue(e.plan().isEmpty());
        assertEquals(IncidentState.AWAITING_APPROVAL, e.incident(second).orElseThrow().state());
        e.approve(second);
        Ticket approved = single(e.plan());
        e.execute(approved);
        assertEquals(List.of("quarantine n8"), calls);
    }

    @Test
    void approvingAPlanForANodeThatIsUpAgainIsRefusedAndThePlanDropped() throws Exception {
        mesh.set(Meshes.tree());
        actions.add(new ActionHandle("power-cycle", r -> {
            calls.add("power-cycle " + r.subject());
            return ActionResult.succeeded("cycled");
        }, List.of(HealthKinds.NODE_DOWN), true, true, true, "test", ""));
        HealingEngine e = engine(cfg(HealingConfig.CORRELATION_WINDOW, "0", "policy.NODE_DOWN", "power-cycle"));
        setState("n4", false);
        String id = e.analyze(down("n4")).incidentId();
        assertTrue(e.plan().isEmpty());
        assertEquals(IncidentState.AWAITING_APPROVAL, e.incident(id).orElseThrow().state());
        setState("n4", true); // back, and its NODE_UP never reached healing
        IllegalStateException refused = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> e.approve(id));
        assertEquals("approval refused: n4 is UP in the topology, so incident " + id
                + " no longer needs 'power-cycle' (resolved, plan dropped)", refused.getMessage());
        Incident i = e.incident(id).orElseThrow();
        assertEquals(IncidentState.RESOLVED, i.state());
        assertEquals("SKIPPED", i.actions().get(0).outcome());
        assertTrue(e.plan().isEmpty());
        assertTrue(calls.isEmpty(), calls.toString());
    }

    @Test
    void incidentsAndKnowledgeSurviveAReopenOfTheStore(@TempDir Path dir) throws Exception {
        File file = dir.resolve("knowledge.mv.db").toFile();
        KnowledgeStore store = KnowledgeStore.open(file);
        HealingEngine e = engine(cfg(HealingConfig.CORRELATION_WINDOW, "0"), store);
        String resolved = e.analyze(down("n1")).incidentId();
        e.execute(single(e.plan()));
        clock.advanceMillis(2500);
        e.analyze(up("n1"));
        String open = e.analyze(down("n2")).incidentId();
        e.flush();
        Incident before = e.incident(resolved).orElseThrow();
        store.close();

        // a second engine on the same file, as after a bundle update or a restart
        KnowledgeStore reopened = KnowledgeStore.open(file);
        HealingEngine again = engine(cfg(), reopened);
        assertEquals(2, again.load());
        assertEquals(before, again.incident(resolved).orElseThrow());
        assertEquals(IncidentState.OPEN, again.incident(open).orElseThrow().state());
        assertEquals(2500, again.stats(0, 0).mttr().toMillis());
        assertEquals(1, again.stats(0, 0).perAction().get("notify").executions());
        String third = again.analyze(down("n3")).incidentId();
        assertFalse(third.equals(resolved) || third.equals(open), "ids continue after the stored ones");
        assertEquals(Decision.Verdict.JOINED, again.analyze(down("n2")).verdict(), "the open incident is open again");
        reopened.close();
    }

    private static Ticket single(List<Ticket> tickets) {
        assertEquals(1, tickets.size(), tickets.toString());
        return tickets.get(0);
    }

}
