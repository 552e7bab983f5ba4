package io.x0tta6bl4.batman.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

import io.x0tta6bl4.api.event.HealthEvent;
import io.x0tta6bl4.api.event.HealthKinds;
import io.x0tta6bl4.api.event.Severity;
import io.x0tta6bl4.api.healing.ActionRequest;
import io.x0tta6bl4.api.healing.ActionResult;
import io.x0tta6bl4.api.healing.RemediationAction;
import io.x0tta6bl4.support.concurrent.NamedThreads;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.EventAdmin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway uplink watch and {@code demote-gateway}. While this node is a batman-adv gateway
 * ({@code gw_mode server}), its thread probes the uplink every {@code gateway.uplink.interval.ms}
 * and posts {@code GATEWAY_UPLINK_DOWN} (after {@code gateway.uplink.failures} failed rounds)
 * and {@code GATEWAY_UPLINK_UP}, subject this node. Healing's policy answers the first with
 * {@code demote-gateway}: the mode found goes to the data area, then {@code gw_mode off}, so
 * clients select another gateway instead of sending their traffic into a dead uplink. The
 * found mode goes back once the uplink has answered every round for {@code gateway.holddown.ms},
 * so a flapping uplink does not flap the mesh's choice; also after a restart while demoted.
 * A stop keeps the demotion: announcing an uplink nobody watches could be announcing a dead one.
 */
@Component(service = {RemediationAction.class, GatewayUplink.class}, configurationPid = BatmanMeshProvider.PID,
        property = {RemediationAction.NAME + "=" + DemoteGatewayAction.NAME,
                RemediationAction.KINDS + "=" + HealthKinds.GATEWAY_UPLINK_DOWN,
                RemediationAction.CHANGES + "=" + RemediationAction.CHANGES_MESH})
public class DemoteGatewayAction implements RemediationAction, GatewayUplink {

    public static final String NAME = "demote-gateway";
    public static final String THREAD_NAME = "x0tta6bl4-batman-uplink";
    static final String AREA = "batman";

    /** One probe round: the targets through the interface within the deadline. */
    @FunctionalInterface
    interface Prober {
        UplinkProbe.Round run(List<UplinkTarget> targets, String iface, long timeoutMs);
    }

    private static final Logger LOG = LoggerFactory.getLogger(DemoteGatewayAction.class);

    private final BatmanAdmin batman;
    private final Consumer<HealthEvent> events;
    private final LongSupplier clock;
    private final Prober prober;
    private final GatewayConfigReader reader = new GatewayConfigReader(LOG::warn);
    /** Owned by the watch thread; read elsewhere under its lock. */
    private final UplinkState state = new UplinkState();
    private volatile GatewayConfig config = GatewayConfig.DEFAULTS;
    private volatile GatewayBook book = new GatewayBook(null, LOG::warn);
    private volatile ScheduledThreadPoolExecutor thread;
    private ScheduledFuture<?> rounds;
    /** Where a promotion on the action's own account is told to healing (ACTION_REVERTED); null in unit tests. */
    volatile EventAdmin eventAdmin;

    @Activate
    public DemoteGatewayAction(@Reference(name = "batman") BatmanAdmin batman,
                               @Reference(name = "eventAdmin") EventAdmin eventAdmin) {
        this(batman, e -> eventAdmin.postEvent(e.toEvent()), System::currentTimeMillis, UplinkProbe::run);
        this.eventAdmin = eventAdmin;
    }

    DemoteGatewayAction(BatmanAdmin batman, Consumer<HealthEvent> events, LongSupplier clock, Prober prober) {
        this.batman = batman;
        this.events = events;
        this.clock = clock;
        this.prober = prober;
    }

    @Activate
    void activate(BundleContext context, Map<String, Object> properties) {
        start(context == null ? null : context.getDataFile(GatewayBook.FILE).toPath(), properties);
    }

    void start(Path bookFile, Map<String, Object> properties) {
        config = reader.read(properties, GatewayConfig.DEFAULTS);
        book = new GatewayBook(bookFile, LOG::warn);
        GatewayBook.Demotion left = book.load();
        if (left != null) {
            LOG.warn("demote-gateway: this node was demoted by incident {} before the last stop; {} goes back once "
                    + "the uplink has answered for {} ms", left.incident(), left.found().line(), config.holdDownMs());
        }
        thread = NamedThreads.single(THREAD_NAME);
        schedule();
    }

    @Modified
    synchronized void modified(Map<String, Object> properties) {
        GatewayConfig before = config;
        config = reader.read(properties, before);
        if (config.intervalMs() != before.intervalMs()) {
            rounds.cancel(false);
            schedule();
        }
    }

    private synchronized void schedule() {
        long every = config.intervalMs();
        rounds = thread.scheduleWithFixedDelay(this::round, every, every, TimeUnit.MILLISECONDS);
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        thread.shutdownNow();
        thread.awaitTermination(5, TimeUnit.SECONDS);
        GatewayBook.Demotion d = book.get();
        if (d != null) {
            LOG.info("demote-gateway: stopping while demoted (incident {}); the next start puts {} back after the "
                    + "hold-down", d.incident(), d.found().line());
        }
    }

