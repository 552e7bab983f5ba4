package io.x0tta6bl4.sim.command;

import java.util.List;

import io.x0tta6bl4.api.topology.NodeId;
import io.x0tta6bl4.sim.internal.Degradation;
import io.x0tta6bl4.sim.internal.MeshGenerator;
import io.x0tta6bl4.sim.internal.MeshShape;
import io.x0tta6bl4.sim.internal.SimConfig;
import io.x0tta6bl4.sim.internal.SimStatus;
import io.x0tta6bl4.sim.internal.Simulation;
import io.x0tta6bl4.sim.internal.SimAdmin;

/** A control over a line of five nodes with no ticker and no topology service behind it. */
class FakeControl implements SimAdmin {

    final SimConfig config = new SimConfig(MeshShape.LINE, 5, 1, 1000, 0.1);
    final Simulation simulation = new Simulation(MeshGenerator.generate(MeshShape.LINE, 5, 1));
    volatile boolean lastFailureSilent;

    @Override
    public SimStatus status() {
        return new SimStatus(config, 5, 4, simulation.aliveCount(), simulation.failedNodes(),
                simulation.degradedLinks(), 17);
    }

    @Override
    public List<String> nodeIds() {
        return simulation.mesh().nodes().stream().map(n -> n.id().value()).toList();
    }

    @Override
    public boolean failNode(String id, boolean silent) {
        lastFailureSilent = silent;
        return simulation.failNode(NodeId.of(id));
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
