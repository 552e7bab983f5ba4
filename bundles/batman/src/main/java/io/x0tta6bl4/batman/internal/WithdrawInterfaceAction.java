package io.x0tta6bl4.batman.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import io.x0tta6bl4.api.healing.ActionRequest;
import io.x0tta6bl4.api.healing.ActionResult;
import io.x0tta6bl4.api.healing.HealingTopics;
import io.x0tta6bl4.api.healing.IncidentKinds;
import io.x0tta6bl4.api.healing.RemediationAction;
import io.x0tta6bl4.support.concurrent.NamedThreads;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code withdraw-interface}: takes the hard interface of a flapping link out of the mesh while
 * healing damps it, so batman-adv's routes stay on the other paths instead of following the
 * link up and down. Only when that is safe: not the primary interface (its MAC is this node's
 * originator address, so the node would come back as another), not an interface shared with
 * other neighbours, not the last one, and never while an originator is reached only over it
 * (a link up half the time beats none). It goes back when the FLAPPING incident resolves (the
 * damping released), on rollback, and after {@code withdraw.max.ms} at the latest. A stop
 * leaves it out, as the flapping may go on; the next start reads the book and goes on waiting.
 */
@Component(service = {RemediationAction.class, EventHandler.class}, configurationPid = BatmanMeshProvider.PID,
        property = {RemediationAction.NAME + "=" + WithdrawInterfaceAction.NAME,
                RemediationAction.KINDS + "=" + IncidentKinds.FLAPPING,
                RemediationAction.CHANGES + "=" + RemediationAction.CHANGES_MESH,
                EventConstants.EVENT_TOPIC + "=" + HealingTopics.INCIDENT_RESOLVED})
public class WithdrawInterfaceAction implements RemediationAction, EventHandler {

    public static final String NAME = "withdraw-interface";
    public static final String THREAD_NAME = "x0tta6bl4-batman-withdraw";
    private static final long CHECK_EVERY_MS = 5000;

    private static final Logger LOG = LoggerFactory.getLogger(WithdrawInterfaceAction.class);

    private final BatmanAdmin batman;
    private final LongSupplier clock;
    private volatile WithdrawConfig config = WithdrawConfig.DEFAULTS;
    private volatile WithdrawBook book = new WithdrawBook(null, LOG::warn);
    private volatile ScheduledThreadPoolExecutor thread;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile EventAdmin eventAdmin;

    @Activate
    public WithdrawInterfaceAction(@Reference(name = "batman") BatmanAdmin batman) {
        this(batman, System::currentTimeMillis);
    }

    WithdrawInterfaceAction(BatmanAdmin batman, LongSupplier clock) {
        this.batman = batman;
        this.clock = clock;
    }

    @Activate
    void activate(BundleContext context, Map<String, Object> properties) {
        start(context == null ? null : context.getDataFile(WithdrawBook.FILE).toPath(), properties, CHECK_EVERY_MS);
    }

    void start(Path bookFile, Map<String, Object> properties, long checkEveryMs) {
        config = WithdrawConfig.read(properties, WithdrawConfig.DEFAULTS, LOG::warn);
        book = new WithdrawBook(bookFile, LOG::warn);
        for (WithdrawBook.Withdrawn w : book.load()) {
            LOG.warn("withdraw-interface: {} was taken out of the mesh for incident {} before the last stop; it goes "
                    + "back when that incident resolves, at the latest {} s after it was taken out", w.iface(),
                    w.incident(), config.maxMs() / 1000);
        }
        thread = NamedThreads.single(THREAD_NAME);
        thread.scheduleWithFixedDelay(this::expire, checkEveryMs, checkEveryMs, TimeUnit.MILLISECONDS);
    }

    @Modified
    void modified(Map<String, Object> properties) {
        config = WithdrawConfig.read(properties, config, LOG::warn);
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        thread.shutdownNow();
        thread.awaitTermination(5, TimeUnit.SECONDS);
        for (WithdrawBook.Withdrawn w : book.all()) {
            LOG.info("withdraw-interface: stopping with {} out of the mesh (incident {}); the next start puts it back",
                    w.iface(), w.incident());
        }
    }

