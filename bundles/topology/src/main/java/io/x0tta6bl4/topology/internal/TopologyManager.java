package io.x0tta6bl4.topology.internal;

import java.io.File;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.x0tta6bl4.api.topology.CriticalElements;
import io.x0tta6bl4.api.topology.Disjointness;
import io.x0tta6bl4.api.topology.Eccentricities;
import io.x0tta6bl4.api.topology.Link;
import io.x0tta6bl4.api.topology.LinkPenalty;
import io.x0tta6bl4.api.topology.LinkSample;
import io.x0tta6bl4.api.topology.LinkId;
import io.x0tta6bl4.api.topology.LinkWeigher;
import io.x0tta6bl4.api.topology.Node;
import io.x0tta6bl4.api.topology.NodeId;
import io.x0tta6bl4.api.topology.Path;
import io.x0tta6bl4.api.topology.PathPair;
import io.x0tta6bl4.api.topology.TopologyAdmin;
import io.x0tta6bl4.api.topology.TopologyService;
import io.x0tta6bl4.api.topology.TopologySnapshot;
import io.x0tta6bl4.api.topology.TopologyStatistics;
import io.x0tta6bl4.api.topology.provider.LinkObservation;
import io.x0tta6bl4.api.topology.provider.MeshProvider;
import io.x0tta6bl4.api.topology.provider.NodeObservation;
import io.x0tta6bl4.api.topology.provider.TopologyProviderService;

import org.osgi.framework.ServiceReference;
import org.osgi.service.component.ComponentContext;
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
 * The topology service: providers write through {@link TopologyProviderService}, everyone
 * else reads {@link TopologyService}, remediation steers through {@link TopologyAdmin}. The
 * work is done by the model ({@link TopologyModel}), the path queries ({@link PathQueries}),
 * the analytics, the provider tracking ({@link ProviderTracker}), the penalty persistence
 * ({@link PenaltyPersistence}) and the sweeper; this class wires them to OSGi, owns the
 * batcher thread and posts each call's events once the model's lock is released.
 */
@Component(service = {TopologyService.class, TopologyProviderService.class, TopologyAdmin.class}, immediate = true,
        configurationPid = TopologyManager.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = TopologyConfiguration.class)
public final class TopologyManager implements TopologyService, TopologyProviderService, TopologyAdmin {

    static final String PID = "io.x0tta6bl4.topology";

    private static final Logger LOG = LoggerFactory.getLogger(TopologyManager.class);

    static final String BATCHER_THREAD = "x0tta6bl4-topology-batcher";

    private final TopologyModel model;
    private final WeigherRegistry weighers = new WeigherRegistry();
    private final EventPublisher events = new EventPublisher();
    private final Analytics analytics = new Analytics();
    private final PathQueries paths;
    private final PenaltyPersistence penaltyPersistence;
    private final ProviderTracker providers = new ProviderTracker(this::withdraw, this::locateProvider);
    private volatile ComponentContext context;
    private final TopologyConfigReader configReader = new TopologyConfigReader(weighers::contains, LOG::warn);
    private volatile TopologyConfig config = TopologyConfig.DEFAULTS;
    private NodeSweeper sweeper;
    private volatile ScheduledExecutorService batcher;

    public TopologyManager() {
        this(Clock.systemUTC());
    }

    TopologyManager(Clock clock) {
        model = new TopologyModel(clock, new LinkQualityScorer());
        paths = new PathQueries(model::graph, this::snapshot, weighers, () -> config.defaultWeigher());
        penaltyPersistence = new PenaltyPersistence(model, events, clock);
    }

    @Activate
    void start(ComponentContext componentContext, Map<String, Object> properties) {
        context = componentContext;
        File data = componentContext.getBundleContext().getDataFile(PenaltyStore.FILE);
        if (data != null) {
            penaltyPersistence.keepIn(data.toPath());
        }
        activate(properties);
    }

