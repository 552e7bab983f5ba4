package io.x0tta6bl4.identity.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.x0tta6bl4.api.identity.AttestationResult;
import io.x0tta6bl4.api.identity.IdentityService;
import io.x0tta6bl4.api.identity.IdentityState;
import io.x0tta6bl4.api.identity.NodeAttestor;
import io.x0tta6bl4.api.identity.PeerAttestations;
import io.x0tta6bl4.api.identity.SvidSignature;
import io.x0tta6bl4.api.topology.NodeId;

import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's identity, the DS component: applies the configuration on the single
 * {@code x0tta6bl4-identity-worker} thread and delegates the jobs. The SVID in hand, its
 * source and the derived state are {@link SvidWatch}'s; checking peers' chains and signatures
 * {@link PeerAttestor}'s; the mTLS control listeners {@link ControlListeners}'; the proven
 * results and their store {@link PeerRecords}'; events {@link IdentityEvents}'; the development
 * bootstrap {@link DevelopmentSwitch}'s. Activation only reads the configuration; sources,
 * binding and disk work run on the worker or on the sources' own threads.
 */
@Component(service = {IdentityService.class, NodeAttestor.class, PeerAttestations.class, IdentityAdmin.class},
        immediate = true, configurationPid = IdentityManager.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = IdentityConfiguration.class)
public class IdentityManager implements IdentityService, NodeAttestor, PeerAttestations, IdentityAdmin {

    static final String PID = "io.x0tta6bl4.identity";
    private static final Logger LOG = LoggerFactory.getLogger(IdentityManager.class);

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile EventAdmin eventAdmin;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile ConfigurationAdmin configAdmin;

    /** Where identity:bootstrap writes; {@code <karaf.data>/identity/dev}. */
    Path devDir = Paths.get(System.getProperty("karaf.data", "data"), "identity", "dev");
    /** The latest attestation result per peer, across updates and restarts. */
    AttestationStore store = new AttestationStore(
            Paths.get(System.getProperty("karaf.data", "data"), "identity", "attestations.json"));

    private volatile IdentityConfig config = IdentityConfig.DEFAULTS;
    private volatile IdPolicy policy = IdPolicy.parse(IdPolicy.DEFAULT_PATTERN);
    private volatile NodeId nodeId = NodeId.of("localhost");
    private final IdentityConfigReader reader = new IdentityConfigReader(LOG::warn);
    private final IdentityEvents events = new IdentityEvents(() -> eventAdmin);
    private final PeerRecords peers = new PeerRecords(() -> store, this::onWorker, events::post);
    private final SvidWatch svid = new SvidWatch(this::onWorker, events, this::check);
    private final PeerAttestor attestor = new PeerAttestor(svid::current, this::trustDomain, () -> policy, peers,
            events);
    private final ControlListeners listeners = new ControlListeners(svid::current,
            (chain, role) -> attestor.verify(chain, null, role), attestor.incoming());

    private ScheduledThreadPoolExecutor worker;
    private ScheduledFuture<?> checkTask;

    @Activate
    void activate(Map<String, Object> properties) {
        worker = new ScheduledThreadPoolExecutor(1, new NamedThreads("worker"));
        worker.setRemoveOnCancelPolicy(true);
        IdentityConfig cfg = reader.read(IdentityConfig.DEFAULTS, properties);
        onWorker(() -> {
            peers.load();
            apply(null, cfg);
        });
    }

    @Modified
    void modified(Map<String, Object> properties) {
        IdentityConfig cfg = reader.read(config, properties);
        onWorker(() -> apply(config, cfg));
    }

