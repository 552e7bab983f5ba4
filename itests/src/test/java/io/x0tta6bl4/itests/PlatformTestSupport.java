package io.x0tta6bl4.itests;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import javax.inject.Inject;

import io.x0tta6bl4.api.topology.Node;
import io.x0tta6bl4.api.topology.TopologyService;

import org.apache.karaf.features.BootFinished;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/** Boots the distribution once per test class and gives tests a shell and the topology. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public abstract class PlatformTestSupport {

    /** Size of the simulated mesh in config/io.x0tta6bl4.sim.cfg. */
    static final int SIM_SIZE = 30;
    static final Duration BOOT_TIMEOUT = Duration.ofSeconds(60);

    /**
     * Registered once the boot features are installed and their bundles started. Without it a
     * test can run while the feature service is still starting the later bundles (seen on a
     * slow machine: scanner and web still RESOLVED, the scanner's components half enabled).
     */
    @Inject
    protected BootFinished bootFinished;

    @Inject
    protected BundleContext context;

    @Inject
    protected SessionFactory sessionFactory;

    @Inject
    protected TopologyService topology;

    @Configuration
    public Option[] config() {
        return Distribution.options();
    }

    protected Shell shell() {
        return new Shell(sessionFactory);
    }

    protected long upNodes() {
        return topology.snapshot().nodes().values().stream().filter(Node::isUp).count();
    }

    protected void awaitSimulatedMesh() {
        Await.until(SIM_SIZE + " simulated nodes UP", BOOT_TIMEOUT,
                () -> upNodes() == SIM_SIZE && !topology.snapshot().links().isEmpty(),
                () -> upNodes() + " up of " + topology.snapshot().nodes().size());
    }

    protected static List<String> threadsNamed(String prefix) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(n -> n.startsWith(prefix))
                .sorted()
                .collect(Collectors.toList());
    }

    protected List<Bundle> platformBundles() {
        return Arrays.stream(context.getBundles())
                .filter(b -> b.getSymbolicName() != null && b.getSymbolicName().startsWith("io.x0tta6bl4."))
                .collect(Collectors.toList());
    }

    protected Bundle bundle(String symbolicName) {
        return platformBundles().stream().filter(b -> b.getSymbolicName().equals(symbolicName))
                .findFirst().orElse(null);
    }
}
