package io.x0tta6bl4.identity.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import javax.net.ssl.SSLContext;

import io.x0tta6bl4.api.event.HealthEvent;
import io.x0tta6bl4.api.event.Severity;
import io.x0tta6bl4.api.identity.AttestationResult;
import io.x0tta6bl4.api.identity.IdentityHealth;
import io.x0tta6bl4.api.identity.IdentityService;
import io.x0tta6bl4.api.identity.IdentityState;
import io.x0tta6bl4.api.identity.NodeAttestor;
import io.x0tta6bl4.api.identity.PeerAttestations;
import io.x0tta6bl4.api.identity.SvidSignature;
import io.x0tta6bl4.api.topology.NodeId;

import org.osgi.service.cm.Configuration;
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
 * This node's identity: runs the configured source, keeps the SVID in hand, derives the
 * state, watches expiry, and attests peers. The mTLS control listeners are
 * {@link ControlListeners}', the proven results and their store {@link PeerRecords}'.
 * Activation only reads the configuration; everything else (sources, binding, disk) runs on
 * the single {@code x0tta6bl4-identity-worker} thread or on the sources' own threads.
 */
@Component(service = {IdentityService.class, NodeAttestor.class, PeerAttestations.class, IdentityAdmin.class},
        immediate = true, configurationPid = IdentityManager.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = IdentityConfiguration.class)
public class IdentityManager implements IdentityService, NodeAttestor, PeerAttestations, IdentityAdmin {

    static final String PID = "io.x0tta6bl4.identity";
    static final String SOURCE_NAME = "io.x0tta6bl4.identity";
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

    private final IdentityConfigReader reader = new IdentityConfigReader(LOG::warn);
    private final PeerRecords peers = new PeerRecords(() -> store, this::onWorker, this::post);

    private ScheduledThreadPoolExecutor worker;
    private volatile IdentityConfig config = IdentityConfig.DEFAULTS;
    private volatile IdPolicy policy = IdPolicy.parse(IdPolicy.DEFAULT_PATTERN);
    private volatile NodeId nodeId = NodeId.of("localhost");
    private volatile IdentitySource source;
    private volatile String noSourceReason = "not started";
    private volatile SvidMaterial current;
    private volatile String sourceDown;
    private volatile boolean sourceWasDown;
    private volatile Status status = new Status(IdentityState.STARTING, "starting");
    private String expiringPosted = "";
    private String expiredPosted = "";
    private ScheduledFuture<?> checkTask;
    private volatile EventThrottle throttle = new EventThrottle(1, 1, 1, 1, System::currentTimeMillis);
    private long suppressedSince = System.currentTimeMillis();

    record Status(IdentityState state, String reason) {
    }


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
        IdentitySource s = source;
        source = null;
        if (s != null) {
            s.close();
        }
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

    // ---------------------------------------------------------------- configuration, on the worker

