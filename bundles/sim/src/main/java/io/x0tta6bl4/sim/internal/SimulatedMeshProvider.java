package io.x0tta6bl4.sim.internal;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.x0tta6bl4.api.topology.NodeId;
import io.x0tta6bl4.api.topology.provider.MeshProvider;
import io.x0tta6bl4.api.topology.provider.TopologyProviderService;
import io.x0tta6bl4.support.concurrent.NamedThreads;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulated mesh: reports a generated mesh to the topology service on every tick,
 * with jittered metrics and the faults the operator injected from the shell.
 * <p>
 * Everything that talks to the topology service runs on the one ticker thread, so a
 * regeneration's withdraw can never be overtaken by a round of the old mesh.
 */
@Component(
        immediate = true,
        configurationPid = SimulatedMeshProvider.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL,
        service = {MeshProvider.class, SimAdmin.class},
        property = MeshProvider.ID_PROPERTY + "=" + SimulatedMeshProvider.PROVIDER_ID)
@Designate(ocd = SimConfiguration.class)
public class SimulatedMeshProvider implements MeshProvider, SimAdmin {

    public static final String PID = "io.x0tta6bl4.sim";
    public static final String PROVIDER_ID = "sim";
    public static final String THREAD_NAME = "x0tta6bl4-sim-ticker";

    private static final Logger LOG = LoggerFactory.getLogger(SimulatedMeshProvider.class);
    private static final long SHUTDOWN_WAIT_MS = 5_000;

    private final TopologyProviderService topology;
    private final SimConfigReader configReader = new SimConfigReader(LOG::warn);
    private final DistinctFailureLog failures = new DistinctFailureLog();
    private final AtomicLong ticks = new AtomicLong();
    private final Clock clock;

    private volatile SimConfig config;
    private volatile Simulation simulation;

    // Guarded by this.
    private ScheduledExecutorService ticker;
    private ScheduledFuture<?> schedule;

    @Activate
    public SimulatedMeshProvider(@Reference(name = "topology") TopologyProviderService topology, Map<String, Object> properties) {
        this(topology, properties, Clock.systemUTC());
    }

    SimulatedMeshProvider(TopologyProviderService topology, Map<String, Object> properties, Clock clock) {
        this.topology = topology;
        this.clock = clock;
        this.config = configReader.read(properties, SimConfig.DEFAULTS);
        this.simulation = new Simulation(generate(config));
    }

    @Activate
    synchronized void activate() {
        ticker = NamedThreads.single(THREAD_NAME);
        // First round at once, but off the activation thread.
        reschedule(0);
        LOG.info("Simulating a {} mesh of {} nodes (seed {}), reporting every {} ms, churn {}",
                config.shape().label(), config.size(), config.seed(), config.intervalMs(), config.churn());
    }

    @Modified
    synchronized void modified(Map<String, Object> properties) {
        SimConfig previous = config;
        SimConfig next = configReader.read(properties, previous);
        config = next;
        if (previous.meshDiffers(next)) {
            // Generating 10,000 nodes takes a while: on the ticker, not the configuration thread.
            // The old nodes go before the new mesh is reported, in ticker order.
            onTicker(() -> {
                Simulation fresh = new Simulation(generate(next));
                withdraw();
                simulation = fresh;
                LOG.info("Regenerated the simulated mesh: {} of {} nodes (seed {})",
                        next.shape().label(), next.size(), next.seed());
            });
            reschedule(0);
        } else if (previous.intervalMs() != next.intervalMs()) {
            reschedule(next.intervalMs());
        }
    }

    @Deactivate
    void deactivate() {
        ScheduledExecutorService executor;
        synchronized (this) {
            executor = ticker;
            ticker = null;
            schedule = null;
        }
        if (executor != null) {
            executor.shutdown();
            try {
                if (!executor.awaitTermination(SHUTDOWN_WAIT_MS, TimeUnit.MILLISECONDS)) {
                    executor.shutdownNow();
                    LOG.warn("The simulator's ticker did not stop within {} ms; interrupted it", SHUTDOWN_WAIT_MS);
                }
            } catch (InterruptedException e) {
                executor.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
        withdraw();
    }

    /** One round: report every alive node and every link between alive nodes. */
    void tick() {
        try {
            ticks.incrementAndGet();
            SimConfig c = config;
            Round round = simulation.nextRound(clock.instant(), c.jitter(), c.churn(), c.center());
            topology.report(PROVIDER_ID, round.nodes(), round.links());
            if (failures.succeeded()) {
                LOG.info("The topology service accepts the simulated mesh again");
            }
        } catch (RuntimeException e) {
            // Never let an exception escape: it would silently cancel the periodic schedule.
            if (failures.firstTime(e)) {
                LOG.warn("The topology service refused the simulated mesh: {}", e.toString());
            }
        }
    }

    private void withdraw() {
        try {
            topology.withdraw(PROVIDER_ID);
        } catch (RuntimeException e) {
            // The topology service may itself be going away; its own cleanup covers us.
            LOG.debug("Could not withdraw the simulated mesh", e);
        }
    }

    private synchronized void reschedule(long initialDelayMs) {
        if (ticker == null) {
            return;
        }
        if (schedule != null) {
            schedule.cancel(false);
        }
        // Fixed delay, not rate: a slow topology service must not get rounds back to back.
        schedule = ticker.scheduleWithFixedDelay(this::tick, initialDelayMs, config.intervalMs(), TimeUnit.MILLISECONDS);
    }

    private synchronized void onTicker(Runnable task) {
        if (ticker == null) {
            task.run();
        } else {
            ticker.execute(task);
        }
    }

    private static SimMesh generate(SimConfig config) {
        return MeshGenerator.generate(config.shape(), config.size(), config.seed());
    }

    SimConfig config() {
        return config;
    }

    // MeshProvider

    @Override
    public String id() {
        return PROVIDER_ID;
    }

    @Override
    public String description() {
        SimConfig c = config;
        return "Simulated " + c.shape().label() + " mesh of " + c.size() + " nodes (seed " + c.seed() + ")";
    }

    // SimAdmin

    @Override
    public SimStatus status() {
        Simulation sim = simulation;
        SimMesh mesh = sim.mesh();
        return new SimStatus(config, mesh.size(), mesh.edges().size(), sim.aliveCount(), sim.failedNodes(),
                sim.degradedLinks(), ticks.get());
    }

    @Override
    public List<String> nodeIds() {
        return simulation.mesh().nodes().stream().map(n -> n.id().value()).toList();
    }

    @Override
    public boolean failNode(String id, boolean silent) {
        NodeId node = NodeId.of(id);
        boolean failed = simulation.failNode(node);
        if (failed && !silent) {
            // on the ticker, so a round computed before the failure cannot revive the node after it
            onTicker(() -> reportLost(node));
        }
        return failed;
    }

    private void reportLost(NodeId node) {
        try {
            topology.nodeLost(PROVIDER_ID, node, "simulated failure (sim:fail-node)");
        } catch (RuntimeException e) {
            LOG.warn("The topology service refused the loss of {}: {}", node, e.toString());
        }
    }

    @Override
    public void degradeLink(String a, String b, Degradation fault) {
        simulation.degradeLink(NodeId.of(a), NodeId.of(b), fault);
    }

    @Override
    public boolean recoverNode(String id) {
        return simulation.recoverNode(NodeId.of(id));
    }

    @Override
    public boolean recoverLink(String a, String b) {
        return simulation.recoverLink(NodeId.of(a), NodeId.of(b));
    }

    @Override
    public Simulation.Recovered recoverAll() {
        return simulation.recoverAll();
    }
}
