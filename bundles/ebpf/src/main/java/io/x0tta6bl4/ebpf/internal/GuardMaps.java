package io.x0tta6bl4.ebpf.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.x0tta6bl4.api.ebpf.MacAddresses;
import io.x0tta6bl4.api.ebpf.PeerCounters;

/**
 * The layout of mesh_guard's maps (native/src/mesh_guard.c) in Java: map names, key and
 * value encodings, per-CPU sums. Pure functions over bytes.
 */
final class GuardMaps {

    static final String PROGRAM = "mesh_guard";
    static final String OBJECT_RESOURCE = "/bpf/mesh_guard.o";
    static final String PEER_STATS = "peer_stats";
    static final String QUARANTINE = "quarantine";
    static final String ALLOWED = "allowed";
    static final String CONFIG = "guard_config";
    static final String GLOBAL_STATS = "global_stats";

    /** Indexes of global_stats, in the order of enum global_counter. */
    static final List<String> GLOBAL_COUNTERS = List.of("passed", "dropped_quarantined", "dropped_unattested",
            "exempt_attestation", "malformed");

    /** Reason codes stored as the quarantine map's value (user space keeps the text). */
    static final int QUARANTINE_VALUE = 1;

    private GuardMaps() {
    }

    static byte[] macKey(String mac) {
        return MacAddresses.toBytes(mac);
    }

    static byte[] u32(int v) {
        return ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(v).array();
    }

    /** struct guard_config { u32 enforcing; u32 attest_port; } */
    static byte[] config(boolean enforcing, int attestPort) {
        return ByteBuffer.allocate(8).order(ByteOrder.nativeOrder()).putInt(enforcing ? 1 : 0).putInt(attestPort)
                .array();
    }

    /** Sums a per-CPU struct peer_stats value: {@code cpus} slots of {@code slot} bytes. */
    static PeerCounters peer(byte[] key, byte[] value, int cpus, int slot) {
        ByteBuffer b = ByteBuffer.wrap(value).order(ByteOrder.nativeOrder());
        long packets = 0;
        long bytes = 0;
        long dropped = 0;
        for (int c = 0; c < cpus; c++) {
            int o = c * slot;
            packets += b.getLong(o);
            bytes += b.getLong(o + 8);
            dropped += b.getLong(o + 16);
        }
        return new PeerCounters(MacAddresses.fromBytes(key), packets, bytes, dropped);
    }

    /** Sums a per-CPU u64. */
    static long sumU64(byte[] value, int cpus, int slot) {
        ByteBuffer b = ByteBuffer.wrap(value).order(ByteOrder.nativeOrder());
        long sum = 0;
        for (int c = 0; c < cpus; c++) {
            sum += b.getLong(c * slot);
        }
        return sum;
    }

    static Map<String, Long> globalsTemplate() {
        Map<String, Long> m = new LinkedHashMap<>();
        GLOBAL_COUNTERS.forEach(n -> m.put(n, 0L));
        return m;
    }
}
