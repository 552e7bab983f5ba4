package io.x0tta6bl4.healing.internal;

import java.io.File;
import java.time.Clock;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.x0tta6bl4.api.ebpf.MeshGuard;
import io.x0tta6bl4.api.event.Topics;
import io.x0tta6bl4.api.healing.ActionInfo;
import io.x0tta6bl4.api.healing.AnomalyDetector;
import io.x0tta6bl4.api.healing.DetectorInfo;
import io.x0tta6bl4.api.healing.HealingService;
import io.x0tta6bl4.api.healing.HealingStats;
import io.x0tta6bl4.api.healing.HealingTopics;
import io.x0tta6bl4.api.healing.Incident;
import io.x0tta6bl4.api.healing.RemediationAction;
import io.x0tta6bl4.api.identity.IdentityService;
import io.x0tta6bl4.api.identity.NodeAttestor;
import io.x0tta6bl4.api.identity.PeerAttestations;
import io.x0tta6bl4.api.identity.PeerEndpoints;
import io.x0tta6bl4.api.topology.LinkId;
import io.x0tta6bl4.api.topology.TopologyAdmin;
import io.x0tta6bl4.api.topology.TopologyService;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the loop to OSGi. Activation only reads the configuration and starts a thread that
 * opens the knowledge store and starts Camel; the EventAdmin handler is registered once the
 * routes run. Every other service is an optional dynamic reference, so healing works
 * without topology, identity or eBPF.
 */
@Component(service = HealingService.class, immediate = true, configurationPid = HealingManager.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = HealingConfiguration.class)
public final class HealingManager implements HealingService {

    static final String PID = "io.x0tta6bl4.healing";
    static final String STORE_FILE = "knowledge.mv.db";

    private static final Logger LOG = LoggerFactory.getLogger(HealingManager.class);

    private final AtomicReference<TopologyService> topology = new AtomicReference<>();
    private final AtomicReference<TopologyAdmin> topologyAdmin = new AtomicReference<>();
    private final AtomicReference<MeshGuard> meshGuard = new AtomicReference<>();
    private final AtomicReference<IdentityService> identity = new AtomicReference<>();
    private final AtomicReference<NodeAttestor> attestor = new AtomicReference<>();
    private final AtomicReference<PeerEndpoints> endpoints = new AtomicReference<>();
    private final AtomicReference<PeerAttestations> attestations = new AtomicReference<>();
    private final AtomicReference<EventAdmin> eventAdmin = new AtomicReference<>();
    private final ActionRegistry actions = new ActionRegistry();
    /** Plugin detectors and their names (service property healing.detector, else the class). */
    private final Map<AnomalyDetector, String> detectors = new ConcurrentHashMap<>();
    private final HealingConfigReader reader = new HealingConfigReader(LOG::warn);

    private volatile HealingConfig config = HealingConfig.DEFAULTS;
    private volatile HealingPipeline pipeline;
    private volatile boolean stopping;
    private ServiceRegistration<EventHandler> handler;
    private ServiceRegistration<EventHandler> reverts;
    private Thread starter;

    @Activate
    void activate(BundleContext context, Map<String, Object> properties) {
        config = reader.read(HealingConfig.DEFAULTS, properties);
        HealingConfig initial = config;
        starter = new Thread(() -> start(context, initial), "x0tta6bl4-healing-start");
        starter.setDaemon(true);
        starter.start();
    }

    private void start(BundleContext context, HealingConfig initial) {
        HealingPipeline p = null;
        try {
            File file = context.getDataFile(STORE_FILE);
            KnowledgeStore store = file == null ? KnowledgeStore.inMemory() : KnowledgeStore.open(file);
            p = new HealingPipeline(Clock.systemUTC(), initial, actions, store, this::post, topology::get, LOG::warn);
            BuiltInActions.register(actions, new ActionServices(topology::get, topologyAdmin::get, meshGuard::get,
                    identity::get, attestor::get, endpoints::get, attestations::get), context, p.template(),
                    () -> config.notifyUri());
            p.engine().mitigatedBy(this::penalized);
            p.engine().attestationsFrom(attestations::get);
            p.start();
            synchronized (this) {
                if (stopping) {
                    p.close();
                    return;
                }
                pipeline = p;
                // after publishing the pipeline: a detector bound meanwhile is in the map or finds the pipeline
                detectors.forEach(p.monitor()::addDetector);
                p.configure(config);
                Dictionary<String, Object> props = new Hashtable<>();
                props.put(EventConstants.EVENT_TOPIC, Topics.HEALTH_ALL);
                handler = context.registerService(EventHandler.class, p.bridge(), props);
                Dictionary<String, Object> revertProps = new Hashtable<>();
                revertProps.put(EventConstants.EVENT_TOPIC, HealingTopics.ACTION_REVERTED);
                reverts = context.registerService(EventHandler.class, new RevertIntake(p.engine()), revertProps);
            }
            LOG.info("Healing loop started: {} incidents known, dry-run {}", p.stats().incidents(), p.engine().dryRun());
        } catch (Exception | LinkageError e) {
            LOG.error("Healing loop could not start: {}", e.toString(), e);
            if (p != null) {
                p.close();
            }
        }
    }

    @Modified
    void modified(Map<String, Object> properties) {
        config = reader.read(config, properties);
        HealingPipeline p = pipeline;
        if (p != null) {
            p.configure(config);
        }
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        synchronized (this) {
            stopping = true;
        }
        Thread t = starter;
        if (t != null) {
            t.join(TimeUnit.SECONDS.toMillis(30));
        }
        HealingPipeline p;
        synchronized (this) {
            unregister(handler);
            unregister(reverts);
            handler = null;
            reverts = null;
            p = pipeline;
            pipeline = null;
        }
        if (p != null) {
            p.close();
        }
    }

