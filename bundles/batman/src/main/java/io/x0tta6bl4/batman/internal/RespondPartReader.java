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

import io.x0tta6bl4.batman.internal.ethtool.EthtoolStats;

/**
 * Keeps {@link RespondPart} fresh on the poller thread, so the responder answers from memory:
 * after a poll, at most every {@code refreshMs}, it reads the hard interfaces, the local
 * translation table, the mesh interface's counters and addresses. A read that fails leaves
 * its part out (logged once per distinct message) and costs the rest nothing.
 */
public final class RespondPartReader {

    /** Device types of {@code /sys/class/net/<if>/uevent} that carry the mesh over another network. */
    private static final List<String> COUNTERS = List.of("rx_bytes", "rx_packets", "tx_bytes", "tx_packets",
            "tx_dropped");

    private final Path sysNet;
    private final long refreshMs;
    private final DriverCounters driverCounters;
    private final InterfaceKinds interfaceKinds;
    private final OnceLog log;
    private volatile RespondPart part = RespondPart.EMPTY;
    private long lastRefresh = Long.MIN_VALUE;

    public RespondPartReader(Path sysNet, long refreshMs, Consumer<String> log) {
        this(sysNet, refreshMs, EthtoolStats::read, log);
    }

    /** @param driverCounters the mesh interface's driver counters by name (batman-adv's, as {@code batctl statistics} shows them) */
    RespondPartReader(Path sysNet, long refreshMs, DriverCounters driverCounters, Consumer<String> log) {
        this.sysNet = sysNet;
        this.refreshMs = refreshMs;
        this.driverCounters = driverCounters;
        this.interfaceKinds = new InterfaceKinds(sysNet);
        this.log = new OnceLog(log);
    }

    /** Reads an interface's driver counters. */
    @FunctionalInterface
    interface DriverCounters {
        Map<String, Long> read(String ifname) throws IOException;
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
        hardifs.forEach(h -> kinds.put(h.name(), interfaceKinds.kind(h.name())));
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

    /**
     * The mesh interface's traffic as {@code <dir>_bytes}, {@code <dir>_packets} (and
     * {@code tx_dropped}) for rx, tx, forward, mgmt_rx and mgmt_tx: batman-adv's own counters,
     * as Gluon reports them; where they cannot be read, rx and tx from sysfs only.
     */
    Map<String, Long> traffic(String ifname) {
        Map<String, Long> out = new LinkedHashMap<>();
        if (!safe(ifname)) {
            return out;
        }
        try {
            Map<String, Long> batman = driverCounters.read(ifname);
            for (String dir : List.of("rx", "tx", "forward", "mgmt_rx", "mgmt_tx")) {
                Long packets = batman.get(dir);
                Long bytes = batman.get(dir + "_bytes");
                if (packets != null && bytes != null) {
                    out.put(dir + "_packets", packets);
                    out.put(dir + "_bytes", bytes);
                }
            }
            Long dropped = batman.get("tx_dropped");
            if (dropped != null && out.containsKey("tx_packets")) {
                out.put("tx_dropped", dropped);
            }
            if (out.containsKey("rx_packets") && out.containsKey("tx_packets")) {
                return out;
            }
            out.clear();
        } catch (IOException | RuntimeException | LinkageError e) {
            log.accept("batman-adv's counters of " + ifname + " cannot be read (respondd gets rx and tx from sysfs, no"
                    + " forward or mgmt traffic): " + e.getMessage());
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
        return InterfaceKinds.safe(ifname);
    }
}
