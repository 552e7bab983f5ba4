package io.x0tta6bl4.batman.internal;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Keeps {@link RespondPart} fresh on the poller thread, so the responder answers from memory:
 * after a poll, at most every {@code refreshMs}, it reads the hard interfaces, the local
 * translation table, the mesh interface's counters and addresses. A read that fails leaves
 * its part out (logged once per distinct message) and costs the rest nothing.
 */
public final class RespondPartReader {

    /** Device types of {@code /sys/class/net/<if>/uevent} that carry the mesh over another network. */
    private static final Set<String> TUNNELS = Set.of("vxlan", "gretap", "ip6gretap", "l2tpeth", "geneve");
    private static final List<String> COUNTERS = List.of("rx_bytes", "rx_packets", "tx_bytes", "tx_packets",
            "tx_dropped");

    private final Path sysNet;
    private final long refreshMs;
    private final OnceLog log;
    private volatile RespondPart part = RespondPart.EMPTY;
    private long lastRefresh = Long.MIN_VALUE;

    public RespondPartReader(Path sysNet, long refreshMs, Consumer<String> log) {
        this.sysNet = sysNet;
        this.refreshMs = refreshMs;
        this.log = new OnceLog(log);
    }

    public RespondPart part() {
        return part;
    }

    /** Poller thread. */
    public void refresh(BatmanBackend backend, MeshPoller.Snapshot last, long nowMs) {
        if (last == null || last.mesh() == null || (lastRefresh != Long.MIN_VALUE && nowMs - lastRefresh < refreshMs)) {
            return;
        }
        lastRefresh = nowMs;
        MeshInfo mesh = last.mesh();
        List<HardInterface> hardifs = read("hard interfaces", backend::interfaces);
        List<TranslationEntry> local = read("local translation table", backend::localTranslations);
        Map<String, String> kinds = new LinkedHashMap<>();
        hardifs.forEach(h -> kinds.put(h.name(), kind(h.name())));
        part = RespondPart.of(new RespondPart.Inputs(mesh, last.originators(), hardifs, kinds, local,
                traffic(mesh.ifname()), addresses(mesh.ifname()), last.round() == null ? null : selected(last)));
    }

    private static Gateway selected(MeshPoller.Snapshot last) {
        Map<String, String> self = last.round().nodes().get(0).attributes();
        String gw = self.get(MeshRound.ATTR_GATEWAY);
        if (gw == null) {
            return null;
        }
        String tq = self.get(MeshRound.ATTR_GATEWAY_TQ);
        return new Gateway(gw, self.get(MeshRound.ATTR_GATEWAY_NEXT_HOP), null, true,
                tq == null ? null : Integer.valueOf(tq), null, null, null);
    }

    private interface Read<T> {
        List<T> get() throws IOException;
    }

    private <T> List<T> read(String what, Read<T> read) {
        try {
            return read.get();
        } catch (IOException | RuntimeException e) {
            log.accept("respondd: cannot read batman-adv's " + what + " (left out of the replies): " + e.getMessage());
            return List.of();
        }
    }

    /** Gluon's kinds: wireless, tunnel, or other (cable, veth). */
    String kind(String ifname) {
        if (!safe(ifname)) {
            return "other";
        }
        Path dir = sysNet.resolve(ifname);
        if (Files.exists(dir.resolve("phy80211")) || Files.exists(dir.resolve("wireless"))) {
            return "wireless";
        }
        if (Files.exists(dir.resolve("tun_flags"))) {
            return "tunnel";
        }
        try {
            for (String line : Files.readAllLines(dir.resolve("uevent"))) {
                if (line.startsWith("DEVTYPE=") && TUNNELS.contains(line.substring(8).trim())) {
                    return "tunnel";
                }
            }
        } catch (IOException | RuntimeException e) {
            // not readable in this namespace: other
        }
        return "other";
    }

    Map<String, Long> traffic(String ifname) {
        Map<String, Long> out = new LinkedHashMap<>();
        if (!safe(ifname)) {
            return out;
        }
        for (String c : COUNTERS) {
            try {
                out.put(c, Long.parseLong(Files.readString(sysNet.resolve(ifname).resolve("statistics").resolve(c)).trim()));
            } catch (IOException | RuntimeException e) {
                // counter missing in this namespace: left out
            }
        }
        return out;
    }

    private static List<String> addresses(String ifname) {
        try {
            NetworkInterface nif = NetworkInterface.getByName(ifname);
            if (nif == null) {
                return List.of();
            }
            List<String> out = new ArrayList<>();
            for (InetAddress a : Collections.list(nif.getInetAddresses())) {
                if (a instanceof Inet6Address) {
                    String text = a.getHostAddress();
                    int scope = text.indexOf('%');
                    out.add(scope < 0 ? text : text.substring(0, scope));
                }
            }
            return out;
        } catch (SocketException e) {
            return List.of();
        }
    }

    private static boolean safe(String ifname) {
        return !ifname.isEmpty() && !ifname.contains("/") && !ifname.startsWith(".");
    }
}
