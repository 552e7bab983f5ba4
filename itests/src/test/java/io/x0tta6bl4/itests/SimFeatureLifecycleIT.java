package io.x0tta6bl4.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;

import java.time.Duration;
import java.util.List;

import org.junit.Test;
import org.osgi.framework.Bundle;

/**
 * The simulated mesh is a feature like any other: uninstalling it at runtime withdraws its
 * nodes and stops its thread; installing it again brings the mesh back, repeatedly.
 */
public class SimFeatureLifecycleIT extends PlatformTestSupport {

    private static final String TICKER = "x0tta6bl4-sim";

    @Test
    public void uninstallAndInstallLeaveNoStaleNodesOrThreads() {
        awaitSimulatedMesh();
        assertEquals(List.of("x0tta6bl4-sim-ticker"), threadsNamed(TICKER));
        List<String> topologyThreads = threadsNamed("x0tta6bl4-topology");

        for (int round = 1; round <= 2; round++) {
            shell().run("feature:uninstall x0tta6bl4-sim").assertOk();
            Duration gone = Await.until("every simulated node withdrawn", Duration.ofSeconds(20),
                    () -> topology.snapshot().nodes().isEmpty(),
                    () -> topology.snapshot().nodes().keySet().toString());
            assertNull("sim bundle still installed", bundle("io.x0tta6bl4.sim"));
            Await.until("the sim ticker thread to end", Duration.ofSeconds(10),
                    () -> threadsNamed(TICKER).isEmpty(), () -> threadsNamed(TICKER).toString());
            System.out.println("round " + round + ": nodes withdrawn " + gone.toMillis() + " ms after feature:uninstall");

            shell().run("feature:install x0tta6bl4-sim").assertOk();
            Bundle sim = bundle("io.x0tta6bl4.sim");
            assertNotNull("sim bundle installed again", sim);
            awaitSimulatedMesh();
            assertEquals(Bundle.ACTIVE, sim.getState());
            assertEquals("exactly one ticker after round " + round,
                    List.of("x0tta6bl4-sim-ticker"), threadsNamed(TICKER));
            assertEquals("topology threads untouched", topologyThreads, threadsNamed("x0tta6bl4-topology"));
        }
    }
}
