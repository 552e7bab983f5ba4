package io.x0tta6bl4.batman.internal;

import java.nio.file.Path;
import java.util.Map;

import io.x0tta6bl4.api.healing.ActionRequest;
import io.x0tta6bl4.api.healing.ActionResult;
import io.x0tta6bl4.api.healing.HealingTopics;
import io.x0tta6bl4.api.healing.IncidentKinds;
import io.x0tta6bl4.batman.internal.alfred.MeshGraph;

import org.osgi.service.event.Event;

/**
 * withdraw-interface run by the kernel lab on the real module, with healing's two parts played
 * by the lab: the damped FLAPPING incident that runs it and the INCIDENT_RESOLVED of its release.
 * The damping itself is healing's (EngineTest, HealingIT).
 */
public final class LabWithdraw implements AutoCloseable {

    private static final String INCIDENT = "lab-flapping";

    private final WithdrawInterfaceAction action;

    private LabWithdraw(NetlinkBackend bat0, MeshGraph graph) {
        action = new WithdrawInterfaceAction(new LabAdmin(bat0, graph), System::currentTimeMillis);
    }

    public static LabWithdraw start(NetlinkBackend bat0, MeshGraph graph, Path book) {
        LabWithdraw lab = new LabWithdraw(bat0, graph);
        lab.action.start(book, Map.of(), 60_000);
        return lab;
    }

    public String flapping(String link) throws Exception {
        ActionResult r = action.execute(new ActionRequest(INCIDENT, IncidentKinds.FLAPPING, link, 1, Map.of()));
        return r.outcome() + " " + r.details();
    }

    /** The release; the action puts the interface back on its own thread. */
    public void resolved() {
        action.handleEvent(new Event(HealingTopics.INCIDENT_RESOLVED, Map.of(HealingTopics.INCIDENT, INCIDENT)));
    }

    public boolean out() {
        return !action.withdrawn().isEmpty();
    }

    @Override
    public void close() throws InterruptedException {
        action.deactivate();
    }
}
