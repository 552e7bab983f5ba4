package io.x0tta6bl4.ebpf.internal.kernel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;

import com.sun.jna.Memory;

import io.x0tta6bl4.ebpf.internal.validate.HelperSet;

/**
 * Asks the running kernel which helpers an XDP program may call: one two-instruction
 * program ({@code call id; exit}) per id, loaded as {@code BPF_PROG_TYPE_XDP} and never
 * attached. The verifier looks a helper up before it checks its arguments, so its log tells
 * the answer: "invalid func" (the id does not exist: probing stops there, ids are dense),
 * "program of this type cannot use helper" or "unknown func" (not for XDP), anything else
 * (loaded, or refused over arguments) means allowed. About 200 loads, a few milliseconds.
 * <p>
 * libbpf's own {@code libbpf_probe_bpf_helper} is not used: libbpf 1.1 (Debian 12) knows
 * only the "unknown func" wording, which kernels since 6.4 replaced, and there it calls
 * every helper allowed; it also says "allowed" when the load fails without a log (no
 * permission). A probe that cannot decide here gives the built-in list instead.
 */
public final class HelperProbe {

    /** Ids probed at most; the kernel has 211. */
    static final int MAX_ID = 1024;
    private static final int BPF_PROG_TYPE_XDP = 6;
    /** sizeof(struct bpf_prog_load_opts) of libbpf 1.1 on 64-bit, and its log fields. */
    private static final int OPTS_SIZE = 104;
    private static final int OPTS_LOG_LEVEL = 88;
    private static final int OPTS_LOG_SIZE = 92;
    private static final int OPTS_LOG_BUF = 96;
    private static final int LOG_SIZE = 4096;

    private HelperProbe() {
    }

    /** The helper set of the running kernel, or the built-in list saying why not. Never throws. */
    public static HelperSet probe(Libbpf lib) {
        if (lib == null || !lib.available()) {
            return HelperSet.builtIn("kernel not probed: " + (lib == null ? "no libbpf" : lib.unavailableReason()));
        }
        try {
            return run(lib);
        } catch (RuntimeException | LinkageError e) {
            return HelperSet.builtIn("kernel probe failed: " + e);
        }
    }

    private static HelperSet run(Libbpf lib) {
        Memory insns = new Memory(16);
        Memory log = new Memory(LOG_SIZE);
        Memory opts = new Memory(OPTS_SIZE);
        BitSet xdp = new BitSet();
        for (int id = 1; id < MAX_ID; id++) {
            insns.clear();
            insns.setByte(0, (byte) 0x85); // call imm
            insns.setInt(4, id);
            insns.setByte(8, (byte) 0x95); // exit
            log.setByte(0, (byte) 0);
            opts.clear();
            opts.setLong(0, OPTS_SIZE);
            opts.setInt(OPTS_LOG_LEVEL, 1);
            opts.setInt(OPTS_LOG_SIZE, LOG_SIZE);
            opts.setPointer(OPTS_LOG_BUF, log);
            int fd = lib.bpf.bpf_prog_load(BPF_PROG_TYPE_XDP, null, "GPL", insns, 2, opts);
            if (fd >= 0) {
                lib.libc.close(fd);
                xdp.set(id);
                continue;
            }
            String text = log.getString(0);
            if (text.contains("invalid func ")) {
                return id == 1 ? HelperSet.builtIn("kernel probe: the kernel knows no helper at all")
                        : HelperSet.probed(xdp, id, release());
            }
            if (text.contains("cannot use helper") || text.contains("unknown func ")) {
                continue;
            }
            if (text.isBlank()) {
                return HelperSet.builtIn("kernel probe: loading a probe program failed without a verifier log: "
                        + lib.strerror(fd));
            }
            xdp.set(id); // refused over its arguments: the helper itself is allowed
        }
        return HelperSet.probed(xdp, MAX_ID, release());
    }

    private static String release() {
        try {
            return "Linux " + Files.readString(Path.of("/proc/sys/kernel/osrelease")).trim();
        } catch (IOException | RuntimeException e) {
            return "(release unknown)";
        }
    }
}