    private void apply(IdentityConfig old, IdentityConfig cfg) {
        config = cfg;
        policy = IdPolicy.parse(cfg.idPattern());
        nodeId = cfg.nodeId().isEmpty() ? hostNodeId() : NodeId.of(cfg.nodeId());
        boolean sourceChanged = old == null || !Objects.equals(sourceKey(old), sourceKey(cfg));
        boolean listenerChanged = old == null || old.listenerEnabled() != cfg.listenerEnabled()
                || !old.listenerAddresses().equals(cfg.listenerAddresses()) || old.listenerPort() != cfg.listenerPort()
                || old.handshakeTimeoutMs() != cfg.handshakeTimeoutMs()
                || !old.listenerLimits().equals(cfg.listenerLimits());
        if (old == null || old.eventsBurst() != cfg.eventsBurst() || old.eventsPerMinute() != cfg.eventsPerMinute()
                || old.eventsSubjectBurst() != cfg.eventsSubjectBurst()
                || old.eventsSubjectPerMinute() != cfg.eventsSubjectPerMinute()) {
            throttle = new EventThrottle(cfg.eventsBurst(), cfg.eventsPerMinute(), cfg.eventsSubjectBurst(),
                    cfg.eventsSubjectPerMinute(), System::currentTimeMillis);
        }
        if (sourceChanged) {
            IdentitySource s = source;
            source = null;
            if (s != null) {
                s.close();
            }
            current = null;
            sourceDown = null;
            sourceWasDown = false;
            listeners.forgetContext();
            source = createSource(cfg);
            if (source != null) {
                LOG.info("Identity source: {}", source.describe());
                IdentitySource started = source;
                started.start(new IdentitySource.Listener() {
                    @Override
                    public void update(SvidMaterial svid) {
                        onWorker(() -> onUpdate(started, svid));
                    }

                    @Override
                    public void down(String reason) {
                        onWorker(() -> onDown(started, reason));
                    }
                });
            } else {
                LOG.info("No identity: {}", noSourceReason);
            }
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

    private static List<Object> sourceKey(IdentityConfig c) {
        return List.of(c.source(), c.workloadSocket(), c.workloadTimeoutMs(), c.svidFile(), c.keyFile(), c.bundleFile(),
                c.filesPollMs(), c.development());
    }

    private IdentitySource createSource(IdentityConfig cfg) {
        String socket = cfg.workloadSocket().isEmpty() ? Objects.requireNonNullElse(
                System.getenv("SPIFFE_ENDPOINT_SOCKET"), "").trim() : cfg.workloadSocket();
        boolean files = !cfg.svidFile().isEmpty();
        switch (cfg.source()) {
            case "none":
                noSourceReason = "identity source is 'none' (source=none)";
                return null;
            case "workload":
                if (socket.isEmpty()) {
                    noSourceReason = "source=workload but no socket: set workload.socket or SPIFFE_ENDPOINT_SOCKET";
                    return null;
                }
                return new WorkloadApiSource(WorkloadApiSource.address(socket), cfg.workloadTimeoutMs());
            case "files":
                if (!files || cfg.keyFile().isEmpty() || cfg.bundleFile().isEmpty()) {
                    noSourceReason = "source=files but files.svid, files.key and files.bundle are not all set";
                    return null;
                }
                return fileSource(cfg);
            default:
                if (!socket.isEmpty()) {
                    return new WorkloadApiSource(WorkloadApiSource.address(socket), cfg.workloadTimeoutMs());
                }
                if (files && !cfg.keyFile().isEmpty() && !cfg.bundleFile().isEmpty()) {
                    return fileSource(cfg);
                }
                noSourceReason = "no identity source: no SPIRE Workload API socket (workload.socket, "
                        + "SPIFFE_ENDPOINT_SOCKET) and no SVID files (files.svid); "
                        + "run identity:bootstrap <trust-domain> for a development identity";
                return null;
        }
    }

    private FileSource fileSource(IdentityConfig cfg) {
        return new FileSource(Paths.get(cfg.svidFile()), Paths.get(cfg.keyFile()), Paths.get(cfg.bundleFile()),
                cfg.filesPollMs(), cfg.development());
    }

    // ---------------------------------------------------------------- source callbacks, on the worker

    private void onUpdate(IdentitySource from, SvidMaterial svid) {
        if (from != source) {
            return;
        }
        SvidMaterial old = current;
        current = svid;
        if (old == null) {
            LOG.info("Identity {} from {}, valid until {}{}", svid.spiffeId(), from.describe(), svid.notAfter(),
                    svid.development() ? " (development identity)" : "");
        } else if (!old.leaf().equals(svid.leaf())) {
            LOG.info("Identity {} rotated, valid until {}", svid.spiffeId(), svid.notAfter());
        }
        if (sourceWasDown) {
            LOG.info("Identity source {} is back", from.describe());
            post(HealthEvent.of(IdentityHealth.AREA, IdentityHealth.IDENTITY_SOURCE_UP, from.describe(), Severity.INFO,
                    SOURCE_NAME));
        }
        sourceDown = null;
        sourceWasDown = false;
        check();
    }

    private void onDown(IdentitySource from, String reason) {
        if (from != source) {
            return;
        }
        if (!sourceWasDown || !reason.equals(sourceDown)) {
            LOG.warn("Identity source {} is down: {}", from.describe(), reason);
        }
        if (!sourceWasDown) {
            post(HealthEvent.of(IdentityHealth.AREA, IdentityHealth.IDENTITY_SOURCE_DOWN, from.describe(),
                    Severity.WARNING, SOURCE_NAME).withDetails(reason));
        }
        sourceDown = reason;
        sourceWasDown = true;
        check();
    }

    /** Derives the state, posts expiry events once per SVID, and keeps the listener up. */
    private void check() {
        Instant now = Instant.now();
        SvidMaterial svid = current;
        status = derive(source, svid, sourceDown, now);
        if (svid != null) {
            String serial = svid.leaf().getSerialNumber().toString(16);
            Duration lifetime = Duration.between(svid.notBefore(), svid.notAfter());
            Duration left = Duration.between(now, svid.notAfter());
            if (left.isNegative() || left.isZero()) {
                if (!serial.equals(expiredPosted)) {
                    expiredPosted = serial;
                    LOG.warn("SVID {} expired at {}", svid.spiffeId(), svid.notAfter());
                    post(HealthEvent.of(IdentityHealth.AREA, IdentityHealth.SVID_EXPIRED, svid.spiffeId(),
                            Severity.CRITICAL, SOURCE_NAME).withDetails("expired at " + svid.notAfter()));
                }
            } else if (left.compareTo(lifetime.dividedBy(2)) < 0 && !serial.equals(expiringPosted)) {
                expiringPosted = serial;
                LOG.warn("SVID {} expires at {}, less than half its lifetime left and no rotation",
                        svid.spiffeId(), svid.notAfter());
                post(HealthEvent.of(IdentityHealth.AREA, IdentityHealth.SVID_EXPIRING, svid.spiffeId(),
                        Severity.WARNING, SOURCE_NAME).withValue(left.toMillis() / 1000.0,
                        lifetime.dividedBy(2).toMillis() / 1000.0).withDetails("expires at " + svid.notAfter()));
            }
            listeners.ensure(config);
        }
        reportSuppressed(now);
    }

    /** One line for the peer events the throttle held back since the last line. */
    private void reportSuppressed(Instant now) {
        Map<String, Long> held = throttle.drainSuppressed();
        if (!held.isEmpty()) {
            LOG.warn("Held back {} peer health events in the last {} ms ({}): many failed or unattested peers, "
                    + "a flood of bad handshakes?", held.values().stream().mapToLong(Long::longValue).sum(),
                    now.toEpochMilli() - suppressedSince, held);
        }
        suppressedSince = now.toEpochMilli();
    }

    static Status deriveForTest(boolean hasSource, SvidMaterial svid, String down, Instant now) {
        return derive(hasSource ? new Object() : null, svid, down, now);
    }

    private static Status derive(Object source, SvidMaterial svid, String down, Instant now) {
        if (svid == null) {
            if (source == null) {
                return null;
            }
            return down != null ? new Status(IdentityState.DEGRADED, down)
                    : new Status(IdentityState.STARTING, "waiting for the first SVID");
        }
        String dev = svid.development() ? "development identity, " : "";
        if (!now.isBefore(svid.notAfter())) {
            return new Status(IdentityState.DEGRADED, "SVID expired at " + svid.notAfter()
                    + (down != null ? "; source down: " + down : "; no rotation came"));
        }
        if (now.isBefore(svid.notBefore())) {
            return new Status(IdentityState.DEGRADED, "SVID not valid before " + svid.notBefore());
        }
        Duration lifetime = Duration.between(svid.notBefore(), svid.notAfter());
        if (Duration.between(now, svid.notAfter()).compareTo(lifetime.dividedBy(2)) < 0) {
            return new Status(IdentityState.DEGRADED, "SVID expires at " + svid.notAfter()
                    + ", less than half its lifetime left and no rotation"
                    + (down != null ? "; source down: " + down : ""));
        }
        if (down != null) {
            return new Status(IdentityState.DEGRADED, "source down: " + down + "; SVID in hand valid until "
                    + svid.notAfter());
        }
        return new Status(IdentityState.READY, dev + "SVID from " + svid.source() + ", valid until " + svid.notAfter());
    }

    // ---------------------------------------------------------------- mTLS listener, on the worker

    /**
     * Clients of our listener: recorded only once their handshake completed, so a certificate
     * that names a node without its key changes nothing; a failure names only the address.
     */
    private final MtlsListener.Incoming incoming = new MtlsListener.Incoming() {
        @Override
        public void attested(AttestationResult proven, InetSocketAddress from) {
            if (proven.node() != null) {
                peers.record(proven);
            }
        }

        @Override
        public void failed(InetSocketAddress from, String reason) {
            String ip = from.getAddress().getHostAddress();
            postLimited(HealthEvent.of(IdentityHealth.AREA, IdentityHealth.PEER_ATTESTATION_FAILED, ip,
                    Severity.WARNING, SOURCE_NAME).withDetails("incoming from " + ip + ":" + from.getPort() + ": "
                    + reason));
        }
    };

    private final ControlListeners listeners = new ControlListeners(() -> current,
            (chain, role) -> verify(chain, null, role), incoming);

    // ---------------------------------------------------------------- IdentityService

    @Override
    public IdentityState state() {
        Status s = status;
        return s == null ? IdentityState.NONE : s.state();
    }

    @Override
    public String stateReason() {
        Status s = status;
        return s == null ? noSourceReason : s.reason();
    }

    @Override
    public Optional<String> spiffeId() {
        SvidMaterial s = current;
        return s == null ? Optional.empty() : Optional.of(s.spiffeId());
    }

    @Override
    public Optional<Instant> notAfter() {
        SvidMaterial s = current;
        return s == null ? Optional.empty() : Optional.of(s.notAfter());
    }

    @Override
    public boolean isDevelopment() {
        SvidMaterial s = current;
        return s != null && s.development();
    }

    @Override
    public void refresh() {
        onWorker(() -> {
            IdentitySource s = source;
            if (s != null) {
                s.refresh();
            }
        });
    }

    @Override
    public Optional<SvidSignature> sign(byte[] data) {
        SvidMaterial s = current;
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
        SvidMaterial svid = current;
        return SvidSignatures.verify(data, signature, trustDomain().orElse(null),
                svid == null ? List.of() : svid.bundle(), policy, Instant.now());
    }

    // ---------------------------------------------------------------- NodeAttestor, PeerAttestations

    @Override
    public AttestationResult attest(NodeId node, InetSocketAddress address) {
        IdentityConfig cfg = config;
        Attester.Outcome o = Attester.attest(node, address, new Attester.ContextFactory() {
            @Override
            public SSLContext create(NodeId expected, AtomicReference<AttestationResult> checked)
                    throws GeneralSecurityException {
                SvidMaterial svid = current;
                if (svid == null) {
                    throw new GeneralSecurityException("this node has no SVID (" + stateReason() + ")");
                }
                return Tls.context(svid, (chain, role) -> IdentityManager.this.verify(chain, expected, role),
                        checked::set);
            }

            @Override
            public AttestationResult verify(List<X509Certificate> chain, NodeId expected) {
                return IdentityManager.this.verify(chain, expected, ChainVerifier.Role.SERVER);
            }
        }, cfg.connectTimeoutMs(), cfg.handshakeTimeoutMs());
        AttestationResult r = o.result();
        // a success names the node the handshake proved; a failure only the node we meant to reach
        NodeId who = o.kind() == Attester.Kind.ATTESTED ? r.node() : node;
        String subject = who != null ? who.value() : address.getHostString() + ":" + address.getPort();
        if (who != null) {
            peers.attempted(who, o);
        }
        if (o.kind() == Attester.Kind.UNREACHABLE) {
            postLimited(HealthEvent.of(IdentityHealth.AREA, IdentityHealth.PEER_UNATTESTED, subject, Severity.WARNING,
                    SOURCE_NAME).withDetails(r.reason()));
        } else if (o.kind() == Attester.Kind.FAILED) {
            postLimited(HealthEvent.of(IdentityHealth.AREA, IdentityHealth.PEER_ATTESTATION_FAILED, subject,
                    Severity.WARNING, SOURCE_NAME).withDetails(r.reason()));
        }
        return r;
    }

    @Override
    public AttestationResult verify(List<X509Certificate> chain, NodeId expectedNode) {
        return verify(chain, expectedNode, ChainVerifier.Role.ANY);
    }

    private AttestationResult verify(List<X509Certificate> chain, NodeId expectedNode, ChainVerifier.Role role) {
        SvidMaterial svid = current;
        return ChainVerifier.verify(chain, expectedNode, trustDomain().orElse(null),
                svid == null ? List.of() : svid.bundle(), policy, Instant.now(), role);
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
        SvidMaterial s = current;
        return s == null ? List.of() : s.chain();
    }

    @Override
    public List<X509Certificate> bundle() {
        SvidMaterial s = current;
        return s == null ? List.of() : s.bundle();
    }

    @Override
    public Optional<String> trustDomain() {
        String td = config.trustDomain();
        if (!td.isEmpty()) {
            return Optional.of(td);
        }
        SvidMaterial s = current;
        return s == null ? Optional.empty() : Optional.of(s.trustDomain());
    }

    @Override
    public String sourceDescription() {
        IdentitySource s = source;
        return s == null ? "none" : s.describe();
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
        } catch (ExecutionException | TimeoutException
                 | RejectedExecutionException e) {
            throw new IOException("the identity worker is busy or stopped; try again");
        }
        ConfigurationAdmin ca = configAdmin;
        Configuration c = ca == null ? null : ca.getConfiguration(PID, "?");
        Dictionary<String, Object> props = c == null || c.getProperties() == null ? new Hashtable<>() : c.getProperties();
        // a node.id set just before may still be on its way to modified(): the SVID names the newest one
        IdentityConfig newest = c == null ? config : new IdentityConfigReader(ignored -> { }).read(config, asMap(props));
        NodeId node = newest.nodeId().isEmpty() ? hostNodeId() : NodeId.of(newest.nodeId());
        DevBootstrap.Written w = DevBootstrap.write(devDir, trustDomain, node, IdPolicy.parse(newest.idPattern()), force);
        Map<String, Object> update = new HashMap<>();
        update.put(IdentityConfig.SOURCE, "files");
        update.put(IdentityConfig.SVID_FILE, w.svid().toString());
        update.put(IdentityConfig.KEY_FILE, w.key().toString());
        update.put(IdentityConfig.BUNDLE_FILE, w.bundle().toString());
        update.put(IdentityConfig.DEVELOPMENT, "true");
        update.put(IdentityConfig.TRUST_DOMAIN, trustDomain);
        if (c != null) {
            update.forEach(props::put);
            c.update(props);
        } else {
            Map<String, Object> merged = new HashMap<>(currentRaw());
            merged.putAll(update);
            modified(merged);
        }
        LOG.info("Development identity {} bootstrapped in {}", w.spiffeId(), devDir);
        return devDir.toString();
    }

    private static Map<String, Object> asMap(Dictionary<String, Object> d) {
        Map<String, Object> m = new HashMap<>();
        for (Enumeration<String> keys = d.keys(); keys.hasMoreElements(); ) {
            String k = keys.nextElement();
            m.put(k, d.get(k));
        }
        return m;
    }

    private Map<String, Object> currentRaw() {
        IdentityConfig c = config;
        Map<String, Object> m = new HashMap<>();
        m.put(IdentityConfig.ID_PATTERN, c.idPattern());
        m.put(IdentityConfig.NODE_ID, c.nodeId());
        m.put(IdentityConfig.LISTENER_ENABLED, c.listenerEnabled());
        m.put(IdentityConfig.LISTENER_ADDRESSES, String.join(",", c.listenerAddresses()));
        m.put(IdentityConfig.LISTENER_PORT, c.listenerPort());
        m.put(IdentityConfig.CONNECT_TIMEOUT, c.connectTimeoutMs());
        m.put(IdentityConfig.HANDSHAKE_TIMEOUT, c.handshakeTimeoutMs());
        m.put(IdentityConfig.CHECK_INTERVAL, c.checkIntervalMs());
        m.put(IdentityConfig.FILES_POLL, c.filesPollMs());
        m.put(IdentityConfig.LISTENER_GRACE, c.listenerGraceMs());
        m.put(IdentityConfig.LISTENER_PER_SOURCE, c.listenerPerSource());
        m.put(IdentityConfig.LISTENER_STARTUPS, c.listenerStartups().toString());
        m.put(IdentityConfig.EVENTS_BURST, c.eventsBurst());
        m.put(IdentityConfig.EVENTS_PER_MINUTE, c.eventsPerMinute());
        m.put(IdentityConfig.EVENTS_SUBJECT_BURST, c.eventsSubjectBurst());
        m.put(IdentityConfig.EVENTS_SUBJECT_PER_MINUTE, c.eventsSubjectPerMinute());
        return m;
    }

    // ---------------------------------------------------------------- helpers

    /** For events a hostile neighbour can cause: through the throttle, per kind and subject. */
    private void postLimited(HealthEvent e) {
        if (throttle.allow(e.kind(), e.subject())) {
            post(e);
        }
    }

    private void post(HealthEvent e) {
        EventAdmin admin = eventAdmin;
        if (admin != null) {
            try {
                admin.postEvent(e.toEvent());
            } catch (RuntimeException ex) {
                LOG.debug("Cannot post {}: {}", e.topic(), ex.toString());
            }
        }
    }

    /** This host's name as a node id: lower case, other characters replaced by '-'. */
    static NodeId hostNodeId() {
        String name = System.getenv("HOSTNAME");
        if (name == null || name.isBlank()) {
            try {
                name = Files.readString(Paths.get("/etc/hostname")).trim();
            } catch (IOException | RuntimeException e) {
                name = "localhost";
            }
        }
        return sanitize(name);
    }

    static NodeId sanitize(String name) {
        String s = name.trim().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._:-]", "-");
        s = s.replaceAll("^[^a-z0-9]+", "");
        if (s.length() > 64) {
            s = s.substring(0, 64);
        }
        return NodeId.of(s.isEmpty() ? "localhost" : s);
    }
}
