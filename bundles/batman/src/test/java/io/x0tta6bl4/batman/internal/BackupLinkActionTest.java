package io.x0tta6bl4.batman.internal;

import static io.x0tta6bl4.batman.internal.RingTables.A;
import static io.x0tta6bl4.batman.internal.RingTables.C;
import static io.x0tta6bl4.batman.internal.RingTables.D;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import io.x0tta6bl4.api.healing.ActionRequest;
import io.x0tta6bl4.api.healing.ActionResult;
import io.x0tta6bl4.api.healing.HealingTopics;
import io.x0tta6bl4.api.healing.IncidentKinds;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.service.event.Event;

/**
 * backup-link on B of the ring (RingTables) with standby vBX; checks are driven by the test (the
 * action's own check runs once a minute here). The kernel lab adds and removes a real one.
 */
class BackupLinkActionTest {

    private static final Map<String, Object> CONFIG = Map.of(BackupConfig.INTERFACE, "vBX", BackupConfig.HOLD_MS, "30000");
    /** During the partition: D only over the backup. */
    private static final List<Originator> OVER_BACKUP = List.of(
            new Originator(A, A, "vBA", 2, 300, 255, null, true),
            new Originator(D, "02:00:00:00:04:09", "vBX", 9, 300, 240, null, true));
    /** Healed: D over the backup still, and over C again. */
    private static final List<Originator> HEALED = List.of(
            new Originator(A, A, "vBA", 2, 300, 255, null, true),
            new Originator(D, "02:00:00:00:04:09", "vBX", 9, 300, 240, null, true),
            new Originator(D, C, "vBC", 3, 300, 200, null, false));

    @TempDir
    Path data;

    private final RingTables ring = new RingTables();
    private final AtomicLong now = new AtomicLong(1_000_000);
    private BackupLinkAction action;

    private BackupLinkAction started(Map<String, Object> config) {
        action = new BackupLinkAction(ring, now::get);
        action.start(data.resolve(BackupBook.FILE), config, 60_000);
        return action;
    }

    @AfterEach
    void stop() throws Exception {
        if (action != null) {
            action.deactivate();
        }
    }

    private static ActionRequest partition(String incident) {
        return new ActionRequest(incident, IncidentKinds.PARTITION, "mesh", 1, Map.of());
    }

    private static Event resolved(String incident) {
        return new Event(HealingTopics.INCIDENT_RESOLVED, Map.of(HealingTopics.INCIDENT, incident));
    }

    @Test
    void withoutAStandbyInterfaceNothingHappens() throws Exception {
        ActionResult r = started(Map.of()).execute(partition("inc-1"));
        assertEquals(ActionResult.Outcome.SKIPPED, r.outcome());
        assertEquals("no backup.interface configured", r.details());
        assertTrue(ring.sets.isEmpty());
    }

    @Test
    void theStandbyJoinsWithItsBookOnDiskAndOnlyOnce() throws Exception {
        started(CONFIG);
        ActionResult r = action.execute(partition("inc-1"));
        assertEquals(ActionResult.Outcome.SUCCEEDED, r.outcome(), r.details());
        assertEquals("added vBX to bat0; out again once the partition has resolved and the mesh's own links carry its "
                + "routes, not before 30 s", r.details());
        assertEquals(List.of("add vBX"), ring.sets);
        BackupBook.Added onDisk = new BackupBook(data.resolve(BackupBook.FILE), m -> { }).load();
        assertEquals("inc-1", onDisk.incident());
        assertEquals(Set.of(A, C, D), onDisk.known(), "the originators known before the add");
        ActionResult again = action.execute(partition("inc-2"));
        assertEquals("vBX is already in bat0 for inc-1", again.details());
    }

