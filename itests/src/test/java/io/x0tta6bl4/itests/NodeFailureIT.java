package io.x0tta6bl4.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import javax.inject.Inject;

import io.x0tta6bl4.api.event.HealthEvent;
import io.x0tta6bl4.api.event.HealthKinds;
import io.x0tta6bl4.api.event.Topics;
import io.x0tta6bl4.api.topology.NodeId;
import io.x0tta6bl4.api.topology.NodeState;
import io.x0tta6bl4.api.topology.TopologyService;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

/**
 * A node failed in the simulator stops being reported; the topology service must mark it
 * DOWN and post NODE_DOWN within its configured timeout, with a bad config value refused.
 */
public class NodeFailureIT extends PlatformTestSupport {

    private static final String PID = "io.x0tta6bl4.topology";
    private static final long TIMEOUT_MS = 1500;
    private static final long SWEEP_MS = 250;
    /** The sim reports every 1000 ms; the default timeout is 5000 ms. */
    private static final long SIM_INTERVAL_MS = 1000;

    @Inject
    private ConfigurationAdmin configAdmin;

    private final BlockingQueue<HealthEvent> health = new LinkedBlockingQueue<>();
    private ServiceRegistration<EventHandler> handler;

    @Before
    public void listen() {
        awaitSimulatedMesh();
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(EventConstants.EVENT_TOPIC, new String[] {
            Topics.health("topology", HealthKinds.NODE_DOWN), Topics.health("topology", HealthKinds.NODE_UP)});
        handler = context.registerService(EventHandler.class, e -> health.add(HealthEvent.from(e)), props);
    }

    @After
    public void stopListening() {
        handler.unregister();
        shell().run("sim:recover --all").assertOk();
    }

    @Test
    public void failedNodeIsMarkedDownWithinTheTimeoutAndComesBack() throws Exception {
        configure("node.timeout.ms", String.valueOf(TIMEOUT_MS), "sweep.interval.ms", String.valueOf(SWEEP_MS));
        // A bad value must be refused and the last good timeout must stay in force.
        configure("node.timeout.ms", "banana");
        Await.until("the refusal of node.timeout.ms=banana in the log", Duration.ofSeconds(10),
                () -> shell().run("log:display").out().contains("banana"));

        NodeId victim = NodeId.of("sim-07");
        long failedAt = System.nanoTime();
        shell().run("sim:fail-node --silent " + victim).assertOk();

        HealthEvent down = next(HealthKinds.NODE_DOWN, victim, Duration.ofSeconds(10));
        long detectedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - failedAt);
        System.out.println("NODE_DOWN for " + victim + " after " + detectedMs + " ms (timeout "
                + TIMEOUT_MS + " ms, sweep " + SWEEP_MS + " ms, sim interval " + SIM_INTERVAL_MS + " ms)");
        assertTrue("NODE_DOWN after " + detectedMs + " ms: the 1500 ms timeout was not in force",
                detectedMs <= TIMEOUT_MS + SWEEP_MS + 1500);
        assertEquals("topology", down.source());
        assertEquals("topology", down.area());

        Await.until(victim + " DOWN in the snapshot", Duration.ofSeconds(5),
                () -> topology.node(victim).map(n -> n.state() == NodeState.DOWN).orElse(false));
        assertTrue("links of a DOWN node leave the graph", topology.links(victim).isEmpty());
        assertEquals(SIM_SIZE - 1, upNodes());
        assertTrue(shell().run("mesh:node " + victim).assertOk().out().contains("DOWN"));

        shell().run("sim:recover " + victim).assertOk();
        next(HealthKinds.NODE_UP, victim, Duration.ofSeconds(10));
        Await.until(victim + " UP with links again", Duration.ofSeconds(10),
                () -> topology.node(victim).map(n -> n.isUp()).orElse(false) && !topology.links(victim).isEmpty());
    }

    private HealthEvent next(String kind, NodeId subject, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            HealthEvent e = health.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (e != null && e.kind().equals(kind) && e.subject().equals(subject.value())) {
                return e;
            }
        }
        throw new AssertionError("no " + kind + " for " + subject + " within " + timeout.toMillis() + " ms");
    }

    /** Updates the topology configuration and waits until the component has seen it. */
    private void configure(String... keyValues) throws Exception {
        Configuration config = configAdmin.getConfiguration(PID, null);
        Dictionary<String, Object> props = config.getProperties();
        for (int i = 0; i < keyValues.length; i += 2) {
            props.put(keyValues[i], keyValues[i + 1]);
        }
        config.update(props);
        String key = keyValues[0];
        String value = keyValues[1];
        Await.until("topology service to carry " + key + "=" + value, Duration.ofSeconds(10), () -> {
            ServiceReference<TopologyService> ref = context.getServiceReference(TopologyService.class);
            return ref != null && value.equals(String.valueOf(ref.getProperty(key)));
        });
    }
}
