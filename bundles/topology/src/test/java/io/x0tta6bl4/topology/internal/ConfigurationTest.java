package io.x0tta6bl4.topology.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import io.x0tta6bl4.support.testing.MutableClock;

/** The component's side: activation never fails on bad values, and modified keeps the last good ones. */
class ConfigurationTest {

    private final TopologyManager topology = new TopologyManager(new MutableClock(Mesh.t0()));

    @AfterEach
    void stop() {
        topology.deactivate();
    }

    @Test
    void badValuesAtActivationFallBackToTheDefaults() {
        topology.activate(Map.of("node.timeout.ms", "soon", "default.weigher", "hops"));
        assertEquals(5000, topology.config().nodeTimeoutMs());
        assertEquals("hops", topology.config().defaultWeigher());
    }

    @Test
    void modifiedKeepsTheLastGoodValue() {
        topology.activate(Map.of("node.timeout.ms", "2000", "sweep.interval.ms", "500"));
        topology.modified(Map.of("node.timeout.ms", "banana", "sweep.interval.ms", "250",
                "link.update.threshold", "2"));
        TopologyConfig c = topology.config();
        assertEquals(2000, c.nodeTimeoutMs());
        assertEquals(250, c.sweepIntervalMs());
        assertEquals(0.05, c.linkUpdateThreshold());
    }

    @Test
    void aPluginWeigherCanBeTheDefault() {
        topology.addWeigher(new io.x0tta6bl4.api.topology.LinkWeigher() {
            @Override
            public double weight(io.x0tta6bl4.api.topology.Link link) {
                return 1;
            }

            @Override
            public String name() {
                return "plugin";
            }
        });
        topology.activate(Map.of("default.weigher", "plugin"));
        assertEquals("plugin", topology.config().defaultWeigher());
    }
}
