package io.x0tta6bl4.ebpf.internal;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import io.x0tta6bl4.api.ebpf.MacAddresses;
import io.x0tta6bl4.api.ebpf.PeerCounters;
import io.x0tta6bl4.ebpf.internal.kernel.BpfException;
import io.x0tta6bl4.ebpf.internal.kernel.BpfMap;
import io.x0tta6bl4.ebpf.internal.kernel.BpfObject;

/**
 * Reads and writes the maps of a loaded mesh_guard (their layout is {@link GuardMaps}'): the
 * lists mirrored into the kernel, the counters read out, and the admin view of every map.
 * Called on the kernel thread.
 */
final class GuardMapAccess {

    private GuardMapAccess() {
    }

    /** Writes the lists and the enforcement flag into the kernel; no-op when nothing is loaded. */
    static void sync(BpfObject g, Set<String> quarantined, Set<String> allowed, boolean enforcing, int attestPort)
            throws BpfException {
        if (g == null || !g.isOpen()) {
            return;
        }
        syncSet(map(g, GuardMaps.QUARANTINE), quarantined);
        syncSet(map(g, GuardMaps.ALLOWED), allowed);
        map(g, GuardMaps.CONFIG).update(GuardMaps.u32(0), GuardMaps.config(enforcing, attestPort), BpfMap.BPF_ANY);
    }

    /** Makes the map's keys exactly {@code wanted}, touching only what differs. */
    private static void syncSet(BpfMap map, Set<String> wanted) throws BpfException {
        Set<String> present = new TreeSet<>();
        for (byte[] k : map.keys()) {
            String mac = MacAddresses.fromBytes(k);
            if (wanted.contains(mac)) {
                present.add(mac);
            } else {
                map.delete(k);
            }
        }
        for (String mac : wanted) {
            if (!present.contains(mac)) {
                map.update(GuardMaps.macKey(mac), GuardMaps.u32(GuardMaps.QUARANTINE_VALUE), BpfMap.BPF_ANY);
            }
        }
    }

    static BpfMap map(BpfObject g, String name) throws BpfException {
        return g.map(name).orElseThrow(() -> new BpfException("mesh_guard has no map '" + name + "'", 2));
    }

    /** Every peer's counters, summed over the CPUs; empty when nothing is loaded. */
    static Map<String, PeerCounters> counters(BpfObject g) throws BpfException {
        if (g == null || !g.isOpen()) {
            return Map.of();
        }
        BpfMap m = map(g, GuardMaps.PEER_STATS);
        Map<String, PeerCounters> out = new TreeMap<>();
        for (byte[] k : m.keys()) {
            Optional<byte[]> v = m.lookup(k);
            if (v.isPresent()) {
                PeerCounters c = GuardMaps.peer(k, v.get(), m.cpus(), m.valueSlot());
                out.put(c.mac(), c);
            }
        }
        return out;
    }

    /** The global counters by name, summed over the CPUs; zeros when nothing is loaded. */
    static Map<String, Long> globalCounters(BpfObject g) throws BpfException {
        Map<String, Long> out = GuardMaps.globalsTemplate();
        if (g == null) {
            return out;
        }
        BpfMap m = map(g, GuardMaps.GLOBAL_STATS);
        for (int i = 0; i < GuardMaps.GLOBAL_COUNTERS.size(); i++) {
            Optional<byte[]> v = m.lookup(GuardMaps.u32(i));
            if (v.isPresent()) {
                out.put(GuardMaps.GLOBAL_COUNTERS.get(i), GuardMaps.sumU64(v.get(), m.cpus(), m.valueSlot()));
            }
        }
        return out;
    }

    static List<EbpfAdmin.MapInfo> maps(BpfObject g) throws BpfException {
        List<EbpfAdmin.MapInfo> out = new ArrayList<>();
        for (BpfMap m : g.maps()) {
            out.add(new EbpfAdmin.MapInfo(m.name(), m.typeName(), m.keySize(), m.valueSize(), m.maxEntries(),
                    m.keys().size()));
        }
        return out;
    }

    /** A map's entries, key and value in hex. */
    static Map<String, String> entries(BpfMap m) throws BpfException {
        Map<String, String> out = new LinkedHashMap<>();
        HexFormat hex = HexFormat.of();
        for (byte[] k : m.keys()) {
            Optional<byte[]> v = m.lookup(k);
            v.ifPresent(bytes -> out.put(hex.formatHex(k), hex.formatHex(bytes)));
        }
        return out;
    }
}