    /** Keeps penalties in {@code file} (tests; the component uses its bundle's data area). */
    void persistPenaltiesIn(java.nio.file.Path file) {
        penaltyPersistence.keepIn(file);
    }

    /** Activation without OSGi (tests). */
    void activate(Map<String, Object> properties) {
        configure(properties);
        sweeper = new NodeSweeper(this::sweep);
        sweeper.schedule(config.sweepIntervalMs());
        batcher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, BATCHER_THREAD);
            t.setDaemon(true);
            return t;
        });
        model.batch(config.batching(), batcher, events::publish);
        analytics.start(config.threads(), config.statisticsSyncMaxNodes());
        penaltyPersistence.start(batcher);
    }

    @Modified
    void modified(Map<String, Object> properties) {
        TopologyConfig before = config;
        configure(properties);
        sweeper.schedule(config.sweepIntervalMs());
        model.batch(config.batching(), batcher, events::publish);
        if (before.threads() != config.threads()) {
            analytics.start(config.threads(), config.statisticsSyncMaxNodes());
        } else {
            analytics.syncMaxNodes(config.statisticsSyncMaxNodes());
        }
    }

    @Deactivate
    void deactivate() {
        events.publish(model.stopBatching());
        sweeper.stop();
        batcher.shutdownNow();
        try {
            if (!batcher.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("{} did not stop within 5 s", BATCHER_THREAD);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        penaltyPersistence.stop();
        analytics.stop();
    }

    private synchronized void configure(Map<String, Object> properties) {
        config = configReader.read(config, properties);
        model.configure(config);
    }

    TopologyConfig config() {
        return config;
    }

    /** One liveness pass; the sweeper calls it, and tests call it with their own clock. */
    void sweep() {
        events.publish(model.sweep());
        penaltyPersistence.changed();
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unbindEventAdmin")
    void bindEventAdmin(EventAdmin eventAdmin) {
        events.bind(eventAdmin);
    }

    void unbindEventAdmin(EventAdmin eventAdmin) {
        events.unbind(eventAdmin);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "removeWeigher")
    void addWeigher(LinkWeigher weigher) {
        weighers.add(weigher);
    }

    void removeWeigher(LinkWeigher weigher) {
        weighers.remove(weigher);
    }

    /** Providers are tracked by service reference; see {@link ProviderTracker}. */
    @Reference(name = "provider", service = MeshProvider.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY,
            unbind = "removeProviderReference")
    void addProviderReference(ServiceReference<MeshProvider> reference) {
        providers.add(reference);
    }

    void removeProviderReference(ServiceReference<MeshProvider> reference) {
        providers.remove(reference);
    }

    /** Binding by object, for tests. */
    void addProvider(MeshProvider provider) {
        providers.add(provider);
    }

    /** A provider that goes away takes what it reported with it: nothing stale stays behind. */
    void removeProvider(MeshProvider provider) {
        providers.remove(provider);
    }

    private MeshProvider locateProvider(ServiceReference<MeshProvider> reference) {
        ComponentContext cc = context;
        return cc == null ? null : cc.locateService("provider", reference);
    }

    // --- read side

    @Override
    public TopologySnapshot snapshot() {
        return model.snapshot();
    }

    @Override
    public long version() {
        return model.graph().version;
    }

    @Override
    public Optional<Node> node(NodeId id) {
        // one record from the model: no need to build a whole snapshot of a large mesh
        return model.node(id);
    }

    @Override
    public List<Link> links(NodeId id) {
        return model.graph().linksOf(id);
    }

    @Override
    public Optional<Path> path(NodeId source, NodeId destination) {
        return paths.path(source, destination, null);
    }

    @Override
    public Optional<Path> path(NodeId source, NodeId destination, String weigherName) {
        return paths.path(source, destination, Objects.requireNonNull(weigherName, "weigher"));
    }

    @Override
    public Optional<Path> forwardedPath(NodeId source, NodeId destination, String weigherName) {
        return paths.forwardedPath(source, destination, weigherName);
    }

    @Override
    public List<Path> paths(NodeId source, NodeId destination, int k, String weigherName) {
        return paths.paths(source, destination, k, weigherName);
    }

    @Override
    public Optional<PathPair> disjointPaths(NodeId source, NodeId destination, Disjointness disjointness,
                                            String weigherName) {
        return paths.disjointPaths(source, destination, disjointness, weigherName);
    }

    @Override
    public TopologyStatistics statistics() {
        return analytics.analysis(model.graph()).statistics();
    }

    @Override
    public Eccentricities eccentricities() {
        return analytics.eccentricities(model.graph()).byNode();
    }

    @Override
    public List<SortedSet<NodeId>> components() {
        return GraphStatistics.componentMembers(model.graph());
    }

    @Override
    public List<LinkSample> history(LinkId link) {
        return model.history(Objects.requireNonNull(link, "link"));
    }

    @Override
    public Set<String> weighers() {
        return weighers.names();
    }

    @Override
    public CriticalElements critical() {
        return model.graph().critical();
    }

    // --- remediation

    @Override
    public void penalize(LinkId link, double factor, Duration duration, String reason) {
        Objects.requireNonNull(link, "link");
        Changes changes = model.penalize(link, factor, duration, reason);
        LOG.info("Penalized link {} by x{} for {}: {}", link, factor, duration, reason);
        events.publish(changes);
        penaltyPersistence.changed();
    }

    @Override
    public boolean clearPenalty(LinkId link) {
        boolean[] found = new boolean[1];
        events.publish(model.clearPenalty(Objects.requireNonNull(link, "link"), found));
        penaltyPersistence.changed();
        return found[0];
    }

    @Override
    public List<LinkPenalty> penalties() {
        return model.penalties();
    }

    /** The graph of the current version (tests). */
    CompactGraph graph() {
        return model.graph();
    }

    /** Closes the open batch now (tests and benchmarks; readers do it anyway). */
    void flush() {
        model.flush();
    }

    // --- write side

    @Override
    public void nodeSeen(String providerId, NodeObservation observation) {
        events.publish(model.nodeSeen(provider(providerId), Objects.requireNonNull(observation, "observation")));
    }

    @Override
    public void linkMeasured(String providerId, LinkObservation observation) {
        events.publish(model.linkMeasured(provider(providerId), Objects.requireNonNull(observation, "observation")));
    }

    @Override
    public void report(String providerId, Collection<NodeObservation> nodes, Collection<LinkObservation> links) {
        events.publish(model.report(provider(providerId), nodes == null ? List.of() : List.copyOf(nodes),
                links == null ? List.of() : List.copyOf(links)));
    }

    @Override
    public void linksMeasured(String providerId, Collection<LinkObservation> links) {
        events.publish(model.report(provider(providerId), List.of(), links == null ? List.of() : List.copyOf(links)));
    }

    @Override
    public void linkGone(String providerId, LinkId link) {
        events.publish(model.linkGone(provider(providerId), Objects.requireNonNull(link, "link")));
    }

    @Override
    public void nodeLost(String providerId, NodeId node, String reason) {
        events.publish(model.nodeLost(provider(providerId), Objects.requireNonNull(node, "node"),
                reason == null || reason.isBlank() ? "no reason given" : reason));
    }

    @Override
    public void nodeGone(String providerId, NodeId node) {
        events.publish(model.nodeGone(provider(providerId), Objects.requireNonNull(node, "node")));
    }

    @Override
    public void withdraw(String providerId) {
        events.publish(model.withdraw(provider(providerId)));
    }

    private static String provider(String providerId) {
        if (providerId == null || providerId.isBlank()) {
            throw new IllegalArgumentException("a provider id is required");
        }
        return providerId;
    }
}
