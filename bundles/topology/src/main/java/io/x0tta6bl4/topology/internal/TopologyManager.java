package io.x0tta6bl4.topology.internal;

import java.io.File;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

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
 * else reads {@link TopologyService}. The work is done by the model, the path queries
 * ({@link PathQueries}), the graph classes and the sweeper; this class wires them to OSGi.
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
    /** Providers (service references, or objects in tests) and their ids; {@link #UNNAMED} until known. */
    private final Map<Object, String> providers = new ConcurrentHashMap<>();
    private static final String UNNAMED = "";
    private volatile ComponentContext context;
    private final TopologyConfigReader configReader = new TopologyConfigReader(weighers::contains, LOG::warn);
    private volatile TopologyConfig config = TopologyConfig.DEFAULTS;
    private NodeSweeper sweeper;
    private volatile ScheduledExecutorService batcher;
    private final Clock clock;
    /** Where penalties are kept across updates and restarts; null keeps them in memory only. */
    private volatile PenaltyStore penaltyStore;
    private final AtomicLong penaltiesSaved = new AtomicLong(-1);
    /** No save before the stored penalties are back in the model: it would overwrite them. */
    private volatile boolean penaltiesRestored;

    public TopologyManager() {
        this(Clock.systemUTC());
    }

    TopologyManager(Clock clock) {
        this.clock = clock;
        model = new TopologyModel(clock, new LinkQualityScorer());
        paths = new PathQueries(model::graph, this::snapshot, weighers, () -> config.defaultWeigher());
    }

    @Activate
    void start(ComponentContext componentContext, Map<String, Object> properties) {
        context = componentContext;
        File data = componentContext.getBundleContext().getDataFile(PenaltyStore.FILE);
        if (data != null) {
            penaltyStore = new PenaltyStore(data.toPath(), LOG::warn);
        }
        activate(properties);
    }

    /** Keeps penalties in {@code file} (tests; the component uses its bundle's data area). */
    void persistPenaltiesIn(java.nio.file.Path file) {
        penaltyStore = new PenaltyStore(file, LOG::warn);
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
        if (penaltyStore != null) {
            // disk off the activation thread; the batcher runs this before any later save
            batcher.execute(this::restorePenalties);
        }
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
        // a change not yet written (its save was still queued) is written now, so an update keeps it;
        // when the queued restore had not run yet (a stop right after the start), it runs now
        // first: the saved penalties join those set since, instead of blocking the save
        if (penaltyStore != null && !penaltiesRestored) {
            restorePenalties();
        } else {
            savePenalties();
        }
        analytics.stop();
    }

    private void restorePenalties() {
        PenaltyStore store = penaltyStore;
        List<LinkPenalty> saved = store.load(Instant.now(clock));
        if (!saved.isEmpty()) {
            LOG.info("Restored {} link penalties still in force", saved.size());
            events.publish(model.restorePenalties(saved));
        }
        if (saved.isEmpty() && model.penaltyChanges() == 0) {
            penaltiesSaved.compareAndSet(-1, 0);
        }
        penaltiesRestored = true;
        savePenalties();
    }

    /** Queues a save of the penalties on the batcher when they changed since the last one. */
    private void penaltiesChanged() {
        if (penaltyStore == null || model.penaltyChanges() == penaltiesSaved.get()) {
            return;
        }
        ScheduledExecutorService b = batcher;
        if (b == null) {
            savePenalties();
            return;
        }
        try {
            b.execute(this::savePenalties);
        } catch (RejectedExecutionException stopping) {
            // deactivation saves what is left
        }
    }

    private synchronized void savePenalties() {
        PenaltyStore store = penaltyStore;
        long changes = model.penaltyChanges();
        if (store == null || !penaltiesRestored || changes == penaltiesSaved.get()) {
            return;
        }
        try {
            store.save(model.penalties());
            penaltiesSaved.set(changes);
        } catch (IOException e) {
            LOG.warn("link penalties could not be saved (they stay in force until the bundle stops): {}", e.toString());
        }
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
        penaltiesChanged();
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

    /**
     * Tracks providers by service reference: their id comes from the service property
     * {@link MeshProvider#ID_PROPERTY}, so binding never takes the provider object, which
     * would activate a provider that itself waits for this component. A provider without
     * the property is asked for its id when it goes away.
     */
    @Reference(name = "provider", service = MeshProvider.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY,
            unbind = "removeProviderReference")
    void addProviderReference(ServiceReference<MeshProvider> reference) {
        Object id = reference.getProperty(MeshProvider.ID_PROPERTY);
        providers.put(reference, id == null ? UNNAMED : id.toString());
    }

    void removeProviderReference(ServiceReference<MeshProvider> reference) {
        String id = providers.remove(reference);
        if (UNNAMED.equals(id)) {
            ComponentContext cc = context;
            MeshProvider provider = cc == null ? null : (MeshProvider) cc.locateService("provider", reference);
            id = provider == null ? null : provider.id();
        }
        gone(id);
    }

    /** Binding by object, for tests. */
    void addProvider(MeshProvider provider) {
        providers.put(provider, provider.id());
    }

    /** A provider that goes away takes what it reported with it: nothing stale stays behind. */
    void removeProvider(MeshProvider provider) {
        gone(providers.remove(provider));
    }

    private void gone(String id) {
        if (id != null && !id.isEmpty() && !providers.containsValue(id)) {
            LOG.info("Mesh provider {} went away; withdrawing what it reported", id);
            withdraw(id);
        }
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
        CompactGraph g = model.graph();
        int u = g.indexOf(id);
        if (u < 0) {
            return List.of();
        }
        List<Link> out = new ArrayList<>();
        for (int e = g.outStart[u]; e < g.outStart[u + 1]; e++) {
            out.add(g.link(e));
        }
        for (int i = g.inStart[u]; i < g.inStart[u + 1]; i++) {
            out.add(g.link(g.inEdge[i]));
        }
        out.sort((a, b) -> a.id().compareTo(b.id()));
        return out;
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
        GraphStatistics.Analysis a = analytics.eccentricities(model.graph());
        long version = a.statistics().version();
        TreeMap<NodeId, Double> cost = new TreeMap<>();
        TreeMap<NodeId, Integer> hops = new TreeMap<>();
        NodeId[] ids = a.ids();
        for (int i = 0; i < ids.length; i++) {
            cost.put(ids[i], a.costEccentricity()[i]);
            hops.put(ids[i], a.hopEccentricity()[i]);
        }
        return new Eccentricities(version, cost, hops);
    }

    @Override
    public List<SortedSet<NodeId>> components() {
        CompactGraph g = model.graph();
        int[] root = GraphStatistics.componentRoots(g);
        Map<Integer, SortedSet<NodeId>> byRoot = new HashMap<>();
        for (int u = 0; u < root.length; u++) {
            byRoot.computeIfAbsent(root[u], r -> new TreeSet<>()).add(g.id(u));
        }
        List<SortedSet<NodeId>> out = new ArrayList<>(byRoot.values());
        out.sort((a, b) -> a.size() != b.size() ? Integer.compare(b.size(), a.size())
                : a.first().compareTo(b.first()));
        return out;
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
        penaltiesChanged();
    }

    @Override
    public boolean clearPenalty(LinkId link) {
        boolean[] found = new boolean[1];
        events.publish(model.clearPenalty(Objects.requireNonNull(link, "link"), found));
        penaltiesChanged();
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
