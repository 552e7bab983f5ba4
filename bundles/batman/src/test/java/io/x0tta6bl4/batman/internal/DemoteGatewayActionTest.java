package io.x0tta6bl4.batman.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.x0tta6bl4.api.event.HealthEvent;
import io.x0tta6bl4.api.event.HealthKinds;
import io.x0tta6bl4.api.event.Severity;
import io.x0tta6bl4.api.healing.ActionRequest;
import io.x0tta6bl4.api.healing.ActionResult;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The uplink watch and demote-gateway on B of the ring (RingTables) with a scripted prober and
 * clock; rounds are driven by the test (the watch's own interval is a minute here). The kernel
 * lab runs it on the real module with a real uplink.
 */
class DemoteGatewayActionTest {

    private static final Map<String, Object> CONFIG = Map.of(GatewayConfig.TARGETS, "icmp:192.0.2.1,tcp:192.0.2.2:53",
            GatewayConfig.INTERVAL_MS, "60000", GatewayConfig.HOLD_DOWN_MS, "30000");

    @TempDir
    Path data;

    private final RingTables ring = new RingTables();
    private final AtomicLong now = new AtomicLong(1_000_000);
    private final List<HealthEvent> events = new CopyOnWriteArrayList<>();
    private final AtomicInteger probes = new AtomicInteger();
    private volatile boolean answering = true;
    private DemoteGatewayAction action;

    private DemoteGatewayAction started() {
        action = new DemoteGatewayAction(ring, events::add, now::get, (targets, iface, timeout) -> {
            probes.incrementAndGet();
            return new UplinkProbe.Round(answering, answering ? "icmp:192.0.2.1 answered" : "icmp:192.0.2.1 no echo reply");
        });
        action.start(data.resolve(GatewayBook.FILE), CONFIG);
        return action;
    }

    @AfterEach
    void stop() throws Exception {
        if (action != null) {
            action.deactivate();
        }
    }

    private void rounds(int n, boolean answered) {
        answering = answered;
        for (int i = 0; i < n; i++) {
            now.addAndGet(1000);
            action.round();
        }
    }

    private static ActionRequest request(String incident) {
        return new ActionRequest(incident, HealthKinds.GATEWAY_UPLINK_DOWN, RingTables.B, 1, Map.of());
    }

    private List<String> kinds() {
        return events.stream().map(HealthEvent::kind).toList();
    }

    @Test
    void twoFailedRoundsPostUplinkDownOnceForThisNode() {
        started();
        rounds(1, false);
        assertTrue(events.isEmpty(), "one lost round is not an outage");
        rounds(3, false);
        assertEquals(List.of(HealthKinds.GATEWAY_UPLINK_DOWN), kinds());
        HealthEvent down = events.get(0);
        assertEquals(RingTables.B, down.subject());
        assertEquals(Severity.WARNING, down.severity());
        assertEquals("batman", down.area());
        assertEquals("2 probe rounds failed: icmp:192.0.2.1 no echo reply", down.details());
        assertTrue(action.status().down());
        assertEquals(4, action.status().failedInARow());
    }

    @Test
    void demotionTurnsTheGatewayOffWithTheFoundModeOnDiskFirst() throws Exception {
        started();
        rounds(2, false);
        ActionResult r = action.execute(request("inc-1"));
        assertEquals(ActionResult.Outcome.SUCCEEDED, r.outcome(), r.details());
        assertEquals("gw_mode server (10.0/2.0 Mbit/s)→off: clients select another gateway; back once the uplink has "
                + "answered for 30 s", r.details());
        assertEquals(List.of("gw_mode off"), ring.sets);
        String book = Files.readString(data.resolve(GatewayBook.FILE));
        assertTrue(book.contains("mode=server") && book.contains("bandwidth.down=100") && book.contains("incident=inc-1"),
                book);
        assertEquals(ActionResult.Outcome.SKIPPED, action.execute(request("inc-2")).outcome(), "no second demotion");
        assertEquals(new GatewayMode(GatewayMode.SERVER, 100, 20), action.status().demotedFrom());
    }

    @Test
    void theGatewayComesBackOnlyAfterTheUplinkAnsweredForTheHoldDown() throws Exception {
        started();
        rounds(2, false);
        action.execute(request("inc-1"));
        rounds(1, true);
        assertEquals(List.of(HealthKinds.GATEWAY_UPLINK_DOWN, HealthKinds.GATEWAY_UPLINK_UP), kinds());
        rounds(20, true);
        rounds(1, false); // a flap inside the hold-down starts it again
        rounds(29, true);
        assertEquals(GatewayMode.OFF, ring.gateway.mode(), "29 s after the flap: still demoted");
        rounds(2, true);
        assertEquals(new GatewayMode(GatewayMode.SERVER, 100, 20), ring.gateway);
        assertEquals(List.of("gw_mode off", "gw_mode server (10.0/2.0 Mbit/s)"), ring.sets);
        assertFalse(Files.exists(data.resolve(GatewayBook.FILE)), "nothing left to put back");
        assertNull(action.status().demotedFrom());
    }

    @Test
    void aRestartWhileDemotedStillPromotesAfterTheHoldDown() throws Exception {
        started();
        rounds(2, false);
        action.execute(request("inc-1"));
        action.deactivate();
        assertEquals(GatewayMode.OFF, ring.gateway.mode(), "a stop keeps the demotion");

        started(); // the new run reads gw_mode off from the kernel and the demotion from its book
        assertEquals("inc-1", action.status().demotedBy());
        rounds(31, true);
        assertEquals(GatewayMode.SERVER, ring.gateway.mode());
    }

    @Test
    void rollbackPutsTheFoundModeBackAtOnce() throws Exception {
        started();
        rounds(2, false);
        action.execute(request("inc-1"));
        assertEquals(ActionResult.Outcome.SKIPPED, action.rollback(request("inc-9")).outcome());
        ActionResult back = action.rollback(request("inc-1"));
        assertEquals("restored gw_mode off→server (10.0/2.0 Mbit/s)", back.details());
        assertEquals(GatewayMode.SERVER, ring.gateway.mode());
    }

    @Test
    void aModeTheKernelDoesNotTakeFailsTheActionAndLeavesNoDemotion() throws Exception {
        started();
        rounds(2, false);
        ring.gatewayStuck = true;
        ActionResult r = action.execute(request("inc-1"));
        assertEquals(ActionResult.Outcome.FAILED, r.outcome());
        assertEquals("gw_mode still server (10.0/2.0 Mbit/s) after setting off; restored gw_mode off→server "
                + "(10.0/2.0 Mbit/s)", r.details());
        assertNull(action.status().demotedFrom());
    }

    @Test
    void otherNodesAnUplinkThatAnswersAndANonGatewayAreLeftAlone() throws Exception {
        started();
        ActionResult other = action.execute(new ActionRequest("inc-1", HealthKinds.GATEWAY_UPLINK_DOWN, RingTables.C, 1,
                Map.of()));
        assertEquals(ActionResult.Outcome.SKIPPED, other.outcome());
        assertTrue(other.details().startsWith(RingTables.C + " is not this node"), other.details());

        rounds(2, true);
        ActionResult answering = action.execute(request("inc-2"));
        assertEquals(ActionResult.Outcome.SKIPPED, answering.outcome());
        assertEquals("the uplink answers now: icmp:192.0.2.1 answered", answering.details());

        ring.gateway = new GatewayMode(GatewayMode.CLIENT, 0, 0);
        int before = probes.get();
        rounds(5, false);
        assertEquals(before, probes.get(), "a client does not probe an uplink");
        assertTrue(events.isEmpty(), events.toString());
        assertTrue(ring.sets.isEmpty(), ring.sets.toString());
    }
}
