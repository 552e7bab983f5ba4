package io.x0tta6bl4.batman.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import io.x0tta6bl4.api.healing.ActionRequest;
import io.x0tta6bl4.api.healing.ActionResult;
import io.x0tta6bl4.api.healing.RemediationAction;
import io.x0tta6bl4.api.topology.LinkId;
import io.x0tta6bl4.api.topology.NodeId;
import io.x0tta6bl4.api.topology.TopologyAdmin;
import io.x0tta6bl4.api.topology.provider.NodeObservation;
import io.x0tta6bl4.support.concurrent.NamedThreads;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.event.EventAdmin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code steer-link}: moves batman-adv's traffic off a degraded link of this node. It raises the
 * hop penalty (B.A.T.M.A.N. IV) or lowers the assumed throughput (V) of the hard interface that
 * carries the link, then reads the originator table until the best routes that used the link take
 * another way; when they do not, it puts the value back and fails, so healing tries its next
 * candidate. A verified change is also entered as a penalty in x0tta6bl4's graph, so path queries
 * agree with the kernel and healing's verification sees the link avoided. The value found goes
 * back on rollback, after {@code steer.hold.ms}, and when the bundle stops.
 */
@Component(service = RemediationAction.class, configurationPid = BatmanMeshProvider.PID,
        property = {RemediationAction.NAME + "=" + SteerLinkAction.NAME,
                RemediationAction.KINDS + "=LINK_DEGRADED", RemediationAction.KINDS + "=LINK_ANOMALY",
                RemediationAction.CHANGES + "=" + RemediationAction.CHANGES_MESH})
public class SteerLinkAction implements RemediationAction {

    public static final String NAME = "steer-link";
    public static final String THREAD_NAME = "x0tta6bl4-batman-steer";
    /** Cost factor of the link in x0tta6bl4's graph while batman-adv is steered off it. */
    static final double GRAPH_FACTOR = 10;
    private static final long READ_EVERY_MS = 250;

    private static final Logger LOG = LoggerFactory.getLogger(SteerLinkAction.class);

    private final BatmanAdmin batman;
    private final SteeringConfigReader reader = new SteeringConfigReader(LOG::warn);
    private final LongSupplier clock;
    private volatile SteeringConfig config = SteeringConfig.DEFAULTS;
    private SteeringBook book = new SteeringBook(null, LOG::warn);
    private ScheduledThreadPoolExecutor expiry;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile TopologyAdmin topologyAdmin;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile EventAdmin eventAdmin;

    @Activate
    public SteerLinkAction(@Reference(name = "batman") BatmanAdmin batman) {
        this(batman, System::currentTimeMillis);
    }

    SteerLinkAction(BatmanAdmin batman, LongSupplier clock) {
        this.batman = batman;
        this.clock = clock;
    }

    @Activate
    void activate(BundleContext context, Map<String, Object> properties) {
        start(context == null ? null : context.getDataFile(SteeringBook.FILE).toPath(), properties);
    }

    /**
     * Reads the book a crash may have left; its values are put back on the expiry thread, not on
     * DS's activation thread: no incident asks for them now.
     */
    void start(Path bookFile, Map<String, Object> properties) {
        config = reader.read(properties, SteeringConfig.DEFAULTS);
        book = new SteeringBook(bookFile, LOG::warn);
        List<SteeringBook.Change> left = book.load();
        expiry = NamedThreads.single(THREAD_NAME);
        expiry.execute(() -> left.forEach(c -> LOG.warn(
                "steer-link: {} was still in force from the last run (incident {}); putting it back: {}",
                c.line(), c.incident(), reverted(c, "found after a restart"))));
        expiry.scheduleWithFixedDelay(this::expire, 1, 1, TimeUnit.SECONDS);
    }

    @Modified
    void modified(Map<String, Object> properties) {
        config = reader.read(properties, config);
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        expiry.shutdownNow();
        expiry.awaitTermination(5, TimeUnit.SECONDS);
        // nobody would be left to put them back
        for (SteeringBook.Change c : book.all()) {
            LOG.info("steer-link: stopping, {}", reverted(c, "the bundle stopped"));
        }
    }

