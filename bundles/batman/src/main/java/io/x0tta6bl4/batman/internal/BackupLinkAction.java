package io.x0tta6bl4.batman.internal;

import java.io.IOException;
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
 * {@code backup-link}: while a partition lasts, a standby hard interface named in
 * {@code backup.interface} (a tunnel, a second radio) joins the mesh, so the part of the mesh
 * this node lost can be reached over it. It comes out once the partition incident has
 * resolved, {@code backup.hold.ms} has passed since the add, and every originator routed over
 * it is also reachable through a neighbour heard recently on another interface: the mesh's own
 * links carry again. Taking it out earlier would break the mesh again the moment the backup
 * healed it. A stop leaves it in (removing it could cut the node off); the next start reads
 * the book and takes it out when the mesh no longer needs it.
 */
@Component(service = {RemediationAction.class, EventHandler.class}, configurationPid = BatmanMeshProvider.PID,
        property = {RemediationAction.NAME + "=" + BackupLinkAction.NAME,
                RemediationAction.KINDS + "=" + IncidentKinds.PARTITION,
                RemediationAction.CHANGES + "=" + RemediationAction.CHANGES_MESH,
                EventConstants.EVENT_TOPIC + "=" + HealingTopics.INCIDENT_RESOLVED})
public class BackupLinkAction implements RemediationAction, EventHandler {

    public static final String NAME = "backup-link";
    public static final String THREAD_NAME = "x0tta6bl4-batman-backup";
    private static final long CHECK_EVERY_MS = 2000;

    private static final Logger LOG = LoggerFactory.getLogger(BackupLinkAction.class);

    private final BatmanAdmin batman;
    private final LongSupplier clock;
    private volatile BackupConfig config = BackupConfig.DEFAULTS;
    private volatile BackupBook book = new BackupBook(null, LOG::warn);
    private volatile ScheduledThreadPoolExecutor thread;
    private volatile String lastWait = "";

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile EventAdmin eventAdmin;

    @Activate
    public BackupLinkAction(@Reference(name = "batman") BatmanAdmin batman) {
        this(batman, System::currentTimeMillis);
    }

    BackupLinkAction(BatmanAdmin batman, LongSupplier clock) {
        this.batman = batman;
        this.clock = clock;
    }

    @Activate
    void activate(BundleContext context, Map<String, Object> properties) {
        start(context == null ? null : context.getDataFile(BackupBook.FILE).toPath(), properties, CHECK_EVERY_MS);
    }

    void start(Path bookFile, Map<String, Object> properties, long checkEveryMs) {
        config = BackupConfig.read(properties, BackupConfig.DEFAULTS, LOG::warn);
        book = new BackupBook(bookFile, LOG::warn);
        BackupBook.Added left = book.load();
        if (left != null) {
            LOG.warn("backup-link: {} was added for partition {} before the last stop; it comes out once the mesh's "
                    + "own links carry its routes", left.iface(), left.incident());
        }
        thread = NamedThreads.single(THREAD_NAME);
        thread.scheduleWithFixedDelay(this::check, checkEveryMs, checkEveryMs, TimeUnit.MILLISECONDS);
    }

    @Modified
    void modified(Map<String, Object> properties) {
        config = BackupConfig.read(properties, config, LOG::warn);
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        thread.shutdownNow();
        thread.awaitTermination(5, TimeUnit.SECONDS);
        BackupBook.Added a = book.get();
        if (a != null) {
            LOG.info("backup-link: stopping with {} in the mesh (partition {}); the next start takes it out when the "
                    + "mesh no longer needs it", a.iface(), a.incident());
        }
    }

    @Override
    public synchronized ActionResult execute(ActionRequest r) throws IOException {
        BackupConfig c = config;
        BatmanBackend b = batman.backend();
        if (c.iface().isEmpty()) {
            return ActionResult.skipped("no " + BackupConfig.INTERFACE + " configured");
        }
        BackupBook.Added held = book.get();
        if (held != null) {
            return ActionResult.skipped(held.iface() + " is already in " + b.meshInterface() + " for " + held.incident());
        }
        if (hardInterface(b, c.iface()) != null) {
            return ActionResult.skipped(c.iface() + " is already a hard interface of " + b.meshInterface()
                    + ", not a standby");
        }
        Set<String> known = new HashSet<>();
        b.originators().forEach(o -> known.add(o.address()));
        book.put(new BackupBook.Added(c.iface(), r.incidentId(), clock.getAsLong(), false, known)); // before the kernel
        HardInterface h;
        try {
            b.addInterface(c.iface());
            h = hardInterface(b, c.iface());
        } catch (IOException | RuntimeException e) {
            book.clear();
            throw new IOException("cannot add " + c.iface() + " to " + b.meshInterface() + ": " + e.getMessage(), e);
        }
        if (h == null) {
            book.clear();
            return ActionResult.failed(c.iface() + " is not a hard interface of " + b.meshInterface() + " after adding it");
        }
        return ActionResult.succeeded("added " + c.iface() + " to " + b.meshInterface() + (h.active() ? "" : " (not active yet)")
                + "; out again once the partition has resolved and the mesh's own links carry its routes, not before "
                + c.holdMs() / 1000 + " s");
    }

