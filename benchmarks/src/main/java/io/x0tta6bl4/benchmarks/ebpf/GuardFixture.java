package io.x0tta6bl4.benchmarks.ebpf;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import io.x0tta6bl4.ebpf.internal.kernel.BpfException;
import io.x0tta6bl4.ebpf.internal.kernel.BpfMap;
import io.x0tta6bl4.ebpf.internal.kernel.BpfObject;
import io.x0tta6bl4.ebpf.internal.kernel.BpfProgram;
import io.x0tta6bl4.ebpf.internal.kernel.Libbpf;

/**
 * mesh_guard and the bare XDP_PASS program loaded into the kernel, with the maps set up so
 * that each source MAC takes one path: {@link #PASS} passes (not enforcing for it: it is
 * allowed), {@link #QUARANTINED} is dropped by the quarantine, {@link #UNLISTED} is dropped
 * by enforcement. Enforcement is on, so the pass path includes the allow-list lookup.
 */
final class GuardFixture implements AutoCloseable {

    static final byte[] PASS = {2, 0, 0, 0, 0, 1};
    static final byte[] QUARANTINED = {2, 0, 0, 0, 0, 2};
    static final byte[] UNLISTED = {2, 0, 0, 0, 0, 3};

    final Libbpf lib;
    final BpfObject guard;
    final BpfObject bare;
    final BpfProgram guardProgram;
    final BpfProgram bareProgram;

    GuardFixture(boolean enforcing) throws Exception {
        lib = Libbpf.load();
        if (!lib.available()) {
            throw new IllegalStateException(lib.unavailableReason());
        }
        guard = BpfObject.load(lib, "mesh_guard", resource("/bpf/mesh_guard.o"));
        bare = BpfObject.load(lib, "xdp_pass", resource("/bpf/xdp_pass.o"));
        guardProgram = guard.program("mesh_guard").orElseThrow();
        bareProgram = bare.program("xdp_pass").orElseThrow();
        BpfMap quarantine = guard.map("quarantine").orElseThrow();
        BpfMap allowed = guard.map("allowed").orElseThrow();
        quarantine.update(QUARANTINED, u32(1), BpfMap.BPF_ANY);
        allowed.update(PASS, u32(1), BpfMap.BPF_ANY);
        setEnforcing(enforcing);
    }

    void setEnforcing(boolean on) throws BpfException {
        guard.map("guard_config").orElseThrow().update(u32(0),
                ByteBuffer.allocate(8).order(ByteOrder.nativeOrder()).putInt(on ? 1 : 0).putInt(8443).array(),
                BpfMap.BPF_ANY);
    }

    static byte[] resource(String name) throws IOException {
        try (InputStream in = GuardFixture.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("missing " + name);
            }
            return in.readAllBytes();
        }
    }

    static byte[] u32(int v) {
        return ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(v).array();
    }

    /** A 64-byte Ethernet + IPv4 + ICMP frame from {@code src}. */
    static byte[] frame(byte[] src) {
        ByteBuffer b = ByteBuffer.allocate(64);
        b.put(new byte[] {2, 0, 0, 0, 0, 9}).put(src).putShort((short) 0x0800);
        b.put((byte) 0x45).put((byte) 0).putShort((short) 50).putInt(0).put((byte) 64).put((byte) 1)
                .putShort((short) 0).put(new byte[] {10, 0, 0, 1}).put(new byte[] {10, 0, 0, 2});
        return b.array();
    }

    @Override
    public void close() {
        guard.close();
        bare.close();
    }
}