    @Deactivate
    void deactivate() {
        worker.shutdownNow();
        try {
            worker.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        peers.flush();
        svid.close();
        listeners.stop();
    }

    private void onWorker(Runnable r) {
        try {
            worker.execute(() -> {
                try {
                    r.run();
                } catch (RuntimeException e) {
                    LOG.warn("Identity worker task failed: {}", e.toString());
                }
            });
        } catch (RejectedExecutionException e) {
            // deactivating
        }
    }

    /** On the worker: restarts only what the change touches. */
    private void apply(IdentityConfig old, IdentityConfig cfg) {
        config = cfg;
        policy = IdPolicy.parse(cfg.idPattern());
        nodeId = cfg.nodeId().isEmpty() ? HostNodeId.get() : NodeId.of(cfg.nodeId());
        boolean sourceChanged = old == null || !Objects.equals(SourceChoice.key(old), SourceChoice.key(cfg));
        boolean listenerChanged = old == null || old.listenerEnabled() != cfg.listenerEnabled()
                || !old.listenerAddresses().equals(cfg.listenerAddresses()) || old.listenerPort() != cfg.listenerPort()
                || old.handshakeTimeoutMs() != cfg.handshakeTimeoutMs()
                || !old.listenerLimits().equals(cfg.listenerLimits());
        events.configure(old, cfg);
        if (sourceChanged) {
            svid.restart(cfg);
            listeners.forgetContext();
        }
        if (listenerChanged || sourceChanged) {
            listeners.stop();
        }
        if (checkTask == null || old == null || old.checkIntervalMs() != cfg.checkIntervalMs()) {
            if (checkTask != null) {
                checkTask.cancel(false);
            }
            checkTask = worker.scheduleWithFixedDelay(this::check, cfg.checkIntervalMs(), cfg.checkIntervalMs(),
                    TimeUnit.MILLISECONDS);
        }
        check();
    }

    /** On the worker: the state and expiry events, the listener up once there is an SVID. */
    private void check() {
        Instant now = Instant.now();
        if (svid.check(now)) {
            listeners.ensure(config);
        }
        events.reportSuppressed(now);
    }

    // ---------------------------------------------------------------- IdentityService

    @Override
    public IdentityState state() {
        SvidWatch.Status s = svid.status();
        return s == null ? IdentityState.NONE : s.state();
    }

    @Override
    public String stateReason() {
        SvidWatch.Status s = svid.status();
        return s == null ? svid.noSourceReason() : s.reason();
    }

    @Override
    public Optional<String> spiffeId() {
        return Optional.ofNullable(svid.current()).map(SvidMaterial::spiffeId);
    }

    @Override
    public Optional<Instant> notAfter() {
        return Optional.ofNullable(svid.current()).map(SvidMaterial::notAfter);
    }

    @Override
    public boolean isDevelopment() {
        SvidMaterial s = svid.current();
        return s != null && s.development();
    }

    @Override
    public void refresh() {
        onWorker(svid::refresh);
    }

    @Override
    public Optional<SvidSignature> sign(byte[] data) {
        SvidMaterial s = svid.current();
        if (s == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(SvidSignatures.sign(s, data));
        } catch (GeneralSecurityException e) {
            LOG.warn("Cannot sign with the SVID of {}: {}", s.spiffeId(), ChainVerifier.oneLine(e));
            return Optional.empty();
        }
    }

    @Override
    public AttestationResult verifySignature(byte[] data, SvidSignature signature) {
        return attestor.verifySignature(data, signature);
    }

    // ---------------------------------------------------------------- NodeAttestor, PeerAttestations

    @Override
    public AttestationResult attest(NodeId node, InetSocketAddress address) {
        return attestor.attest(node, address, config, this::stateReason);
    }

    @Override
    public AttestationResult verify(List<X509Certificate> chain, NodeId expectedNode) {
        return attestor.verify(chain, expectedNode, ChainVerifier.Role.ANY);
    }

    @Override
    public Optional<AttestationResult> result(NodeId node) {
        return peers.result(node);
    }

    @Override
    public Map<NodeId, AttestationResult> all() {
        return peers.all();
    }

    // ---------------------------------------------------------------- IdentityAdmin

    @Override
    public List<X509Certificate> chain() {
        SvidMaterial s = svid.current();
        return s == null ? List.of() : s.chain();
    }

    @Override
    public List<X509Certificate> bundle() {
        SvidMaterial s = svid.current();
        return s == null ? List.of() : s.bundle();
    }

    @Override
    public Optional<String> trustDomain() {
        String td = config.trustDomain();
        if (!td.isEmpty()) {
            return Optional.of(td);
        }
        return Optional.ofNullable(svid.current()).map(SvidMaterial::trustDomain);
    }

    @Override
    public String sourceDescription() {
        return svid.describe();
    }

    @Override
    public NodeId nodeId() {
        return nodeId;
    }

    @Override
    public String idPattern() {
        return policy.pattern();
    }

    @Override
    public List<InetSocketAddress> listening() {
        return listeners.addresses();
    }

    @Override
    public List<InetSocketAddress> controlEndpoints() {
        return listening();
    }

    /** Per listener: connections dropped early, refused, closed at the deadline (for tests and logs). */
    String listenerStats() {
        return listeners.stats();
    }

    IdentityConfig configForTest() {
        return config;
    }

    /** The listener bind error, if any. */
    String listenerError() {
        return listeners.error();
    }

    @Override
    public String bootstrap(String trustDomain, boolean force) throws IOException {
        // the node id and pattern in force are set on the worker: let pending configuration apply first
        try {
            worker.submit(() -> { }).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        } catch (ExecutionException | TimeoutException | RejectedExecutionException e) {
            throw new IOException("the identity worker is busy or stopped; try again");
        }
        DevBootstrap.Written w = DevelopmentSwitch.apply(configAdmin, config, devDir, trustDomain, force,
                this::modified);
        LOG.info("Development identity {} bootstrapped in {}", w.spiffeId(), devDir);
        return devDir.toString();
    }
}