    @Override
    public synchronized ActionResult rollback(ActionRequest r) {
        BackupBook.Added a = book.get();
        if (a == null || !a.incident().equals(r.incidentId())) {
            return ActionResult.skipped("nothing added for " + r.incidentId());
        }
        return ActionResult.succeeded(remove(a));
    }

    /** healing's INCIDENT_RESOLVED: the partition this interface was added for may be over. */
    @Override
    public void handleEvent(Event event) {
        Object incident = event.getProperty(HealingTopics.INCIDENT);
        if (incident != null && book.resolve(incident.toString())) {
            LOG.info("backup-link: partition {} resolved; {} comes out once the mesh's own links carry its routes",
                    incident, book.get().iface());
        }
    }

    /** Takes the interface out when the mesh no longer needs it; on the check thread. */
    void check() {
        try {
            BackupBook.Added a = book.get();
            if (a == null || !a.resolved() || clock.getAsLong() - a.at() < config.holdMs()) {
                return;
            }
            BatmanBackend b = batman.backend();
            String needed = stillNeeded(b.originators(), b.neighbors(), a.iface(), batman.config().downAfterMs(),
                    a.known());
            if (needed != null) {
                if (!needed.equals(lastWait)) {
                    LOG.info("backup-link: keeping {}: {}", a.iface(), needed);
                    lastWait = needed;
                }
                return;
            }
            synchronized (this) {
                if (book.get() == a) {
                    lastWait = "the mesh's own links carry every route again: " + remove(a);
                    LOG.info("backup-link: {}", lastWait);
                    RevertNotice.post(eventAdmin, a.incident(), NAME, lastWait);
                }
            }
        } catch (IOException | RuntimeException e) {
            // an escaping exception would cancel the schedule silently
            lastWait = "check failed: " + e;
            LOG.warn("backup-link: {}", lastWait);
        }
    }

    /**
     * Null when every known originator whose best route is over the backup has another route
     * through a neighbour heard within {@code freshMs} on another interface; else which one has
     * none. Originators first heard over the backup (its far end's own interface) do not count;
     * with no known set (a book from an older run), all do.
     */
    static String stillNeeded(List<Originator> table, List<Neighbor> neighbours, String backup, long freshMs,
                              Set<String> known) {
        for (Originator best : table) {
            if (!best.best() || !backup.equals(best.hardIfname())
                    || (!known.isEmpty() && !known.contains(best.address()))) {
                continue;
            }
            boolean other = table.stream().anyMatch(o -> o.address().equals(best.address())
                    && !backup.equals(o.hardIfname()) && (o.tq() == null || o.tq() > 0)
                    && neighbours.stream().anyMatch(n -> n.address().equals(o.neighbor())
                            && n.hardIfname().equals(o.hardIfname()) && n.lastSeenMs() <= freshMs));
            if (!other) {
                return best.address() + " is reached only over " + backup;
            }
        }
        return null;
    }

    private String remove(BackupBook.Added a) {
        BatmanBackend b = batman.backend();
        try {
            b.removeInterface(a.iface());
            book.clear();
            return "removed " + a.iface() + " from " + b.meshInterface();
        } catch (IOException | RuntimeException e) {
            try {
                if (hardInterface(b, a.iface()) == null) {
                    book.clear(); // gone with its device: nothing left to take out
                    return a.iface() + " is no longer in " + b.meshInterface();
                }
            } catch (IOException | RuntimeException ignored) {
                // the first error says it
            }
            return "could not remove " + a.iface() + " from " + b.meshInterface() + ": " + e.getMessage();
        }
    }

    private static HardInterface hardInterface(BatmanBackend b, String name) throws IOException {
        return b.interfaces().stream().filter(h -> h.name().equals(name)).findFirst().orElse(null);
    }

    /** What the last check decided, once it was past the hold. */
    String lastCheck() {
        return lastWait;
    }

    /** The interface in the mesh for a partition, or null. */
    BackupBook.Added added() {
        return book.get();
    }
}
