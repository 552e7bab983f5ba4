package io.x0tta6bl4.benchmarks.ebpf;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.x0tta6bl4.ebpf.internal.elf.BpfObjectFile;
import io.x0tta6bl4.ebpf.internal.kernel.BpfObject;
import io.x0tta6bl4.ebpf.internal.kernel.BpfProgram;
import io.x0tta6bl4.ebpf.internal.kernel.TestRun;
import io.x0tta6bl4.ebpf.internal.validate.Validator;

/**
 * Nanoseconds per packet of mesh_guard's paths against a bare XDP_PASS program, in the same
 * run, measured by the kernel itself through BPF_PROG_TEST_RUN (it times {@code repeat}
 * runs of the program on one frame and reports the average). Rounds interleave the
 * programs so drift affects all alike; the median of the rounds is reported. Then the
 * static validator's throughput against the kernel's load time for the same object.
 * <p>
 * Run as root: {@code java -cp benchmarks/target/benchmarks.jar
 * io.x0tta6bl4.benchmarks.ebpf.XdpPathHarness [rounds] [repeat]}.
 */
public final class XdpPathHarness {

    private XdpPathHarness() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 11;
        int repeat = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        System.out.printf("BPF_PROG_TEST_RUN, %d rounds of %,d repetitions, 64-byte frames; median ns/packet%n",
                rounds, repeat);
        try (GuardFixture f = new GuardFixture(false)) {
            Map<String, long[]> results = new LinkedHashMap<>();
            String[] names = {"bare XDP_PASS", "mesh_guard pass (not enforcing)", "mesh_guard quarantine drop",
                "mesh_guard pass (enforcing, allowed)", "mesh_guard enforcement drop (unlisted)"};
            for (String n : names) {
                results.put(n, new long[rounds]);
            }
            for (int r = 0; r < rounds; r++) {
                f.setEnforcing(false);
                results.get(names[0])[r] = run(f.bareProgram, GuardFixture.PASS, repeat, 2);
                results.get(names[1])[r] = run(f.guardProgram, GuardFixture.UNLISTED, repeat, 2);
                results.get(names[2])[r] = run(f.guardProgram, GuardFixture.QUARANTINED, repeat, 1);
                f.setEnforcing(true);
                results.get(names[3])[r] = run(f.guardProgram, GuardFixture.PASS, repeat, 2);
                results.get(names[4])[r] = run(f.guardProgram, GuardFixture.UNLISTED, repeat, 1);
            }
            results.forEach((n, v) -> System.out.printf(Locale.ROOT, "  %-42s %4d ns  (min %d, max %d)%n", n,
                    median(v), Arrays.stream(v).min().orElse(0), Arrays.stream(v).max().orElse(0)));
        }
        validatorVersusKernel(rounds);
    }

    private static long run(BpfProgram p, byte[] src, int repeat, int expected) throws Exception {
        TestRun t = p.testRun(GuardFixture.frame(src), repeat);
        if (t.retval() != expected) {
            throw new IllegalStateException(p.name() + " returned " + TestRun.xdpAction(t.retval()) + ", expected "
                    + TestRun.xdpAction(expected));
        }
        return t.durationNs();
    }

    private static void validatorVersusKernel(int rounds) throws Exception {
        byte[] elf = GuardFixture.resource("/bpf/mesh_guard.o");
        int insns = BpfObjectFile.parse(elf).programs().stream().mapToInt(p -> p.instructionCount()).sum();
        Validator v = new Validator();
        int perRound = 20_000;
        for (int i = 0; i < perRound; i++) { // warm up
            v.validate(BpfObjectFile.parse(elf));
        }
        List<Long> validateNs = new ArrayList<>();
        List<Long> loadNs = new ArrayList<>();
        io.x0tta6bl4.ebpf.internal.kernel.Libbpf lib = io.x0tta6bl4.ebpf.internal.kernel.Libbpf.load();
        for (int r = 0; r < rounds; r++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < perRound; i++) {
                if (!v.validate(BpfObjectFile.parse(elf)).isEmpty()) {
                    throw new IllegalStateException("mesh_guard has findings");
                }
            }
            validateNs.add((System.nanoTime() - t0) / perRound);
            long t1 = System.nanoTime();
            BpfObject o = BpfObject.load(lib, "mesh_guard", elf);
            loadNs.add(System.nanoTime() - t1);
            o.close();
        }
        long val = median(validateNs.stream().mapToLong(Long::longValue).toArray());
        long load = median(loadNs.stream().mapToLong(Long::longValue).toArray());
        System.out.printf(Locale.ROOT, "Validator vs kernel, mesh_guard (%d instructions), median of %d rounds:%n",
                insns, rounds);
        System.out.printf(Locale.ROOT, "  read ELF + validate   %,9d ns  = %,.0f instructions/s%n", val,
                insns * 1e9 / val);
        System.out.printf(Locale.ROOT, "  libbpf open + kernel load (verifier) %,9d ns  = %,.0f instructions/s (%.0fx the validator)%n",
                load, insns * 1e9 / load, (double) load / val);
    }

    static long median(long[] v) {
        long[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