    @Override
    public ActionResult execute(ActionRequest r) throws Exception {
        BatmanBackend backend = batman.backend();
        LinkRoutes.Lookup lookup = LinkRoutes.lookup(r.subject(), batman.lastPoll(), backend);
        if (lookup.refusal() != null) {
            return lookup.refusal();
        }
        LinkRoutes routes = lookup.routes();
        LinkId link = lookup.link();
        if (routes.hardifs().isEmpty()) {
            return ActionResult.failed(routes.noDirectRoute(backend.meshInterface()));
        }
        if (routes.affected().isEmpty()) {
            return ActionResult.skipped("batman-adv routes nothing over " + routes.hardifs().values() + " to "
                    + routes.peer() + " now");
        }
        List<SteeringBook.Change> applied = new ArrayList<>();
        try {
            String refused = apply(r, link, routes, backend, applied);
            if (refused != null) {
                restoreAll(applied);
                return ActionResult.failed(refused);
            }
            return verify(link, routes, backend, applied);
        } catch (IOException | RuntimeException | InterruptedException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt(); // cut off by healing's action timeout
            }
            String restored = restoreAll(applied);
            throw new IOException(e.getMessage() + (restored.isEmpty() ? "" : "; " + restored), e);
        }
    }

    /** Changes every hard interface of the link; a reason when one cannot be changed, else null. */
    private String apply(ActionRequest r, LinkId link, LinkRoutes routes, BatmanBackend backend,
                         List<SteeringBook.Change> applied) throws IOException {
        boolean v = backend.mesh().isBatmanV();
        SteeringConfig c = config;
        for (HardInterface h : backend.interfaces()) {
            if (!routes.hardifs().containsKey(h.ifindex())) {
                continue;
            }
            SteeringBook.Change held = book.get(h.name());
            if (held != null) {
                return h.name() + " is already steered (" + held.line() + ", incident " + held.incident() + ")";
            }
            Long found = v ? h.throughputOverride() : h.hopPenalty() == null ? null : h.hopPenalty().longValue();
            if (found == null) {
                return "batman-adv " + backend.mesh().version() + " reports no per-interface "
                        + (v ? SteeringBook.THROUGHPUT_OVERRIDE : SteeringBook.HOP_PENALTY) + " for " + h.name();
            }
            long target = v ? c.throughputOverride() : Math.max(found, c.hopPenalty());
            SteeringBook.Change change = new SteeringBook.Change(h.name(), h.ifindex(),
                    v ? SteeringBook.THROUGHPUT_OVERRIDE : SteeringBook.HOP_PENALTY, found, target, r.incidentId(),
                    link.toString(), clock.getAsLong() + c.holdMs());
            book.put(change); // on disk before the kernel changes
            applied.add(change);
            set(backend, h, change.knob(), target);
        }
        return null;
    }

    private ActionResult verify(LinkId link, LinkRoutes routes, BatmanBackend backend, List<SteeringBook.Change> applied)
            throws IOException, InterruptedException {
        long started = System.nanoTime();
        long limit = config.verifyMs();
        LinkRoutes.Progress p = routes.progress(backend.originators());
        while (!p.steered() && !p.stuck().isEmpty() && elapsedMs(started) < limit) {
            Thread.sleep(READ_EVERY_MS); // batman-adv recomputes routes per OGM; there is nothing to wait on
            p = routes.progress(backend.originators());
        }
        String what = lines(applied);
        if (!p.steered()) {
            String why = p.moved().isEmpty() && p.stuck().isEmpty()
                    ? "batman-adv knows no other route to " + p.alone()
                    : "best routes to " + p.stuck() + " still over the link after " + limit + " ms";
            return ActionResult.failed(what + ": " + why + "; " + restoreAll(applied));
        }
        TopologyAdmin admin = topologyAdmin;
        String graph = "";
        if (admin != null) {
            admin.penalize(link, GRAPH_FACTOR, Duration.ofMillis(config.holdMs()), "batman-adv " + what);
            graph = "; x0tta6bl4's paths avoid it too";
        }
        return ActionResult.succeeded(what + " for " + config.holdMs() / 1000 + " s: best routes to " + p.moved()
                + " moved off the link in " + elapsedMs(started) + " ms"
                + (p.alone().isEmpty() ? "" : " (" + p.alone() + " have no other route)") + graph);
    }

    @Override
    public ActionResult rollback(ActionRequest r) {
        List<SteeringBook.Change> mine = book.ofIncident(r.incidentId());
        if (mine.isEmpty()) {
            return ActionResult.skipped("nothing steered for " + r.incidentId());
        }
        TopologyAdmin admin = topologyAdmin;
        if (admin != null) {
            try {
                admin.clearPenalty(LinkId.parse(r.subject()));
            } catch (IllegalArgumentException e) {
                // not a link: nothing was entered in the graph
            }
        }
        return ActionResult.succeeded(restoreAll(mine));
    }

    /** Puts back the values whose hold has ended; on the expiry thread. */
    void expire() {
        try {
            for (SteeringBook.Change c : book.due(clock.getAsLong())) {
                LOG.info("steer-link: hold of {} ended (incident {}): {}", c.ifname(), c.incident(),
                        reverted(c, "steer.hold.ms ended"));
            }
        } catch (RuntimeException e) {
            // an escaping exception would cancel the schedule silently
            LOG.warn("steer-link: expiry failed: {}", e.toString());
        }
    }

    List<SteeringBook.Change> inForce() {
        return book.all();
    }

    private String restoreAll(List<SteeringBook.Change> changes) {
        List<String> out = new ArrayList<>();
        changes.forEach(c -> out.add(restore(c)));
        return String.join("; ", out);
    }

    /** One line saying what was put back; the record goes either way, as the interface may be gone. */
    /** Puts the value back on the action's own account and tells the incident that ran it. */
    private String reverted(SteeringBook.Change c, String why) {
        String done = restore(c);
        RevertNotice.post(eventAdmin, c.incident(), NAME, done + " (" + why + ")");
        return done;
    }

    private String restore(SteeringBook.Change c) {
        try {
            HardInterface h = new HardInterface(c.ifname(), c.ifindex(), "", true, null, null);
            set(batman.backend(), h, c.knob(), c.found());
            return "restored " + c.restoredLine();
        } catch (IOException | RuntimeException e) {
            return "could not restore " + c.restoredLine() + ": " + e.getMessage();
        } finally {
            book.remove(c);
        }
    }

    private static void set(BatmanBackend backend, HardInterface h, String knob, long value) throws IOException {
        if (knob.equals(SteeringBook.HOP_PENALTY)) {
            backend.setHopPenalty(h, (int) value);
        } else {
            backend.setThroughputOverride(h, value);
        }
    }

    private static Set<String> addresses(List<NodeObservation> nodes, NodeId peer) {
        return nodes.stream().filter(n -> n.id().equals(peer)).findFirst()
                .map(n -> Set.copyOf(n.addresses())).orElse(Set.of());
    }

    private static String lines(List<SteeringBook.Change> changes) {
        return String.join(", ", changes.stream().map(SteeringBook.Change::line).toList());
    }

    private static long elapsedMs(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }
}