    private static void unregister(ServiceRegistration<?> r) {
        if (r == null) {
            return;
        }
        try {
            r.unregister();
        } catch (IllegalStateException alreadyGone) {
            // the framework unregistered it
        }
    }

    /** Whether the topology penalizes the link (either direction), i.e. routing already avoids it. */
    private boolean penalized(String subject) {
        TopologyAdmin admin = topologyAdmin.get();
        if (admin == null || !subject.contains("->")) {
            return false;
        }
        LinkId link = LinkId.parse(subject);
        return admin.penalties().stream().anyMatch(x -> x.link().equals(link) || x.link().equals(link.reversed()));
    }

    private void post(String topic, Map<String, Object> properties) {
        EventAdmin ea = eventAdmin.get();
        if (ea != null) {
            ea.postEvent(new Event(topic, properties));
        }
    }

    // ------------------------------------------------------------------ references

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "removeAction")
    void addAction(RemediationAction action, Map<String, Object> props, ServiceReference<RemediationAction> ref) {
        String origin = ref.getBundle() == null ? "unknown" : ref.getBundle().getSymbolicName();
        ActionHandle h = ActionHandle.of(action, props, origin);
        if (h == null) {
            LOG.warn("Ignored a RemediationAction from {} without the {} property", origin, RemediationAction.NAME);
            return;
        }
        actions.add(h);
        LOG.info("Remediation action '{}' from {} for {}", h.name(), h.origin(), h.kinds());
    }

    void removeAction(RemediationAction action) {
        actions.remove(action);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "removeDetector")
    void addDetector(AnomalyDetector detector, Map<String, Object> properties) {
        Object name = properties.get(AnomalyDetector.NAME);
        String n = name == null || name.toString().isBlank() ? detector.getClass().getName() : name.toString();
        detectors.put(detector, n);
        HealingPipeline p = pipeline;
        if (p != null) {
            p.monitor().addDetector(detector, n);
        }
    }

    void removeDetector(AnomalyDetector detector) {
        detectors.remove(detector);
        HealingPipeline p = pipeline;
        if (p != null) {
            p.monitor().removeDetector(detector);
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unbindTopology")
    void bindTopology(TopologyService s) {
        topology.set(s);
    }

    void unbindTopology(TopologyService s) {
        topology.compareAndSet(s, null);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unbindTopologyAdmin")
    void bindTopologyAdmin(TopologyAdmin s) {
        topologyAdmin.set(s);
    }

    void unbindTopologyAdmin(TopologyAdmin s) {
        topologyAdmin.compareAndSet(s, null);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unbindMeshGuard")
    void bindMeshGuard(MeshGuard s) {
        meshGuard.set(s);
    }

    void unbindMeshGuard(MeshGuard s) {
        meshGuard.compareAndSet(s, null);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unbindIdentity")
    void bindIdentity(IdentityService s) {
        identity.set(s);
    }

    void unbindIdentity(IdentityService s) {
        identity.compareAndSet(s, null);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unbindAttestor")
    void bindAttestor(NodeAttestor s) {
        attestor.set(s);
    }

    void unbindAttestor(NodeAttestor s) {
        attestor.compareAndSet(s, null);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unbindEndpoints")
    void bindEndpoints(PeerEndpoints s) {
        endpoints.set(s);
    }

    void unbindEndpoints(PeerEndpoints s) {
        endpoints.compareAndSet(s, null);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unbindAttestations")
    void bindAttestations(PeerAttestations s) {
        attestations.set(s);
    }

    void unbindAttestations(PeerAttestations s) {
        attestations.compareAndSet(s, null);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unbindEventAdmin")
    void bindEventAdmin(EventAdmin s) {
        eventAdmin.set(s);
    }

    void unbindEventAdmin(EventAdmin s) {
        eventAdmin.compareAndSet(s, null);
    }

    // ------------------------------------------------------------------ HealingService

    private HealingPipeline running() {
        HealingPipeline p = pipeline;
        if (p == null) {
            throw new IllegalStateException("the healing loop is still starting");
        }
        return p;
    }

    @Override
    public List<Incident> incidents(boolean openOnly) {
        HealingPipeline p = pipeline;
        return p == null ? List.of() : p.engine().incidents(openOnly);
    }

    @Override
    public Optional<Incident> incident(String id) {
        HealingPipeline p = pipeline;
        return p == null ? Optional.empty() : p.engine().incident(id);
    }

    @Override
    public void approve(String id) {
        running().engine().approve(id);
    }

    @Override
    public boolean dryRun() {
        HealingPipeline p = pipeline;
        return p == null ? config.dryRun() : p.engine().dryRun();
    }

    @Override
    public void setDryRun(boolean on) {
        running().engine().setDryRun(on);
    }

    @Override
    public Map<String, List<String>> policies() {
        return new TreeMap<>(config.policies());
    }

    @Override
    public List<ActionInfo> actions() {
        if (pipeline == null) {
            return List.of(); // still starting: nothing would run yet
        }
        HealingConfig c = config;
        return actions.all().stream().map(h -> new ActionInfo(h.name(), h.kinds(), h.disruptive(),
                h.approval() || c.approvalActions().contains(h.name()), h.verify(), h.origin(), h.changes())).toList();
    }

    @Override
    public List<DetectorInfo> detectors() {
        HealingPipeline p = pipeline;
        return p == null ? List.of() : p.monitor().detectors();
    }

    @Override
    public HealingStats stats() {
        HealingPipeline p = pipeline;
        return p == null ? new HealingStats(0, 0, 0, null, 0, 0, 0, Map.of()) : p.stats();
    }
}