    @Test
    void itStaysUntilResolvedPastTheHoldAndCarriedByTheMeshsOwnLinks() throws Exception {
        started(CONFIG);
        action.execute(partition("inc-1"));
        ring.routes = OVER_BACKUP;
        now.addAndGet(60_000);
        action.check();
        assertEquals(List.of("add vBX"), ring.sets, "the partition is still open");

        action.handleEvent(resolved("inc-other"));
        action.handleEvent(resolved("inc-1"));
        action.check();
        assertEquals(List.of("add vBX"), ring.sets, "resolved, but D is reached only over vBX");

        ring.routes = HEALED;
        ring.neighbours.replaceAll(n -> n.address().equals(C) ? new Neighbor(C, "vBC", 3, 9_000, null) : n);
        action.check();
        assertEquals(List.of("add vBX"), ring.sets, "C not heard for 9 s: its route is not a way");

        ring.neighbours.replaceAll(n -> n.address().equals(C) ? new Neighbor(C, "vBC", 3, 300, null) : n);
        action.check();
        assertEquals(List.of("add vBX", "remove vBX"), ring.sets);
        assertNull(action.added());
        assertFalse(Files.exists(data.resolve(BackupBook.FILE)));
    }

    @Test
    void notBeforeTheHoldEvenWhenHealed() throws Exception {
        started(CONFIG);
        action.execute(partition("inc-1"));
        ring.routes = HEALED;
        action.handleEvent(resolved("inc-1"));
        now.addAndGet(29_000);
        action.check();
        assertEquals(List.of("add vBX"), ring.sets);
        now.addAndGet(1_000);
        action.check();
        assertEquals(List.of("add vBX", "remove vBX"), ring.sets);
    }

    @Test
    void rollbackTakesItOutAtOnce() throws Exception {
        started(CONFIG);
        action.execute(partition("inc-1"));
        assertEquals(ActionResult.Outcome.SKIPPED, action.rollback(partition("inc-9")).outcome());
        assertEquals("removed vBX from bat0", action.rollback(partition("inc-1")).details());
        assertTrue(ring.added.isEmpty());
    }

    @Test
    void anEntryFromAnEarlierRunComesOutWhenTheMeshCarries() throws Exception {
        started(CONFIG);
        action.execute(partition("inc-1"));
        action.deactivate();
        assertEquals(List.of("vBX"), ring.added, "a stop leaves it in");

        started(CONFIG); // nobody will resolve inc-1 for this run
        ring.routes = HEALED;
        now.addAndGet(30_000);
        action.check();
        assertTrue(ring.added.isEmpty(), ring.sets.toString());
    }

    @Test
    void anInterfaceAlreadyInTheMeshIsNotAStandby() throws Exception {
        ActionResult r = started(Map.of(BackupConfig.INTERFACE, "vBC")).execute(partition("inc-1"));
        assertEquals(ActionResult.Outcome.SKIPPED, r.outcome());
        assertEquals("vBC is already a hard interface of bat0, not a standby", r.details());
    }

    @Test
    void aRouteOverAnotherInterfaceCountsOnlyThroughAFreshNeighbourWithTq() {
        List<Neighbor> fresh = List.of(new Neighbor(C, "vBC", 3, 300, null));
        assertNull(BackupLinkAction.stillNeeded(HEALED, fresh, "vBX", 5000, Set.of()));
        assertEquals(D + " is reached only over vBX", BackupLinkAction.stillNeeded(OVER_BACKUP, fresh, "vBX", 5000, Set.of()));
        List<Originator> zeroTq = List.of(HEALED.get(1), new Originator(D, C, "vBC", 3, 300, 0, null, false));
        assertEquals(D + " is reached only over vBX", BackupLinkAction.stillNeeded(zeroTq, fresh, "vBX", 5000, Set.of()));
        List<Originator> farEnd = List.of(new Originator("02:00:00:00:04:09", "02:00:00:00:04:09", "vBX", 9, 300, 200,
                null, true));
        assertNull(BackupLinkAction.stillNeeded(farEnd, fresh, "vBX", 5000, Set.of(A, C, D)),
                "the backup's own far end was not part of the mesh before");
        assertNull(BackupLinkAction.stillNeeded(RingTables.OVER_BC, fresh, "vBX", 5000, Set.of()), "nothing over the backup");
    }
}
