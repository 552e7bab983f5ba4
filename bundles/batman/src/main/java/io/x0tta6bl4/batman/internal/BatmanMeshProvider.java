package io.x0tta6bl4.batman.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.x0tta6bl4.api.ebpf.MeshGuard;
import io.x0tta6bl4.api.event.HealthEvent;
import io.x0tta6bl4.api.identity.IdentityService;
import io.x0tta6bl4.api.identity.NodeAttestor;
import io.x0tta6bl4.api.identity.PeerAttestations;
import io.x0tta6bl4.api.identity.PeerEndpoints;
import io.x0tta6bl4.api.respondd.RespondCollection;
import io.x0tta6bl4.api.topology.NodeId;
import io.x0tta6bl4.api.topology.provider.MeshProvider;
import io.x0tta6bl4.api.topology.provider.TopologyProviderService;
import io.x0tta6bl4.batman.internal.alfred.AlfredClient;
import io.x0tta6bl4.batman.internal.alfred.AlfredStatus;
import io.x0tta6bl4.support.concurrent.NamedThreads;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The batman-adv mesh provider, the bundle's DS component: it reads the configuration and
 * schedules the work on two threads. The poller thread reads the kernel ({@link MeshPoller},
 * with the rest of the mesh's view from {@link VisReader}) and publishes this node's facts
 * ({@link FactsPublisher}); the attestation thread runs {@link MeshTrust}, whose handshakes
 * may block for their timeouts. It is also the shell's {@link BatmanAdmin} and the node's
 * {@code PeerEndpoints}. Everything that touches the kernel runs on the poller thread.
 */
@Component(
        immediate = true,
        configurationPid = BatmanMeshProvider.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL,
        service = {MeshProvider.class, BatmanAdmin.class, PeerEndpoints.class},
        property = MeshProvider.ID_PROPERTY + "=" + MeshPoller.PROVIDER_ID)
@Designate(ocd = BatmanConfiguration.class)
public class BatmanMeshProvider implements MeshProvider, BatmanAdmin, PeerEndpoints {

    public static final String PID = "io.x0tta6bl4.batman";
    public static final String THREAD_NAME = "x0tta6bl4-batman-poller";
    public static final String ATTEST_THREAD_NAME = "x0tta6bl4-batman-attest";

    private static final Logger LOG = LoggerFactory.getLogger(BatmanMeshProvider.class);
    private static final long SHUTDOWN_WAIT_MS = 5_000;
    /** Collectors ask every minute or so; the translation table is not dumped more often than this. */
    private static final long RESPOND_REFRESH_MS = 10_000;

    private final TopologyProviderService topology;
    private final EventAdmin eventAdmin;
    private final BatmanConfigReader reader = new BatmanConfigReader(LOG::warn);
    private final MeshPoller poller;
    private final AtomicLong polls = new AtomicLong();

    private volatile BatmanConfig config;
    private volatile BatmanBackend backend;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile IdentityService identity;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile NodeAttestor attestor;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile PeerAttestations attestations;

    /** The respondd collector, when installed: the neighbours of the nodes it heard join the graph (VisReader). */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile RespondCollection respondCollection;

    /** The eBPF guard, when installed: its allow list follows attestation (GuardAllowList). */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile MeshGuard guard;

    private final MeshTrust trust = new MeshTrust(() -> attestor);
    /** Poller thread only. */
    private final FactsPublisher factsPublisher = new FactsPublisher();
    /** Poller thread only. */
    private final VisReader vis = new VisReader();
    /** Refreshed on the poller thread, read by the responder's. */
    private final RespondPartReader respond = new RespondPartReader(Path.of("/sys/class/net"), RESPOND_REFRESH_MS,
            LOG::warn);

    // Guarded by this.
    private ScheduledThreadPoolExecutor executor;
    private ScheduledFuture<?> schedule;
    private ScheduledFuture<?> factsSchedule;
    private ScheduledFuture<?> attestSchedule;
    /** Attestation blocks for up to the connect and handshake timeouts: never on the poller thread. */
    private ScheduledThreadPoolExecutor attestExecutor;

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
        executor = NamedThreads.single(THREAD_NAME);
        attestExecutor = NamedThreads.single(ATTEST_THREAD_NAME);
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
        if (previous.pollIntervalMs() != next.pollIntervalMs() || previous.factsIntervalMs() != next.factsIntervalMs()
                || previous.attestIntervalMs() != next.attestIntervalMs()) {
            reschedule();
        }
    }

    @Deactivate
    void deactivate() {
        ScheduledThreadPoolExecutor e;
        ScheduledThreadPoolExecutor a;
        synchronized (this) {
            e = executor;
            a = attestExecutor;
            executor = null;
            attestExecutor = null;
            schedule = null;
        }
        if (a != null) {
            // An attestation in progress ends within its own timeouts; interrupting it is harmless.
            a.shutdownNow();
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
        if (factsSchedule != null) {
            factsSchedule.cancel(false);
            factsSchedule = null;
        }
        if (config.factsIntervalMs() > 0) {
            factsSchedule = executor.scheduleWithFixedDelay(this::publishFacts, config.factsIntervalMs(),
                    config.factsIntervalMs(), TimeUnit.MILLISECONDS);
        }
        if (attestSchedule != null) {
            attestSchedule.cancel(false);
            attestSchedule = null;
        }
        if (config.attestIntervalMs() > 0 && attestExecutor != null) {
            attestSchedule = attestExecutor.scheduleWithFixedDelay(this::attestPeers, config.attestIntervalMs(),
                    config.attestIntervalMs(), TimeUnit.MILLISECONDS);
        }
    }

    /** Attests peers at their signed endpoints and keeps the allow list in step; on the attestation thread. */
    void attestPeers() {
        trust.attestPeers(config, poller.last(), identity, guard, attestations);
    }

    @Override
    public Optional<InetSocketAddress> controlEndpoint(NodeId node) {
        return trust.controlEndpoint(node, config);
    }

    void publishFacts() {
        factsPublisher.publish(config, poller.last(), identity, backend);
    }

    void poll() {
        try {
            polls.incrementAndGet();
            BatmanConfig c = config;
            RespondCollection heard = respondCollection;
            poller.poll(backend, c, vis.graph(c, poller.last(), System.currentTimeMillis(),
                    heard == null ? List.of() : heard.lastRound()));
            respond.refresh(backend, poller.last(), System.currentTimeMillis());
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

    @Override
    public RespondPart respondPart() {
        return respond.part();
    }

    @Override
    public AlfredStatus alfredStatus() throws IOException {
        return new AlfredClient(Path.of(config.alfredSocket())).status();
    }

    @Override
    public FactsView facts() throws IOException {
        FactsJudge.Round round = trust.judge(config, identity);
        List<CheckedFacts> facts = new ArrayList<>();
        round.judged().forEach(j -> facts.add(CheckedFacts.of(j.facts(), j.trust())));
        return new FactsView(facts, round.refused());
    }
}
