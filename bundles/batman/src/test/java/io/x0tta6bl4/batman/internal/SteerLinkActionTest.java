package io.x0tta6bl4.batman.internal;

import static io.x0tta6bl4.batman.internal.RingTables.LINK_BC;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.x0tta6bl4.api.healing.ActionRequest;
import io.x0tta6bl4.api.healing.ActionResult;
import io.x0tta6bl4.support.testing.Waits;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** steer-link's decisions on B's tables in the ring (RingTables); the lab runs it on the real module. */
class SteerLinkActionTest {

    @TempDir
    Path data;

    private final RingTables ring = new RingTables();
    private final AtomicLong now = new AtomicLong(1_000_000);
    private SteerLinkAction action;

    private SteerLinkAction started(Map<String, Object> config) {
        action = new SteerLinkAction(ring, now::get);
        action.start(data.resolve(SteeringBook.FILE), config);
        return action;
    }

    @AfterEach
    void stop() throws Exception {
        if (action != null) {
            action.deactivate();
        }
    }

    private static ActionRequest request(String incident, String subject) {
        return new ActionRequest(incident, "LINK_DEGRADED", subject, 1, Map.of());
    }

    @Test
    void theHopPenaltyMovesCAndDOffTheLinkAndRollbackPutsTheFoundValueBack() throws Exception {
        SteerLinkAction a = started(Map.of());
        ActionResult r = a.execute(request("inc-1", LINK_BC));
        assertEquals(ActionResult.Outcome.SUCCEEDED, r.outcome(), r.details());
        assertTrue(r.details().startsWith("hop_penalty vBC 0→128 for 600 s: best routes to ["), r.details());
        assertEquals(List.of("hop_penalty vBC 128"), ring.sets);
        assertTrue(Files.readString(data.resolve(SteeringBook.FILE)).contains("vBC=hop_penalty,3,0,128,"),
                "the found value is on disk while the change is in force");

        ActionResult back = a.rollback(request("inc-1", LINK_BC));
        assertEquals("restored hop_penalty vBC 128→0", back.details());
        assertEquals(List.of("hop_penalty vBC 128", "hop_penalty vBC 0"), ring.sets);
        assertTrue(a.inForce().isEmpty());
    }

    @Test
    void theReversedLinkIsTheSameLinkForThisNode() throws Exception {
        ActionResult r = started(Map.of()).execute(request("inc-1", RingTables.C + "->" + RingTables.B));
        assertEquals(ActionResult.Outcome.SUCCEEDED, r.outcome(), r.details());
    }

    @Test
    void whereTheLinkIsTheOnlyWayTheValueGoesBackAndTheActionFails() throws Exception {
        ring.routes = RingTables.LINE;
        ring.afterSet = null;
        ActionResult r = started(Map.of()).execute(request("inc-2", LINK_BC));
        assertEquals(ActionResult.Outcome.FAILED, r.outcome());
        assertEquals("hop_penalty vBC 0→128: batman-adv knows no other route to [" + RingTables.C
                + "]; restored hop_penalty vBC 128→0", r.details());
        assertEquals(List.of("hop_penalty vBC 128", "hop_penalty vBC 0"), ring.sets);
        assertTrue(action.inForce().isEmpty());
    }

    @Test
    void routesThatDoNotMoveWithinTheVerifyTimeAreRolledBack() throws Exception {
        ring.afterSet = null;
        ActionResult r = started(Map.of(SteeringConfig.VERIFY_MS, "1000")).execute(request("inc-3", LINK_BC));
        assertEquals(ActionResult.Outcome.FAILED, r.outcome());
        assertTrue(r.details().contains("still over the link after 1000 ms; restored hop_penalty vBC 128→0"), r.details());
        assertEquals(0, ring.hopPenaltyBC);
    }

    @Test
    void aLinkOfOtherNodesOrOnASharedRadioIsLeftAlone() throws Exception {
        SteerLinkAction a = started(Map.of());
        ActionResult other = a.execute(request("inc-4", RingTables.C + "->" + RingTables.D));
        assertEquals(ActionResult.Outcome.SKIPPED, other.outcome());
        assertTrue(other.details().startsWith("not an end of"), other.details());

        ring.neighbours.add(new Neighbor("02:00:00:00:09:09", "vBC", 3, 300, null));
        ActionResult shared = a.execute(request("inc-5", LINK_BC));
        assertEquals(ActionResult.Outcome.SKIPPED, shared.outcome());
        assertTrue(shared.details().contains("also carries [02:00:00:00:09:09]"), shared.details());
        assertTrue(ring.sets.isEmpty(), ring.sets.toString());
    }

    @Test
    void aSecondIncidentDoesNotStackOnAnInterfaceAlreadySteered() throws Exception {
        SteerLinkAction a = started(Map.of());
        assertEquals(ActionResult.Outcome.SUCCEEDED, a.execute(request("inc-6", LINK_BC)).outcome());
        ring.routes = RingTables.OVER_BC; // as if batman-adv went back over the link
        ActionResult again = a.execute(request("inc-7", LINK_BC));
        assertEquals(ActionResult.Outcome.FAILED, again.outcome());
        assertTrue(again.details().startsWith("vBC is already steered (hop_penalty vBC 0→128, incident inc-6)"),
                again.details());
        assertEquals(List.of("hop_penalty vBC 128"), ring.sets, "the found value of inc-6 is kept");
    }

    @Test
    void theHoldEndsWithTheFoundValueBack() throws Exception {
        SteerLinkAction a = started(Map.of(SteeringConfig.HOLD_MS, "60000"));
        io.x0tta6bl4.support.testing.RecordingEventAdmin events = new io.x0tta6bl4.support.testing.RecordingEventAdmin();
        a.eventAdmin = events;
        a.execute(request("inc-8", LINK_BC));
        now.addAndGet(59_000);
        a.expire();
        assertEquals(1, a.inForce().size());
        now.addAndGet(1_000);
        a.expire();
        assertTrue(a.inForce().isEmpty());
        assertEquals(List.of("hop_penalty vBC 128", "hop_penalty vBC 0"), ring.sets);
        // the incident that ran it learns what was put back
        assertEquals(1, events.posted.size());
        org.osgi.service.event.Event revert = events.posted.get(0);
        assertEquals(io.x0tta6bl4.api.healing.HealingTopics.ACTION_REVERTED, revert.getTopic());
        assertEquals("inc-8", revert.getProperty("incident"));
        assertEquals("steer-link", revert.getProperty("action"));
        assertEquals("restored hop_penalty vBC 128→0 (steer.hold.ms ended)", revert.getProperty("details"));
    }

    @Test
    void aChangeLeftByACrashIsPutBackAtStartAndABrokenLineIsNamed() throws Exception {
        Files.writeString(data.resolve(SteeringBook.FILE), "vBC=hop_penalty,3,7,128,2000000,inc-9,a->b\n"
                + "vXX=rubbish\n", StandardCharsets.UTF_8);
        started(Map.of());
        Waits.until("the value left by the crash put back", Duration.ofSeconds(10), () -> action.inForce().isEmpty());
        assertEquals(List.of("hop_penalty vBC 7"), ring.sets);
        assertTrue(action.inForce().isEmpty());
    }

    @Test
    void aBadSettingKeepsTheLastGoodOne() throws Exception {
        SteerLinkAction a = started(Map.of(SteeringConfig.HOP_PENALTY, "200"));
        a.modified(Map.of(SteeringConfig.HOP_PENALTY, "999"));
        a.execute(request("inc-10", LINK_BC));
        assertEquals(List.of("hop_penalty vBC 200"), ring.sets);
    }
}
