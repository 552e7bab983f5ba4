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
import io.x0tta6bl4.api.ebpf.MeshGuard;
import io.x0tta6bl4.api.identity.IdentityService;
import io.x0tta6bl4.api.identity.NodeAttestor;
import io.x0tta6bl4.api.identity.PeerAttestations;
import io.x0tta6bl4.api.identity.PeerEndpoints;
import io.x0tta6bl4.api.topology.NodeId;
import io.x0tta6bl4.batman.internal.alfred.AlfredClient;
import io.x0tta6bl4.batman.internal.alfred.AlfredRecord;
import io.x0tta6bl4.api.topology.provider.MeshProvider;
import io.x0tta6bl4.api.topology.provider.TopologyProviderService;

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
 * The batman-adv mesh provider: polls the mesh interface on one thread and reports each
 * round to the topology service, with health events for silent originators and degraded
 * one-hop links. Everything that touches the kernel runs on the poller thread.
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

    /** The eBPF guard, when installed: its allow list follows attestation (GuardAllowList). */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile MeshGuard guard;

    /** Only touched on the attestation thread. */
    private final PeerAttester peerAttester = new PeerAttester(() -> attestor, Clock.systemUTC(), LOG::warn);
    private String lastAttestError;
    /** The newest accepted signed facts per node: attestation, the allow list and PeerEndpoints read it. */
    private final FactsLedger ledger = new FactsLedger();
    private final MeshTrustRound trustRound = new MeshTrustRound(ledger, peerAttester, new OnceLog(LOG::warn),
            LOG::info);

    private String lastFactsError;
    private String lastVisError;
    private volatile io.x0tta6bl4.batman.internal.alfred.MeshGraph visGraph;
    private long visReadAt;
    /** Poller thread only. */
    private final OnceLog respondSkipped = new OnceLog(LOG::warn);

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
        executor = singleThread(THREAD_NAME);
        attestExecutor = singleThread(ATTEST_THREAD_NAME);
        executor.execute(this::setUpInterfaces);
        reschedule();
        LOG.info("Reading batman-adv {} through {} every {} ms; originators silent for {} ms are down",
                config.meshInterface(), config.backend(), config.pollIntervalMs(), config.downAfterMs());
    }

    private static ScheduledThreadPoolExecutor singleThread(String name) {
        ScheduledThreadPoolExecutor e = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
        e.setRemoveOnCancelPolicy(true);
        e.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        return e;
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

    /**
     * Attests the up peers whose usable signed facts name a control endpoint, when due, and
     * keeps the allow list in step (see {@link MeshTrustRound}).
     */
    void attestPeers() {
        MeshPoller.Snapshot s = poller.last();
        if (attestor == null || s == null || s.round() == null) {
            return;
        }
        BatmanConfig c = config;
        IdentityService id = identity;
        try {
            List<AlfredRecord> records = new AlfredClient(java.nio.file.Path.of(c.alfredSocket())).read(c.factsType());
            java.util.Set<NodeId> up = new java.util.HashSet<>();
            s.round().nodes().forEach(n -> up.add(n.id()));
            // Three missed publications (at least 30 s) make a peer's facts stale.
            long staleMs = Math.max(30_000, 3 * Math.max(c.factsIntervalMs(), 1000));
            trustRound.run(records, id == null ? null : id::verifySignature, s.round().self(), up,
                    System.currentTimeMillis(), c.factsMaxAge(), staleMs, guard, attestations);
            lastAttestError = null;
        } catch (IOException | RuntimeException e) {
            if (!String.valueOf(e.getMessage()).equals(lastAttestError)) {
                lastAttestError = String.valueOf(e.getMessage());
                LOG.warn("Cannot read peers' facts to attest them (will retry): {}", lastAttestError);
            }
        }
    }

    /** Reads every facts record from alfred and judges it, feeding the ledger. */
    private FactsJudge.Round judgeFacts(BatmanConfig c) throws IOException {
        IdentityService id = identity;
        return FactsJudge.judge(new AlfredClient(java.nio.file.Path.of(c.alfredSocket())).read(c.factsType()),
                id == null ? null : id::verifySignature, ledger, System.currentTimeMillis(), c.factsMaxAge());
    }

    @Override
    public java.util.Optional<java.net.InetSocketAddress> controlEndpoint(NodeId node) {
        if (node == null) {
            return java.util.Optional.empty();
        }
        return ledger.controlEndpoint(node, System.currentTimeMillis(), config.factsMaxAge());
    }

    /** Publishes this node's facts through alfred; a missing alfred is logged once per distinct error. */
    void publishFacts() {
        MeshPoller.Snapshot s = poller.last();
        if (s == null || s.round() == null) {
            return;
        }
        IdentityService id = identity;
        NodeFacts facts = new NodeFacts(s.round().self().value(), id == null ? null : id.spiffeId().orElse(null),
                version(), "up " + (s.round().nodes().size() - 1) + ", down " + s.round().silent().size()
                + ", one-hop links " + s.round().links().size(), System.currentTimeMillis(), null,
                id == null ? List.of() : id.controlEndpoints().stream()
                        .filter(a -> a.getAddress() != null && !a.getAddress().isLoopbackAddress()
                                && !a.getAddress().isAnyLocalAddress())
                        .map(PeerAttester::format).toList(), ownMacs(s));
        BatmanConfig c = config;
        try {
            io.x0tta6bl4.api.identity.SvidSignature signature = id == null ? null
                    : id.sign(SignedFacts.canonical(facts)).orElse(null);
            new AlfredClient(java.nio.file.Path.of(c.alfredSocket())).write(c.factsType(), 1,
                    SignedFacts.encode(facts, signature));
            if (lastFactsError != null) {
                LOG.info("Publishing facts through alfred again");
                lastFactsError = null;
            }
        } catch (IOException | RuntimeException e) {
            if (!String.valueOf(e.getMessage()).equals(lastFactsError)) {
                lastFactsError = String.valueOf(e.getMessage());
                LOG.warn("Cannot publish facts through alfred (will retry): {}", lastFactsError);
            }
        }
    }

    /** This node's hard interface MACs, the primary (its originator address) first; on the poller thread. */
    private List<String> ownMacs(MeshPoller.Snapshot s) {
        java.util.LinkedHashSet<String> macs = new java.util.LinkedHashSet<>();
        macs.add(s.round().self().value());
        try {
            backend.interfaces().stream().map(HardInterface::address).filter(java.util.Objects::nonNull)
                    .map(m -> m.toLowerCase(java.util.Locale.ROOT)).forEach(macs::add);
        } catch (IOException | RuntimeException e) {
            LOG.debug("Publishing only the originator MAC: cannot list the hard interfaces: {}", e.getMessage());
        }
        return macs.stream().limit(NodeFacts.MAX_LIST).toList();
    }

    private static String version() {
        org.osgi.framework.Bundle b = org.osgi.framework.FrameworkUtil.getBundle(BatmanMeshProvider.class);
        return b == null ? "unknown" : b.getVersion().toString();
    }

    void poll() {
        try {
            polls.incrementAndGet();
            BatmanConfig c = config;
            refreshVis(c);
            poller.poll(backend, c, visGraph);
        } catch (RuntimeException e) {
            // An escaping exception would cancel the schedule silently.
            LOG.warn("batman-adv poll failed: {}", e.toString());
        }
    }

    /** Reads batadv-vis records from alfred when they are due; on the poller thread. */
    private void refreshVis(BatmanConfig c) {
        if (c.visIntervalMs() == 0) {
            visGraph = null;
            return;
        }
        long now = System.currentTimeMillis();
        if (now - visReadAt < c.visIntervalMs()) {
            return;
        }
        visReadAt = now;
        try {
            AlfredClient alfred = new AlfredClient(java.nio.file.Path.of(c.alfredSocket()));
            List<io.x0tta6bl4.batman.internal.alfred.VisNode> records = new java.util.ArrayList<>();
            java.util.Set<String> primaries = new java.util.HashSet<>();
            for (AlfredRecord r : alfred.read(io.x0tta6bl4.batman.internal.alfred.VisNode.ALFRED_TYPE)) {
                try {
                    io.x0tta6bl4.batman.internal.alfred.VisNode v = io.x0tta6bl4.batman.internal.alfred.VisNode.decode(r.data());
                    records.add(v);
                    primaries.add(v.primary());
                } catch (IOException e) {
                    LOG.debug("Skipping the batadv-vis record of {}: {}", r.source(), e.getMessage());
                }
            }
            records.addAll(gluonRecords(alfred, primaries));
            visGraph = records.isEmpty() ? null : io.x0tta6bl4.batman.internal.alfred.MeshGraph.of(records);
            lastVisError = null;
        } catch (IOException | RuntimeException e) {
            visGraph = null;
            if (!String.valueOf(e.getMessage()).equals(lastVisError)) {
                lastVisError = String.valueOf(e.getMessage());
                LOG.info("No batadv-vis data from alfred (only this node's links are reported): {}", lastVisError);
            }
        }
    }

    /** Gluon nodes (respondd nodeinfo and neighbours in alfred) not already described by batadv-vis. */
    private List<io.x0tta6bl4.batman.internal.alfred.VisNode> gluonRecords(AlfredClient alfred,
                                                                           java.util.Set<String> described) throws IOException {
        java.util.Set<String> originators = new java.util.HashSet<>();
        MeshPoller.Snapshot last = poller.last();
        if (last != null) {
            last.originators().forEach(o -> originators.add(o.address()));
            if (last.round() != null) {
                originators.add(last.round().self().value());
            }
        }
        return io.x0tta6bl4.batman.internal.alfred.RespondRound.read(
                alfred.read(io.x0tta6bl4.batman.internal.alfred.GluonNode.NODEINFO),
                alfred.read(io.x0tta6bl4.batman.internal.alfred.GluonNode.NEIGHBOURS), originators, described,
                respondSkipped::accept);
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
    public io.x0tta6bl4.batman.internal.alfred.AlfredStatus alfredStatus() throws IOException {
        return new AlfredClient(java.nio.file.Path.of(config.alfredSocket())).status();
    }

    @Override
    public FactsView facts() throws IOException {
        FactsJudge.Round round = judgeFacts(config);
        List<CheckedFacts> facts = new java.util.ArrayList<>();
        round.judged().forEach(j -> facts.add(CheckedFacts.of(j.facts(), j.trust())));
        return new FactsView(facts, round.refused());
    }
}
