package io.x0tta6bl4.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import javax.inject.Inject;

import io.x0tta6bl4.api.topology.NodeId;
import io.x0tta6bl4.api.topology.TopologyStatistics;

import org.junit.Before;
import org.junit.Test;
import org.osgi.framework.Bundle;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

/** The distribution as an operator gets it: bundles, components, defaults, mesh: commands. */
public class DistributionIT extends PlatformTestSupport {

    @Inject
    private ServiceComponentRuntime scr;

    @Inject
    private ConfigurationAdmin configAdmin;

    @Before
    public void meshIsLive() {
        awaitSimulatedMesh();
    }

    @Test
    public void everyPlatformBundleIsActive() {
        Map<String, Integer> states = platformBundles().stream()
                .collect(Collectors.toMap(Bundle::getSymbolicName, Bundle::getState));
        assertTrue("bundles present: " + states.keySet(),
                states.keySet().containsAll(Set.of("io.x0tta6bl4.api", "io.x0tta6bl4.topology", "io.x0tta6bl4.sim",
                        "io.x0tta6bl4.identity", "io.x0tta6bl4.ebpf", "io.x0tta6bl4.healing")));
        states.forEach((name, state) -> assertEquals(name + " state", Bundle.ACTIVE, (int) state));
    }

    @Test
    public void everyComponentIsSatisfied() {
        List<String> problems = new ArrayList<>();
        Set<String> names = new TreeSet<>();
        for (Bundle b : platformBundles()) {
            for (ComponentDescriptionDTO d : scr.getComponentDescriptionDTOs(b)) {
                names.add(d.name);
                if (!scr.isComponentEnabled(d)) {
                    problems.add(d.name + " disabled");
                }
                for (ComponentConfigurationDTO c : scr.getComponentConfigurationDTOs(d)) {
                    if (c.state != ComponentConfigurationDTO.ACTIVE && c.state != ComponentConfigurationDTO.SATISFIED) {
                        problems.add(d.name + " state " + c.state + " unsatisfied " + List.of(c.unsatisfiedReferences));
                    }
                }
            }
        }
        assertTrue("components: " + names, names.containsAll(Set.of(
                "io.x0tta6bl4.topology.internal.TopologyManager",
                "io.x0tta6bl4.sim.internal.SimulatedMeshProvider",
                "io.x0tta6bl4.identity.internal.IdentityManager",
                "io.x0tta6bl4.ebpf.internal.EbpfManager",
                "io.x0tta6bl4.healing.internal.HealingManager")));
        assertEquals(List.of(), problems);
    }

    @Test
    public void defaultConfigurationIsShippedInEtc() throws Exception {
        Path etc = Path.of(System.getProperty("karaf.etc"));
        assertTrue(Files.isRegularFile(etc.resolve("io.x0tta6bl4.topology.cfg")));
        for (String area : List.of("sim", "identity", "ebpf", "healing")) {
            assertTrue(area, Files.isRegularFile(etc.resolve("io.x0tta6bl4." + area + ".cfg")));
        }
        Configuration topologyConfig = configAdmin.getConfiguration("io.x0tta6bl4.topology", null);
        assertEquals("5000", String.valueOf(topologyConfig.getProperties().get("node.timeout.ms")));
        assertTrue(Files.readString(etc.resolve("branding.properties")).contains("x 0 t t a 6 b l 4"));
    }

    @Test
    public void meshNodesListsTheSimulatedMesh() {
        Shell.Result table = shell().run("mesh:nodes").assertOk();
        for (int i = 1; i <= SIM_SIZE; i++) {
            String id = String.format("sim-%02d", i);
            assertTrue(id + " missing from " + table.out(), table.out().contains(id));
        }
        assertTrue(table.out(), table.out().contains("UP"));
        Shell.Result json = shell().run("mesh:nodes --json").assertOk();
        assertTrue(json.out(), json.out().trim().startsWith("["));
        for (int i = 1; i <= SIM_SIZE; i++) {
            assertTrue(json.out(), json.out().contains(String.format("\"sim-%02d\"", i)));
        }
    }

    @Test
    public void meshPathFollowsTheServicePath() {
        NodeId from = NodeId.of("sim-01");
        NodeId to = NodeId.of(String.format("sim-%02d", SIM_SIZE));
        var path = topology.path(from, to).orElseThrow(() -> new AssertionError("no path in a connected mesh"));
        Shell.Result result = shell().run("mesh:path sim-01 " + to).assertOk();
        for (NodeId hop : path.hops()) {
            assertTrue(hop + " missing from " + result.out(), result.out().contains(hop.value()));
        }
        assertTrue(shell().run("mesh:path --json sim-01 " + to).assertOk().out().contains("\"cost\""));
    }

    @Test
    public void meshStatsDescribesTheMesh() {
        TopologyStatistics stats = topology.statistics();
        assertEquals(SIM_SIZE, stats.nodes());
        assertEquals("simulated mesh is connected", 1, stats.components());
        assertTrue(stats.diameterHops() >= 1);
        Shell.Result result = shell().run("mesh:stats").assertOk();
        assertTrue(result.out(), result.out().contains(String.valueOf(SIM_SIZE)));
        Shell.Result json = shell().run("mesh:stats --json").assertOk();
        assertTrue(json.out(), json.out().contains("\"components\""));
    }

    @Test
    public void badInputGetsOneClearLine() {
        for (String command : List.of("mesh:node no-such-node", "mesh:path sim-01 no-such-node",
                "mesh:path --weigher no-such-weigher sim-01 sim-02", "sim:fail-node no-such-node",
                "mesh:node 'bad id!'")) {
            Shell.Result r = shell().run(command);
            String err = r.failure().trim();
            assertTrue(r + " does not say Error", err.startsWith("Error: "));
            assertEquals(r + " printed more than one line", 1, err.lines().count());
            assertFalse(r + " printed a stack trace", err.contains("Exception") || err.contains("\tat "));
        }
    }
}
