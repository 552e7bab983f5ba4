package io.x0tta6bl4.sim.internal;

import java.util.List;

/**
 * What the shell commands may do to the running simulation. Node ids are parsed as
 * {@link io.x0tta6bl4.api.topology.NodeId}s; every method throws
 * {@link IllegalArgumentException} with a message fit for an operator when an id is
 * malformed, unknown, or names a link the generated mesh does not have.
 */
public interface SimAdmin {

    SimStatus status();

    /** Every simulated node id, failed or not, in order. */
    List<String> nodeIds();

    /**
     * Stops reporting the node and its links. Unless {@code silent}, the provider also
     * tells the topology at once that the node is lost, as a neighbour noticing loss of
     * carrier would; a silent failure is found only by the topology's node timeout.
     *
     * @return false if it had already failed
     */
    boolean failNode(String id, boolean silent);

    /** Degrades the link between a and b in both directions, replacing any earlier fault. */
    void degradeLink(String a, String b, Degradation fault);

    /** @return false if the node had not failed */
    boolean recoverNode(String id);

    /** @return false if the link was not degraded */
    boolean recoverLink(String a, String b);

    Simulation.Recovered recoverAll();
}
