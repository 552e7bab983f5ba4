package io.x0tta6bl4.api.topology;

/** Liveness of a node as the topology service sees it. */
public enum NodeState {
    /** Seen by a provider within the node timeout. */
    UP,
    /** Not seen within the node timeout: its links are out of the graph until it returns. */
    DOWN
}
