package io.x0tta6bl4.batman.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import io.x0tta6bl4.api.topology.LinkMedium;

/**
 * What carries a hard interface, from sysfs: wireless (a {@code phy80211} or {@code wireless}
 * entry), tunnel (a tun/tap device, or a vxlan, gretap, l2tp or geneve one), else other (a cable,
 * a veth). Gluon names the mesh interfaces in its respondd replies by these kinds; the topology
 * gets them as a link's {@link LinkMedium}.
 */
final class InterfaceKinds {

    static final String WIRELESS = "wireless";
    static final String TUNNEL = "tunnel";
    static final String OTHER = "other";
    private static final Set<String> TUNNELS = Set.of("vxlan", "gretap", "ip6gretap", "l2tpeth", "geneve");

    private final Path sysNet;

    InterfaceKinds(Path sysNet) {
        this.sysNet = sysNet;
    }

    String kind(String ifname) {
        if (!safe(ifname)) {
            return OTHER;
        }
        Path dir = sysNet.resolve(ifname);
        if (Files.exists(dir.resolve("phy80211")) || Files.exists(dir.resolve("wireless"))) {
            return WIRELESS;
        }
        if (Files.exists(dir.resolve("tun_flags"))) {
            return TUNNEL;
        }
        try {
            for (String line : Files.readAllLines(dir.resolve("uevent"))) {
                if (line.startsWith("DEVTYPE=") && TUNNELS.contains(line.substring(8).trim())) {
                    return TUNNEL;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not readable in this namespace: other
        }
        return OTHER;
    }

    /**
     * The medium of links heard on {@code ifname}. "other" stays {@link LinkMedium#UNKNOWN}: a
     * veth or bridge port is no proof of a cable, and a wired medium changes how batman-adv V's
     * placeholder throughput is read.
     */
    LinkMedium medium(String ifname) {
        return switch (kind(ifname)) {
            case WIRELESS -> LinkMedium.WIRELESS;
            case TUNNEL -> LinkMedium.TUNNEL;
            default -> LinkMedium.UNKNOWN;
        };
    }

    /** A name that stays one directory under sysNet. */
    static boolean safe(String ifname) {
        return ifname != null && !ifname.isEmpty() && !ifname.contains("/") && !ifname.startsWith(".");
    }
}
