package io.x0tta6bl4.ebpf.internal.validate;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import io.x0tta6bl4.ebpf.internal.elf.BpfFormatException;
import io.x0tta6bl4.ebpf.internal.elf.BpfObjectFile;

import org.junit.jupiter.api.Test;

/**
 * Random and mutated inputs for the ELF reader and the validator: the only exception
 * allowed is {@link BpfFormatException}; anything else (or a case that takes too long) fails
 * with the seed and case number so it can be replayed.
 */
class FuzzTest {

    static final long SEED = Long.getLong("fuzz.seed", 0x5eed_0f_b0f_0L);
    static final int CASES = Integer.getInteger("fuzz.cases", 120_000);

    private final Validator validator = new Validator();

    private static byte[] resource(String name) throws Exception {
        try (InputStream in = FuzzTest.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        }
    }

    @Test
    void mutatedObjectsAndRandomBytecodeNeverCrash() throws Exception {
        List<byte[]> seeds = List.of(resource("/bpf/mesh_guard.o"), resource("/bpf/xdp_pass.o"));
        SplittableRandom rnd = new SplittableRandom(SEED);
        long start = System.nanoTime();
        long slowest = 0;
        int parsed = 0;
        int refusedFormat = 0;
        for (int c = 0; c < CASES; c++) {
            long t0 = System.nanoTime();
            try {
                switch (c % 4) {
                    case 0, 1 -> {
                        byte[] in = mutate(seeds.get(rnd.nextInt(seeds.size())), rnd);
                        try {
                            validator.validate(BpfObjectFile.parse(in));
                            parsed++;
                        } catch (BpfFormatException e) {
                            refusedFormat++;
                        }
                    }
                    case 2 -> {
                        byte[] code = new byte[8 * (1 + rnd.nextInt(64))];
                        rnd.nextBytes(code);
                        validator.validate("xdp", ProgramType.XDP, code, Set.of(), List.of(0, rnd.nextInt(-2, 70)));
                    }
                    default -> {
                        byte[] code = plausible(rnd);
                        validator.validate("xdp", ProgramType.XDP, code, Set.of(rnd.nextInt(8)), List.of(0));
                    }
                }
            } catch (Throwable t) {
                throw new AssertionError("fuzz case " + c + " (seed " + SEED + ") threw " + t, t);
            }
            slowest = Math.max(slowest, System.nanoTime() - t0);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("fuzz: %d cases in %.1f s (%d objects parsed, %d refused as malformed), slowest %.2f ms%n",
                CASES, seconds, parsed, refusedFormat, slowest / 1e6);
        assertTrue(parsed > 0 && refusedFormat > 0, "mutations should hit both outcomes");
        assertTrue(slowest < 5_000_000_000L, "a case took " + slowest / 1e6 + " ms");
    }

    /** Flips bytes, overwrites with boundary values, truncates or splices. */
    private static byte[] mutate(byte[] seed, SplittableRandom rnd) {
        byte[] b;
        int kind = rnd.nextInt(10);
        if (kind == 0) {
            b = java.util.Arrays.copyOf(seed, rnd.nextInt(seed.length + 1));
        } else {
            b = seed.clone();
        }
        int edits = 1 + rnd.nextInt(8);
        for (int i = 0; i < edits && b.length > 0; i++) {
            int at = rnd.nextInt(b.length);
            switch (rnd.nextInt(4)) {
                case 0 -> b[at] ^= (byte) (1 << rnd.nextInt(8));
                case 1 -> b[at] = (byte) rnd.nextInt(256);
                case 2 -> {
                    byte v = (byte) (rnd.nextBoolean() ? 0xff : 0x00);
                    for (int k = 0; k < 8 && at + k < b.length; k++) {
                        b[at + k] = v;
                    }
                }
                default -> {
                    // aim at the ELF and section headers, where offsets live
                    int h = rnd.nextBoolean() ? rnd.nextInt(Math.min(64, b.length))
                            : Math.max(0, b.length - 1 - rnd.nextInt(Math.min(b.length, 64 * 28)));
                    b[h] = (byte) rnd.nextInt(256);
                }
            }
        }
        return b;
    }

    /** Bytecode made of mostly valid opcodes, so the flow analysis runs too. */
    private static byte[] plausible(SplittableRandom rnd) {
        int[] ops = {0xb7, 0xbf, 0x07, 0x0f, 0x15, 0x1d, 0x05, 0x95, 0x85, 0x18, 0x79, 0x7b, 0x61, 0x63, 0x37, 0x34};
        int n = 1 + rnd.nextInt(40);
        byte[] code = new byte[n * 8];
        for (int i = 0; i < n; i++) {
            int o = i * 8;
            code[o] = (byte) ops[rnd.nextInt(ops.length)];
            code[o + 1] = (byte) (rnd.nextInt(11) | (rnd.nextInt(11) << 4));
            short off = (short) rnd.nextInt(-n, n);
            code[o + 2] = (byte) off;
            code[o + 3] = (byte) (off >> 8);
            int imm = rnd.nextInt(4) == 0 ? rnd.nextInt() : rnd.nextInt(-16, 64);
            for (int k = 0; k < 4; k++) {
                code[o + 4 + k] = (byte) (imm >> (8 * k));
            }
        }
        return code;
    }
}
