package io.x0tta6bl4.ebpf.internal.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.sun.jna.Memory;

import io.x0tta6bl4.ebpf.internal.validate.Finding;
import io.x0tta6bl4.ebpf.internal.validate.HelperSet;
import io.x0tta6bl4.ebpf.internal.validate.ProgramType;
import io.x0tta6bl4.ebpf.internal.validate.Rule;
import io.x0tta6bl4.ebpf.internal.validate.Validator;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The helper set probed from the running kernel against the kernel's own verdict: no helper
 * the kernel lets an XDP program call may be a validator finding. Skips, saying why, without
 * libbpf or permission to load BPF.
 */
class HelperProbeTest {

    static Libbpf lib;

    @BeforeAll
    static void kernel() {
        lib = Libbpf.load();
        if (!lib.available()) {
            System.out.println("SKIP helper probe tests: " + lib.unavailableReason());
        }
        Assumptions.assumeTrue(lib.available(), "libbpf unavailable");
        String why = loadable(1).why;
        if (why != null) {
            System.out.println("SKIP helper probe tests: cannot load BPF here: " + why);
        }
        Assumptions.assumeTrue(why == null, "cannot load BPF: " + why);
    }

    /** The kernel's verdict on "call id; exit" as XDP: its verifier log line, or why it says nothing. */
    record Verdict(boolean loaded, String log, String why) {
        /** The verifier got past the helper lookup: loaded, or refused over the arguments. */
        boolean helperAllowed() {
            return loaded || !(log.contains("invalid func ") || log.contains("cannot use helper")
                    || log.contains("unknown func "));
        }
    }

    static Verdict loadable(int id) {
        Memory insns = new Memory(16);
        insns.clear();
        insns.setByte(0, (byte) 0x85);
        insns.setInt(4, id);
        insns.setByte(8, (byte) 0x95);
        Memory log = new Memory(4096);
        log.setByte(0, (byte) 0);
        Memory opts = new Memory(104);
        opts.clear();
        opts.setLong(0, 104);
        opts.setInt(88, 1);
        opts.setInt(92, 4096);
        opts.setPointer(96, log);
        int fd = lib.bpf.bpf_prog_load(6, null, "GPL", insns, 2, opts);
        if (fd >= 0) {
            lib.libc.close(fd);
            return new Verdict(true, log.getString(0), null);
        }
        String text = log.getString(0);
        return new Verdict(false, text, text.isBlank() ? lib.strerror(fd) : null);
    }

    /**
     * The BPF objects (programs, maps) this process holds open: what the probe opens. Counting
     * every descriptor would also count files other threads of the test JVM open meanwhile.
     */
    static int openBpfFds() {
        File[] fds = new File("/proc/self/fd").listFiles();
        if (fds == null) {
            return -1;
        }
        int n = 0;
        for (File fd : fds) {
            try {
                if (java.nio.file.Files.readSymbolicLink(fd.toPath()).toString().startsWith("anon_inode:bpf")) {
                    n++;
                }
            } catch (java.io.IOException e) {
                // closed while listed
            }
        }
        return n;
    }

    @Test
    void noHelperTheKernelAllowsIsAFinding() {
        int before = openBpfFds();
        long t0 = System.nanoTime();
        HelperSet probed = HelperProbe.probe(lib);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(before, openBpfFds(), "the probe leaks BPF descriptors");
        assertEquals(HelperSet.Origin.KERNEL, probed.origin(), probed.source());
        System.out.println("helper probe: " + probed.source() + " in " + ms + " ms");
        assertTrue(ms < 5_000, "probing took " + ms + " ms");
        Validator validator = new Validator(probed);
        List<Integer> allowedByKernel = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        for (int id = 0; id < probed.limit() + 16; id++) {
            Verdict v = loadable(id);
            byte[] code = {(byte) 0x85, 0, 0, 0, (byte) id, (byte) (id >> 8), 0, 0, (byte) 0x95, 0, 0, 0, 0, 0, 0, 0};
            List<Finding> f = validator.validate("xdp", ProgramType.XDP, code, Set.of(), List.of(0));
            boolean refused = f.stream().anyMatch(x -> x.rule() == Rule.HELPER);
            if (v.helperAllowed()) {
                allowedByKernel.add(id);
            }
            if (v.helperAllowed() == refused) {
                wrong.add(id + (refused ? " refused, the kernel allows it" : " allowed, the kernel does not") + ": "
                        + f + " / " + v.log().lines().filter(l -> l.contains("func") || l.contains("helper"))
                        .findFirst().orElse(v.log()));
            }
        }
        assertEquals(List.of(), wrong);
        assertEquals(allowedByKernel, java.util.stream.IntStream.of(probed.xdp()).boxed().toList());
        // the built-in list came from this kernel line; on another kernel it may differ, so only report it
        List<Integer> missingFromBuiltIn = new ArrayList<>(allowedByKernel);
        java.util.stream.IntStream.of(HelperSet.builtIn("test").xdp()).forEach(i -> missingFromBuiltIn.remove(
                Integer.valueOf(i)));
        System.out.println("helpers this kernel allows XDP that the built-in list lacks: " + missingFromBuiltIn);
    }
}
