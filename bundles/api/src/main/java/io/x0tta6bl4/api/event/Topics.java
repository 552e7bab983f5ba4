package io.x0tta6bl4.api.event;

/** EventAdmin topics shared between bundles (see DESIGN.md, "Events"). */
public final class Topics {

    public static final String ROOT = "x0tta6bl4/";

    /** Prefix of topology changes: {@code x0tta6bl4/topology/<TopologyEventType>}. */
    public static final String TOPOLOGY = ROOT + "topology/";
    public static final String TOPOLOGY_ALL = TOPOLOGY + "*";

    /** Prefix of health observations: {@code x0tta6bl4/health/<area>/<kind>}. */
    public static final String HEALTH = ROOT + "health/";
    public static final String HEALTH_ALL = HEALTH + "*";

    /** Prefix of healing outcomes: {@code x0tta6bl4/healing/<what>}. */
    public static final String HEALING = ROOT + "healing/";
    public static final String HEALING_ALL = HEALING + "*";

    private Topics() {
    }

    public static String topology(TopologyEventType type) {
        return TOPOLOGY + type.name();
    }

    public static String health(String area, String kind) {
        return HEALTH + area + "/" + kind;
    }
}
