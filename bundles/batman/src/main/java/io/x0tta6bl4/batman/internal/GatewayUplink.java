package io.x0tta6bl4.batman.internal;

import java.util.List;

/** What {@code batman:gateways} shows of this node's uplink watch. */
public interface GatewayUplink {

    /**
     * @param down         whether the watch holds the uplink down
     * @param failedInARow failed probe rounds since the last answer
     * @param upForMs      how long every round has answered, 0 while failing
     * @param lastRound    what the targets did in the last round
     * @param demotedFrom  the mode {@code demote-gateway} took away and will put back, or null
     * @param demotedBy    the incident that demoted this node, or null
     */
    record Status(List<UplinkTarget> targets, String iface, boolean down, int failedInARow, long upForMs,
                  String lastRound, GatewayMode demotedFrom, String demotedBy, long holdDownMs) {
    }

    Status status();
}
