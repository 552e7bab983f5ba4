package io.x0tta6bl4.api.event;

/** The last segment of a topology topic. */
public enum TopologyEventType {
    NODE_ADDED, NODE_REMOVED, NODE_UPDATED, LINK_ADDED, LINK_REMOVED, LINK_UPDATED
}
