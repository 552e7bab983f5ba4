package io.x0tta6bl4.batman.internal;

import java.nio.file.Path;
import java.util.Map;

import io.x0tta6bl4.api.healing.ActionRequest;
import io.x0tta6bl4.api.healing.ActionResult;
import io.x0tta6bl4.api.healing.HealingTopics;
import io.x0tta6bl4.api.healing.IncidentKinds;

import org.osgi.service.event.Event;

/**
 * backup-link run by the kernel lab on the real module, with healing's two parts played by the
 * lab: the PARTITION incident that runs it and the INCIDENT_RESOLVED event once nodes are back.
 */
public final class LabBackup implements AutoCloseable {

    private static final String INCIDENT = "lab-partition";

    private final BackupLinkAction action;

    private LabBackup(NetlinkBackend bat0) {
        action = new BackupLinkAction(new LabAdmin(bat0, null), System::currentTimeMillis);
    }

    /** Checks every 250 ms, so the lab measures the mesh and not the check period. */
    public static LabBackup start(NetlinkBackend bat0, Path book, Map<String, Object> config) {
        LabBackup lab = new LabBackup(bat0);
        lab.action.start(book, config, 250);
        return lab;
    }

    public String partition() throws Exception {
        ActionResult r = action.execute(new ActionRequest(INCIDENT, IncidentKinds.PARTITION, "mesh", 1, Map.of()));
        return r.outcome() + " " + r.details();
    }

    public void resolved() {
        action.handleEvent(new Event(HealingTopics.INCIDENT_RESOLVED, Map.of(HealingTopics.INCIDENT, INCIDENT)));
    }

    public boolean inMesh() {
        return action.added() != null;
    }

    public String lastCheck() {
        return action.lastCheck();
    }

    @Override
    public void close() throws InterruptedException {
        action.deactivate();
    }
}