    @Override
    public synchronized ActionResult execute(ActionRequest r) throws IOException {
        BatmanBackend b = batman.backend();
        MeshPoller.Snapshot poll = batman.lastPoll();
        LinkRoutes.Lookup lookup = LinkRoutes.lookup(r.subject(), poll, b);
        if (lookup.refusal() != null) {
            return lookup.refusal();
        }
        LinkRoutes routes = lookup.routes();
        if (routes.hardifs().size() > 1) {
            return ActionResult.skipped(routes.peer() + " is reached directly over " + routes.hardifs().values()
                    + ": which of them flaps is not known");
        }
        // batman-adv drops the routes of an interface that is down at the moment: the poller knows
        // which interface the link was heard over, and lost it with
        String iface = routes.hardifs().isEmpty() ? poll.linkInterfaces().get(routes.peer())
                : routes.hardifs().values().iterator().next();
        if (iface == null) {
            return ActionResult.failed(routes.noDirectRoute(b.meshInterface())
                    + ", and no link to it was heard over one in the last minute");
        }
        List<String> others = b.neighbors().stream().filter(n -> n.hardIfname().equals(iface)
                && !routes.neighbours().contains(n.address())).map(Neighbor::address).toList();
        if (!others.isEmpty()) {
            return ActionResult.skipped(iface + " also carries " + others
                    + ": a change to the hard interface would take it from them too");
        }
        List<HardInterface> hards = b.interfaces();
        HardInterface h = hards.stream().filter(x -> x.name().equals(iface)).findFirst().orElse(null);
        if (h == null) {
            return ActionResult.skipped(iface + " is no longer a hard interface of " + b.meshInterface());
        }
        String unsafe = unsafe(h, hards, b, routes);
        if (unsafe != null) {
            return ActionResult.skipped("keeping " + iface + " in " + b.meshInterface() + ": " + unsafe);
        }
        book.put(new WithdrawBook.Withdrawn(iface, r.incidentId(), clock.getAsLong(), lookup.link().toString()));
        try {
            b.removeInterface(iface);
        } catch (IOException | RuntimeException e) {
            book.remove(iface);
            throw new IOException("cannot take " + iface + " out of " + b.meshInterface() + ": " + e.getMessage(), e);
        }
        if (b.interfaces().stream().anyMatch(x -> x.name().equals(iface))) {
            book.remove(iface);
            return ActionResult.failed(iface + " is still a hard interface of " + b.meshInterface() + " after removing it");
        }
        return ActionResult.succeeded("took " + iface + " out of " + b.meshInterface() + " while " + lookup.link()
                + " flaps; back when incident " + r.incidentId() + " resolves (its damping released), at the latest in "
                + config.maxMs() / 1000 + " s");
    }

    /** Why taking the interface out is not safe now, or null. */
    private String unsafe(HardInterface h, List<HardInterface> hards, BatmanBackend b, LinkRoutes routes)
            throws IOException {
        MeshInfo mesh = b.mesh();
        String primary = mesh.primaryAddress() != null ? mesh.primaryAddress() : mesh.address();
        if (h.address() != null && h.address().equalsIgnoreCase(primary)) {
            return "it is the primary interface (its MAC " + primary + " is this node's originator address)";
        }
        if (hards.stream().noneMatch(x -> x != h && x.active())) {
            return "it is the last active hard interface";
        }
        List<Originator> table = b.originators();
        // the peer's secondary interfaces are originators of their own, heard only over the link itself
        Set<String> count = new HashSet<>();
        for (Originator o : table) {
            if (!routes.neighbours().contains(o.address()) || routes.peer().value().equals(o.address())) {
                count.add(o.address());
            }
        }
        return count.isEmpty() ? null
                : BackupLinkAction.stillNeeded(table, b.neighbors(), h.name(), batman.config().downAfterMs(), count);
    }

    @Override
    public synchronized ActionResult rollback(ActionRequest r) {
        List<WithdrawBook.Withdrawn> mine = book.ofIncident(r.incidentId());
        if (mine.isEmpty()) {
            return ActionResult.skipped("nothing taken out for " + r.incidentId());
        }
        StringBuilder out = new StringBuilder();
        mine.forEach(w -> out.append(out.length() == 0 ? "" : "; ").append(putBack(w)));
        return ActionResult.succeeded(out.toString());
    }

    /** healing's INCIDENT_RESOLVED: the damping of a link whose interface is out may be released. */
    @Override
    public void handleEvent(Event event) {
        Object incident = event.getProperty(HealingTopics.INCIDENT);
        ScheduledThreadPoolExecutor t = thread;
        if (incident == null || t == null || book.ofIncident(incident.toString()).isEmpty()) {
            return;
        }
        // not on EventAdmin's thread: adding a hard interface is a netlink round trip
        t.execute(() -> book.ofIncident(incident.toString()).forEach(w -> LOG.info(
                "withdraw-interface: incident {} resolved; {}", incident, putBackLocked(w, "the incident resolved"))));
    }

    /** Puts back what is out for longer than withdraw.max.ms; on the check thread. */
    void expire() {
        try {
            long now = clock.getAsLong();
            for (WithdrawBook.Withdrawn w : book.all()) {
                if (now - w.at() >= config.maxMs()) {
                    LOG.info("withdraw-interface: {} out for {} s ({}), the most {} allows; {}", w.iface(),
                            (now - w.at()) / 1000, w.link(), WithdrawConfig.MAX_MS,
                            putBackLocked(w, WithdrawConfig.MAX_MS + " passed"));
                }
            }
        } catch (RuntimeException e) {
            // an escaping exception would cancel the schedule silently
            LOG.warn("withdraw-interface: check failed: {}", e.toString());
        }
    }

    /** Puts it back on the action's own account and tells the incident that took it out. */
    private synchronized String putBackLocked(WithdrawBook.Withdrawn w, String why) {
        if (book.get(w.iface()) != w) {
            return w.iface() + " is back already";
        }
        String done = putBack(w);
        RevertNotice.post(eventAdmin, w.incident(), NAME, done + " (" + why + ")");
        return done;
    }

    private String putBack(WithdrawBook.Withdrawn w) {
        BatmanBackend b = batman.backend();
        try {
            b.addInterface(w.iface());
            book.remove(w.iface());
            return "put " + w.iface() + " back into " + b.meshInterface();
        } catch (IOException | RuntimeException e) {
            if (!Files.exists(Path.of("/sys/class/net", w.iface()))) {
                book.remove(w.iface()); // gone with its device: nothing left to put back
                return w.iface() + " no longer exists";
            }
            return "could not put " + w.iface() + " back into " + b.meshInterface() + " (will retry): " + e.getMessage();
        }
    }

    /** The interfaces out of the mesh now. */
    List<WithdrawBook.Withdrawn> withdrawn() {
        return book.all();
    }
}