    /** One probe round and what follows from it; on the watch thread. */
    void round() {
        try {
            GatewayConfig c = config;
            MeshPoller.Snapshot poll = batman.lastPoll();
            GatewayBook.Demotion demoted = book.get();
            boolean server = poll != null && poll.mesh() != null && poll.mesh().gateway() != null
                    && poll.mesh().gateway().isServer();
            if (c.targets().isEmpty() || poll == null || poll.round() == null || (!server && demoted == null)) {
                return; // nothing to watch: not a gateway, no targets, or batman-adv not read yet
            }
            UplinkProbe.Round r = prober.run(c.targets(), c.iface(), c.timeoutMs());
            long now = clock.getAsLong();
            UplinkState.Change change;
            long upFor;
            synchronized (state) {
                change = state.round(r.answered(), r.line(), c.failures(), now);
                upFor = state.upForMs(now);
            }
            String self = poll.round().self().value();
            if (change == UplinkState.Change.DOWN) {
                LOG.warn("demote-gateway: uplink down: {}", r.line());
                events.accept(HealthEvent.of(AREA, HealthKinds.GATEWAY_UPLINK_DOWN, self, Severity.WARNING, AREA)
                        .withDetails(c.failures() + " probe rounds failed: " + r.line()));
            } else if (change == UplinkState.Change.UP) {
                LOG.info("demote-gateway: uplink up: {}", r.line());
                events.accept(HealthEvent.of(AREA, HealthKinds.GATEWAY_UPLINK_UP, self, Severity.INFO, AREA)
                        .withDetails(r.line()));
            }
            if (demoted != null && upFor >= c.holdDownMs() && r.answered()) {
                String done = promote(demoted);
                LOG.info("demote-gateway: uplink answered for {} ms (hold-down {} ms): {}", upFor, c.holdDownMs(), done);
                RevertNotice.post(eventAdmin, demoted.incident(), NAME, done + " (the uplink answered for "
                        + upFor + " ms)");
            }
        } catch (RuntimeException e) {
            // an escaping exception would cancel the schedule silently
            LOG.warn("demote-gateway: probe round failed: {}", e.toString());
        }
    }

    @Override
    public synchronized ActionResult execute(ActionRequest r) throws IOException {
        MeshPoller.Snapshot poll = batman.lastPoll();
        if (poll == null || poll.round() == null) {
            return ActionResult.failed("no batman-adv poll yet");
        }
        String self = poll.round().self().value();
        if (!r.subject().equals(self)) {
            return ActionResult.skipped(r.subject() + " is not this node (" + self + ")");
        }
        GatewayBook.Demotion held = book.get();
        if (held != null) {
            return ActionResult.skipped("already demoted from " + held.found().line() + " by incident " + held.incident());
        }
        synchronized (state) {
            if (!state.down()) {
                return ActionResult.skipped("the uplink answers now: " + state.lastLine());
            }
        }
        BatmanBackend backend = batman.backend();
        GatewayMode found = backend.mesh().gateway();
        if (found == null || !found.isServer()) {
            return ActionResult.skipped("not a gateway (gw_mode " + (found == null ? "unknown" : found.line()) + ")");
        }
        book.put(new GatewayBook.Demotion(found, r.incidentId(), clock.getAsLong())); // on disk before the kernel changes
        try {
            backend.setGatewayMode(found.withMode(GatewayMode.OFF));
            GatewayMode now = backend.mesh().gateway();
            if (now == null || !now.mode().equals(GatewayMode.OFF)) {
                return ActionResult.failed("gw_mode still " + (now == null ? "unknown" : now.line())
                        + " after setting off; " + promote(book.get()));
            }
        } catch (IOException | RuntimeException e) {
            throw new IOException(e.getMessage() + "; " + promote(book.get()), e);
        }
        return ActionResult.succeeded("gw_mode " + found.line() + "→off: clients select another gateway; back once the "
                + "uplink has answered for " + config.holdDownMs() / 1000 + " s");
    }

    @Override
    public synchronized ActionResult rollback(ActionRequest r) {
        GatewayBook.Demotion d = book.get();
        if (d == null || !d.incident().equals(r.incidentId())) {
            return ActionResult.skipped("nothing demoted for " + r.incidentId());
        }
        return ActionResult.succeeded(promote(d));
    }

    /** Puts the found mode back and says so; the book keeps it when the kernel refuses. */
    private synchronized String promote(GatewayBook.Demotion d) {
        try {
            BatmanBackend backend = batman.backend();
            backend.setGatewayMode(d.found());
            GatewayMode now = backend.mesh().gateway();
            if (!d.found().equals(now)) {
                return "could not restore gw_mode " + d.found().line() + ": it reads " + (now == null ? "unknown" : now.line());
            }
            book.clear();
            return "restored gw_mode off→" + d.found().line();
        } catch (IOException | RuntimeException e) {
            return "could not restore gw_mode " + d.found().line() + ": " + e.getMessage();
        }
    }

    @Override
    public Status status() {
        GatewayConfig c = config;
        long now = clock.getAsLong();
        GatewayBook.Demotion d = book.get();
        synchronized (state) {
            return new Status(c.targets(), c.iface(), state.down(), state.failedInARow(), state.upForMs(now),
                    state.lastLine(), d == null ? null : d.found(), d == null ? null : d.incident(), c.holdDownMs());
        }
    }
}
