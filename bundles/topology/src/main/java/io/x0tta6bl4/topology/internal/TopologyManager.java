package io.x0tta6bl4.topology.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.x0tta6bl4.api.topology.CriticalElements;
import io.x0tta6bl4.api.topology.Link;
import io.x0tta6bl4.api.topology.LinkPenalty;
import io.x0tta6bl4.api.topology.LinkId;
import io.x0tta6bl4.api.topology.LinkWeigher;
import io.x0tta6bl4.api.topology.Node;
import io.x0tta6bl4.api.topology.NodeId;
import io.x0tta6bl4.api.topology.Path;
import io.x0tta6bl4.api.topology.QualityWeigher;
import io.x0tta6bl4.api.topology.TopologyAdmin;
import io.x0tta6bl4.api.topology.TopologyService;
import io.x0tta6bl4.api.topology.TopologySnapshot;
import io.x0tta6bl4.api.topology.TopologyStatistics;
import io.x0tta6bl4.api.topology.provider.LinkObservation;
import io.x0tta6bl4.api.topology.provider.MeshProvider;
import io.x0tta6bl4.api.topology.provider.NodeObservation;
import io.x0tta6bl4.api.topology.provider.TopologyProviderService;

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
 * else reads {@link TopologyService}. The work is done by the model, the graph classes
 * and the sweeper; this class wires them to OSGi.
 */
@Component(service = {TopologyService.class, TopologyProviderService.class, TopologyAdmin.class}, immediate = true,
        configurationPid = TopologyManager.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = TopologyConfiguration.class)
public final class TopologyManager implements TopologyService, TopologyProviderService, TopologyAdmin {

    static final String PID = "io.x0tta6bl4.topology";

    private static final Logger LOG = LoggerFactory.getLogger(TopologyManager.class);

    private final TopologyModel model;
    private final WeigherRegistry weighers = new WeigherRegistry();
    private final EventPublisher events = new EventPublisher();
    private final Map<MeshProvider, String> providers = new ConcurrentHashMap<>();
    private final ConfigReader configReader = new ConfigReader(weighers::contains, LOG::warn);
    private volatile TopologyConfig config = TopologyConfig.DEFAULTS;
    private volatile MeshGraph graph = MeshGraph.of(TopologySnapshot.EMPTY);
    private NodeSweeper sweeper;

    public TopologyManager() {
        this(Clock.systemUTC());
    }

    TopologyManager(Clock clock) {
        model = new TopologyModel(clock, new LinkQualityScorer());
    }

    @Activate
    void activate(Map<String, Object> properties) {
        configure(properties);
        sweeper = new NodeSweeper(this::sweep);
        sweeper.schedule(config.sweepIntervalMs());
    }

    @Modified
    void modified(Map<String, Object> properties) {
        configure(properties);
        sweeper.schedule(config.sweepIntervalMs());
    }

    @Deactivate
    void deactivate() {
        sweeper.stop();
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

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "removeProvider")
    void addProvider(MeshProvider provider) {
        providers.put(provider, provider.id());
    }

    /** A provider that goes away takes what it reported with it: nothing stale stays behind. */
    void removeProvider(MeshProvider provider) {
        String id = providers.remove(provider);
        if (id != null && !providers.containsValue(id)) {
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
    public Optional<Node> node(NodeId id) {
        return snapshot().node(id);
    }

    @Override
    public List<Link> links(NodeId id) {
        return snapshot().linksOf(id);
    }

    @Override
    public Optional<Path> path(NodeId source, NodeId destination) {
        // a plugin weigher named as the default may have gone away since it was configured
        LinkWeigher weigher = weighers.get(config.defaultWeigher());
        return path(source, destination, weigher == null ? QualityWeigher.INSTANCE : weigher);
    }

    @Override
    public Optional<Path> path(NodeId source, NodeId destination, String weigherName) {
        LinkWeigher weigher = weighers.get(weigherName);
        if (weigher == null) {
            throw new IllegalArgumentException("unknown weigher '" + weigherName + "', known: "
                    + String.join(", ", weighers.names()));
        }
        return path(source, destination, weigher);
    }

    private Optional<Path> path(NodeId source, NodeId destination, LinkWeigher weigher) {
        MeshGraph g = graph();
        for (NodeId id : List.of(source, destination)) {
            if (!g.snapshot().nodes().containsKey(id)) {
                throw new IllegalArgumentException("unknown node '" + id + "'");
            }
        }
        return ShortestPaths.find(g, source, destination, weigher);
    }

    @Override
    public TopologyStatistics statistics() {
        return graph().statistics();
    }

    @Override
    public Set<String> weighers() {
        return weighers.names();
    }

    @Override
    public CriticalElements critical() {
        return graph().critical();
    }

    // --- remediation

    @Override
    public void penalize(LinkId link, double factor, Duration duration, String reason) {
        Objects.requireNonNull(link, "link");
        Changes changes = model.penalize(link, factor, duration, reason);
        LOG.info("Penalized link {} by x{} for {}: {}", link, factor, duration, reason);
        events.publish(changes);
    }

    @Override
    public boolean clearPenalty(LinkId link) {
        boolean[] found = new boolean[1];
        events.publish(model.clearPenalty(Objects.requireNonNull(link, "link"), found));
        return found[0];
    }

    @Override
    public List<LinkPenalty> penalties() {
        return model.penalties();
    }

    private MeshGraph graph() {
        TopologySnapshot current = snapshot();
        MeshGraph g = graph;
        if (g.snapshot() != current) {
            // two readers may both build it; either result is correct
            g = MeshGraph.of(current);
            graph = g;
        }
        return g;
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
    public void linkGone(String providerId, LinkId link) {
        events.publish(model.linkGone(provider(providerId), Objects.requireNonNull(link, "link")));
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
