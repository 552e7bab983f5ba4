package io.x0tta6bl4.batman.internal;

import static io.x0tta6bl4.batman.internal.RingTables.A;
import static io.x0tta6bl4.batman.internal.RingTables.B;
import static io.x0tta6bl4.batman.internal.RingTables.C;
import static io.x0tta6bl4.batman.internal.RingTables.LINK_BC;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.x0tta6bl4.api.healing.ActionRequest;
import io.x0tta6bl4.api.healing.ActionResult;
import io.x0tta6bl4.api.healing.HealingTopics;
import io.x0tta6bl4.api.healing.IncidentKinds;
import io.x0tta6bl4.support.testing.Waits;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.service.event.Event;

/**
 * withdraw-interface on B of the ring (RingTables): B-C flaps. The action's own expiry check
 * runs once a minute here and is driven by the test; the kernel lab takes a real one out.
 */
class WithdrawInterfaceActionTest {

    @TempDir
    Path data;

    private final RingTables ring = new RingTables();
    private final AtomicLong now = new AtomicLong(1_000_000);
    private WithdrawInterfaceAction action;

    private WithdrawInterfaceAction started(Map<String, Object> config) {
        action = new WithdrawInterfaceAction(ring, now::get);
        action.start(data.resolve(WithdrawBook.FILE), config, 60_000);
        return action;
    }

    @AfterEach
    void stop() throws Exception {
        if (action != null) {
            action.deactivate();
        }
    }

    private static ActionRequest flapping(String incident, String subject) {
        return new ActionRequest(incident, IncidentKinds.FLAPPING, subject, 1, Map.of());
    }

    private static Event resolved(String incident) {
        return new Event(HealingTopics.INCIDENT_RESOLVED, Map.of(HealingTopics.INCIDENT, incident));
    }

    private boolean inMesh(String iface) {
        return ring.interfaces().stream().anyMatch(h -> h.name().equals(iface));
    }

    @Test
    void theFlappingLinksInterfaceComesOutAndGoesBackWhenTheDampingIsReleased() throws Exception {
        io.x0tta6bl4.support.testing.RecordingEventAdmin events = new io.x0tta6bl4.support.testing.RecordingEventAdmin();
        ActionResult r = started(Map.of()).execute(flapping("inc-1", LINK_BC));
        action.eventAdmin = events;
        assertEquals(ActionResult.Outcome.SUCCEEDED, r.outcome(), r.details());
        assertTrue(r.details().startsWith("took vBC out of bat0 while " + LINK_BC + " flaps"), r.details());
        assertEquals(List.of("remove vBC"), ring.sets);
        assertTrue(Files.readString(data.resolve(WithdrawBook.FILE)).contains("vBC.incident=inc-1"));

        action.handleEvent(resolved("inc-other"));
        action.handleEvent(resolved("inc-1"));
        Waits.until("vBC back in bat0", Duration.ofSeconds(10), () -> inMesh("vBC"));
        assertEquals(List.of("remove vBC", "add vBC"), ring.sets);
        assertTrue(action.withdrawn().isEmpty());
        Waits.until("the revert told to healing", Duration.ofSeconds(10), () -> !events.posted.isEmpty());
        assertEquals("inc-1", events.posted.get(0).getProperty(HealingTopics.INCIDENT));
        assertEquals("put vBC back into bat0 (the incident resolved)", events.posted.get(0).getProperty("details"));
        assertTrue(Files.readString(data.resolve(WithdrawBook.FILE)).isBlank()
                || !Files.readString(data.resolve(WithdrawBook.FILE)).contains("vBC"));
    }

    @Test
    void anInterfaceDownRightNowIsFoundFromTheLinksItLostCarrierWith() throws Exception {
        // B's own end is down: batman-adv dropped every route over vBC and its neighbour on it
        ring.routes = RingTables.ROUND_BY_A.stream().filter(o -> !o.hardIfname().equals("vBC")).toList();
        ring.neighbours.removeIf(n -> n.hardIfname().equals("vBC"));
        ActionResult unknown = started(Map.of()).execute(flapping("inc-1", LINK_BC));
        assertEquals(ActionResult.Outcome.FAILED, unknown.outcome());
        assertEquals("no hard interface of bat0 reaches " + C + " directly, and no link to it was heard over one in "
                + "the last minute", unknown.details());
        ring.linkInterfaces = Map.of(io.x0tta6bl4.api.topology.NodeId.of(C), "vBC");
        ActionResult r = action.execute(flapping("inc-1", LINK_BC));
        assertEquals(ActionResult.Outcome.SUCCEEDED, r.outcome(), r.details());
        assertEquals(List.of("remove vBC"), ring.sets);
    }

