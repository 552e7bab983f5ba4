package io.x0tta6bl4.batman.internal;

import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.x0tta6bl4.api.event.HealthEvent;
import io.x0tta6bl4.api.topology.provider.MeshProvider;
import io.x0tta6bl4.api.topology.provider.TopologyProviderService;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The batman-adv mesh provider: polls the mesh interface on one thread and reports each
 * round to the topology service, with health events for silent originators and degraded
 * one-hop links. Everything that touches the kernel runs on the poller thread.
 */
@Component(
        immediate = true,
        configurationPid = BatmanMeshProvider.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL,
        service = {MeshProvider.class, BatmanAdmin.class},
        property = MeshProvider.ID_PROPERTY + "=" + MeshPoller.PROVIDER_ID)
@Designate(ocd = BatmanConfiguration.class)
public class BatmanMeshProvider implements MeshProvider, BatmanAdmin {

    public static final String PID = "io.x0tta6bl4.batman";
    public static final String THREAD_NAME = "x0tta6bl4-batman-poller";

    private static final Logger LOG = LoggerFactory.getLogger(BatmanMeshProvider.class);
    private static final long SHUTDOWN_WAIT_MS = 5_000;

    private final TopologyProviderService topology;
    private final EventAdmin eventAdmin;
    private final BatmanConfigReader reader = new BatmanConfigReader(LOG::warn);
    private final MeshPoller poller;
    private final AtomicLong polls = new AtomicLong();

    private volatile BatmanConfig config;
    private volatile BatmanBackend backend;

    // Guarded by this.
    private ScheduledThreadPoolExecutor executor;
    private ScheduledFuture<?> schedule;

    @Activate
    public BatmanMeshProvider(@Reference(name = "topology") TopologyProviderService topology,
                              @Reference(name = "eventAdmin") EventAdmin eventAdmin, Map<String, Object> properties) {
        this.topology = topology;
        this.eventAdmin = eventAdmin;
        this.config = reader.read(properties, BatmanConfig.DEFAULTS);
        this.backend = config.newBackend();
        this.poller = new MeshPoller(topology, this::post, LOG::warn, Clock.systemUTC());
    }

    @Activate
    synchronized void activate() {
        executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, THREAD_NAME);
            t.setDaemon(true);
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        executor.execute(this::setUpInterfaces);
        reschedule();
        LOG.info("Reading batman-adv {} through {} every {} ms; originators silent for {} ms are down",
                config.meshInterface(), config.backend(), config.pollIntervalMs(), config.downAfterMs());
    }

    @Modified
    synchronized void modified(Map<String, Object> properties) {
        BatmanConfig previous = config;
        BatmanConfig next = reader.read(properties, previous);
        config = next;
        if (!previous.backend().equals(next.backend()) || !previous.meshInterface().equals(next.meshInterface())
                || !previous.batctl().equals(next.batctl())) {
            BatmanBackend old = backend;
            backend = next.newBackend();
            old.close();
        }
        if (!previous.hardInterfaces().equals(next.hardInterfaces()) && executor != null) {
            executor.execute(this::setUpInterfaces);
        }
        if (previous.pollIntervalMs() != next.pollIntervalMs()) {
            reschedule();
        }
    }

    @Deactivate
    void deactivate() {
        ScheduledThreadPoolExecutor e;
        synchronized (this) {
            e = executor;
            executor = null;
            schedule = null;
        }
        if (e != null) {
            e.shutdown();
            try {
                if (!e.awaitTermination(SHUTDOWN_WAIT_MS, TimeUnit.MILLISECONDS)) {
                    e.shutdownNow();
                    LOG.warn("The batman-adv poller did not stop within {} ms; interrupted it", SHUTDOWN_WAIT_MS);
                }
            } catch (InterruptedException ex) {
                e.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
        backend.close();
        try {
            topology.withdraw(MeshPoller.PROVIDER_ID);
        } catch (RuntimeException ex) {
            LOG.debug("Could not withdraw the batman-adv mesh", ex);
        }
    }

    private synchronized void reschedule() {
        if (executor == null) {
            return;
        }
        if (schedule != null) {
            schedule.cancel(false);
        }
        schedule = executor.scheduleWithFixedDelay(this::poll, 0, config.pollIntervalMs(), TimeUnit.MILLISECONDS);
    }

    void poll() {
        try {
            polls.incrementAndGet();
            poller.poll(backend, config);
        } catch (RuntimeException e) {
            // An escaping exception would cancel the schedule silently.
            LOG.warn("batman-adv poll failed: {}", e.toString());
        }
    }

    private void setUpInterfaces() {
        for (String hard : config.hardInterfaces()) {
            try {
                addInterface(hard);
                LOG.info("Added {} to batman-adv {}", hard, config.meshInterface());
            } catch (IOException | RuntimeException e) {
                LOG.warn("Cannot add {} to batman-adv {}: {}", hard, config.meshInterface(), e.getMessage());
            }
        }
    }

    private void post(HealthEvent event) {
        eventAdmin.postEvent(event.toEvent());
    }

    // MeshProvider

    @Override
    public String id() {
        return MeshPoller.PROVIDER_ID;
    }

    @Override
    public String description() {
        return "batman-adv mesh " + config.meshInterface() + " read through " + config.backend();
    }

    // BatmanAdmin

    @Override
    public BatmanConfig config() {
        return config;
    }

    @Override
    public MeshPoller.Snapshot lastPoll() {
        return poller.last();
    }

    @Override
    public long polls() {
        return polls.get();
    }

    @Override
    public BatmanBackend backend() {
        return backend;
    }

    @Override
    public List<Neighbor> neighbors() throws IOException {
        return backend.neighbors();
    }

    @Override
    public List<HardInterface> interfaces() throws IOException {
        return backend.interfaces();
    }

    @Override
    public void addInterface(String hardInterface) throws IOException {
        BatmanBackend b = backend;
        try {
            b.mesh();
        } catch (IOException e) {
            String algo = config.routingAlgorithm();
            b.createMesh(algo.isEmpty() ? null : algo);
            LOG.info("Created batman-adv {} ({})", b.meshInterface(), algo.isEmpty() ? "module default" : algo);
        }
        b.addInterface(hardInterface);
    }

    @Override
    public void removeInterface(String hardInterface) throws IOException {
        backend.removeInterface(hardInterface);
    }
}
