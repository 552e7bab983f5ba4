package io.x0tta6bl4.batman.internal;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import io.x0tta6bl4.api.event.HealthEvent;
import io.x0tta6bl4.api.event.HealthKinds;
import io.x0tta6bl4.api.healing.ActionRequest;
import io.x0tta6bl4.api.healing.ActionResult;

/**
 * The uplink watch and demote-gateway run by the kernel lab on the real module, with the one
 * step of healing that matters here: GATEWAY_UPLINK_DOWN runs demote-gateway on a worker
 * thread, as the default policy does. Records when each thing happened.
 */
public final class LabGateway implements AutoCloseable {

    private final DemoteGatewayAction action;
    private final ExecutorService healing = Executors.newSingleThreadExecutor();
    private final List<String> events = new CopyOnWriteArrayList<>();
    private volatile long downAtNanos;
    private volatile long demotedAtNanos;
    private volatile long upAtNanos;
    private volatile String demotion = "not run";

    private LabGateway(NetlinkBackend bat0) {
        action = new DemoteGatewayAction(new LabAdmin(bat0, null), this::onEvent, System::currentTimeMillis,
                UplinkProbe::run);
    }

    public static LabGateway start(NetlinkBackend bat0, Path book, Map<String, Object> config) {
        LabGateway lab = new LabGateway(bat0);
        lab.action.start(book, config);
        return lab;
    }

    private void onEvent(HealthEvent e) {
        events.add(e.kind() + " " + e.subject() + ": " + e.details());
        if (e.kind().equals(HealthKinds.GATEWAY_UPLINK_DOWN)) {
            downAtNanos = System.nanoTime();
            healing.execute(() -> {
                try {
                    ActionResult r = action.execute(new ActionRequest("lab-gw", e.kind(), e.subject(), 1, Map.of()));
                    demotion = r.outcome() + " " + r.details();
                } catch (Exception x) {
                    demotion = "threw " + x;
                }
                demotedAtNanos = System.nanoTime();
            });
        } else if (e.kind().equals(HealthKinds.GATEWAY_UPLINK_UP)) {
            upAtNanos = System.nanoTime();
        }
    }

    /** Whether a round has answered since the start: the watch is looking at a live uplink. */
    public boolean answering() {
        GatewayUplink.Status s = action.status();
        return !s.down() && s.upForMs() > 0;
    }

    /** Whether demote-gateway holds a demotion. */
    public boolean demoted() {
        return action.status().demotedFrom() != null;
    }

    public long downAtNanos() {
        return downAtNanos;
    }

    public long demotedAtNanos() {
        return demotedAtNanos;
    }

    public long upAtNanos() {
        return upAtNanos;
    }

    public String demotion() {
        return demotion;
    }

    public List<String> events() {
        return List.copyOf(events);
    }

    @Override
    public void close() throws InterruptedException {
        action.deactivate();
        healing.shutdownNow();
        healing.awaitTermination(5, TimeUnit.SECONDS);
    }
}