    @Test
    void aLinkThatIsSomeOriginatorsOnlyWayStaysIn() throws Exception {
        ring.routes = RingTables.LINE;
        ActionResult r = started(Map.of()).execute(flapping("inc-1", LINK_BC));
        assertEquals(ActionResult.Outcome.SKIPPED, r.outcome());
        assertEquals("keeping vBC in bat0: " + C + " is reached only over vBC", r.details());
        assertTrue(ring.sets.isEmpty());
    }

    @Test
    void thePrimaryInterfaceStaysIn() throws Exception {
        ActionResult r = started(Map.of()).execute(flapping("inc-1", B + "->" + A));
        assertEquals(ActionResult.Outcome.SKIPPED, r.outcome());
        assertEquals("keeping vBA in bat0: it is the primary interface (its MAC " + B
                + " is this node's originator address)", r.details());
        assertTrue(ring.sets.isEmpty());
    }

    @Test
    void aFlappingNodeHasNoInterfaceToTakeOut() throws Exception {
        ActionResult r = started(Map.of()).execute(flapping("inc-1", C));
        assertEquals(ActionResult.Outcome.SKIPPED, r.outcome());
        assertEquals("not a link: " + C, r.details());
    }

    @Test
    void anInterfaceSharedWithOtherNeighboursStaysIn() throws Exception {
        ring.neighbours.add(new Neighbor("02:00:00:00:09:09", "vBC", 3, 300, null));
        ActionResult r = started(Map.of()).execute(flapping("inc-1", LINK_BC));
        assertEquals(ActionResult.Outcome.SKIPPED, r.outcome());
        assertTrue(r.details().contains("also carries [02:00:00:00:09:09]"), r.details());
        assertTrue(ring.sets.isEmpty());
    }

    @Test
    void itGoesBackAfterWithdrawMaxMsWithoutHealingAndOnRollback() throws Exception {
        started(Map.of(WithdrawConfig.MAX_MS, "600000")).execute(flapping("inc-1", LINK_BC));
        now.addAndGet(599_000);
        action.expire();
        assertTrue(!inMesh("vBC"), "not yet");
        now.addAndGet(1000);
        action.expire();
        assertTrue(inMesh("vBC"), "out for withdraw.max.ms");

        action.execute(flapping("inc-2", LINK_BC));
        assertTrue(!inMesh("vBC"));
        assertEquals(ActionResult.Outcome.SKIPPED, action.rollback(flapping("inc-3", LINK_BC)).outcome());
        ActionResult back = action.rollback(flapping("inc-2", LINK_BC));
        assertEquals("put vBC back into bat0", back.details(), "a rollback healing asked for is recorded by healing");
        assertTrue(inMesh("vBC"));
    }

    @Test
    void aRestartGoesOnWaitingForTheIncidentOfTheInterfaceItFindsOut() throws Exception {
        started(Map.of()).execute(flapping("inc-1", LINK_BC));
        action.deactivate();
        assertTrue(!inMesh("vBC"), "a stop leaves it out");

        started(Map.of());
        assertEquals(List.of("vBC"), action.withdrawn().stream().map(WithdrawBook.Withdrawn::iface).toList());
        action.handleEvent(resolved("inc-1"));
        Waits.until("vBC back in bat0", Duration.ofSeconds(10), () -> inMesh("vBC"));
    }

    @Test
    void aBadMaximumKeepsTheLastGoodOne() {
        assertEquals(3_600_000, WithdrawConfig.read(Map.of(WithdrawConfig.MAX_MS, "soon"), WithdrawConfig.DEFAULTS,
                w -> { }).maxMs());
        assertEquals(120_000, WithdrawConfig.read(Map.of(WithdrawConfig.MAX_MS, "-1"), new WithdrawConfig(120_000),
                w -> { }).maxMs());
    }
}
