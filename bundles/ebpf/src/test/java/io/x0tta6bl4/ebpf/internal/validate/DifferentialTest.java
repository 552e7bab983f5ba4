package io.x0tta6bl4.ebpf.internal.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import io.x0tta6bl4.ebpf.internal.elf.BpfFormatException;
import io.x0tta6bl4.ebpf.internal.elf.BpfObjectFile;
import io.x0tta6bl4.ebpf.internal.elf.ElfSection;
import io.x0tta6bl4.ebpf.internal.kernel.BpfException;
import io.x0tta6bl4.ebpf.internal.kernel.BpfObject;
import io.x0tta6bl4.ebpf.internal.kernel.HelperProbe;
import io.x0tta6bl4.ebpf.internal.kernel.Libbpf;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The validator against the real kernel on mutants of the compiled objects (and of
 * {@code bpf-src/calls.c}, where clang can compile it): opcodes,
 * registers, offsets, immediates, relocations and section headers changed, a few hundred
 * from a fixed seed ({@code -Ddifferential.seed}, {@code -Ddifferential.mutants}). Each
 * mutant is validated (with the helpers probed from this kernel) and loaded through libbpf,
 * never attached. The validator must refuse no mutant the kernel loads; every mutant the
 * kernel refuses and the validator passes must fall into a documented {@link RefusalClass}.
 * Prints the table of verdicts per mutation and the classes.
 * <p>
 * The loads run in a child JVM ({@link KernelLoads}): libbpf parses the crafted ELF in
 * native code, and a crash there must fail this test with the mutant's number instead of
 * ending the build's JVM. Skips, saying why, without libbpf or permission to load BPF.
 */
class DifferentialTest {

    static final long SEED = Long.getLong("differential.seed", 0xd1ff_5eedL);
    static final int MUTANTS = Integer.getInteger("differential.mutants", 400);
    /** Lists every mutant the kernel refused and the validator passed, with its class and the verifier's verdict. */
    static final boolean LIST = Boolean.getBoolean("differential.list");

    enum Mutation { OPCODE, REGISTER, OFFSET, IMMEDIATE, RELOCATION, SECTION_HEADER }

    enum Kernel { LOADS, NO_PROGRAM, REFUSES, CRASHED }

    record Mutant(int index, Mutation mutation, String seed, String what, byte[] elf) {
    }

    record Outcome(Mutant mutant, boolean validatorAccepts, String validatorSays, Kernel kernel, String message,
                   String log) {
    }

    @Test
    void theValidatorRefusesNothingTheKernelLoads(@TempDir Path dir) throws Exception {
        Libbpf lib = Libbpf.load();
        if (!lib.available()) {
            System.out.println("SKIP differential test: " + lib.unavailableReason());
        }
        Assumptions.assumeTrue(lib.available(), "libbpf unavailable");
        try {
            BpfObject.load(lib, "xdp_pass", Elf.of("/bpf/xdp_pass.o").bytes).close();
        } catch (BpfException e) {
            System.out.println("SKIP differential test: cannot load BPF here (root or CAP_BPF needed): "
                    + e.getMessage());
            Assumptions.abort("cannot load BPF: " + e.getMessage());
        }
        long start = System.nanoTime();
        Validator validator = new Validator(HelperProbe.probe(lib));
        List<Mutant> mutants = mutants();
        for (Mutant m : mutants) {
            Files.write(dir.resolve(m.index() + ".o"), m.elf());
        }
        Files.write(dir.resolve("warm-up.o"), Elf.of("/bpf/mesh_guard.o").bytes);
        List<String[]> kernel = loadInChildren(dir, mutants.size());
        List<Outcome> outcomes = new ArrayList<>();
        for (Mutant m : mutants) {
            String[] k = kernel.get(m.index());
            String says;
            boolean accepts;
            try {
                List<Finding> f = validator.validate(BpfObjectFile.parse(m.elf()));
                accepts = f.isEmpty();
                says = accepts ? "" : f.get(0).toString();
            } catch (BpfFormatException e) {
                accepts = false;
                says = "format: " + e.getMessage();
            }
            outcomes.add(new Outcome(m, accepts, says, Kernel.valueOf(k[1]), k[3], k[4]));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Report report = new Report(outcomes);
        System.out.print(report.table(SEED, seconds));
        assertEquals(List.of(), report.crashed, "libbpf crashed on these mutants (the child JVM died)");
        assertEquals(List.of(), report.refusedButLoads, "the validator refuses mutants the kernel loads");
        assertEquals(List.of(), report.unclassified, "the kernel refused, the validator passed, no documented class");
        assertTrue(seconds < 60, "took " + seconds + " s");
    }

    /** Runs {@link KernelLoads} until every mutant has a verdict; a child that dies marks its mutant CRASHED. */
    static List<String[]> loadInChildren(Path dir, int count) throws Exception {
        List<String[]> out = new ArrayList<>();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = String.join(File.pathSeparator, codeSource(KernelLoads.class), codeSource(BpfObject.class),
                codeSource(com.sun.jna.Native.class));
        while (out.size() < count) {
            int first = out.size();
            Process p = new ProcessBuilder(java, "-cp", cp, KernelLoads.class.getName(), dir.toString(),
                    String.valueOf(first), String.valueOf(count - first)).redirectErrorStream(false).start();
            p.getOutputStream().close();
            String fds = null;
            try (BufferedReader r = new BufferedReader(
                    new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    String[] f = line.split("\t", -1);
                    if (f[0].equals("fds")) {
                        fds = line;
                    } else if (f[0].equals("unavailable")) {
                        throw new AssertionError("child: " + decode(f[1]));
                    } else {
                        out.add(new String[] {f[0], f[1], f[2], decode(f[3]), decode(f[4]), f[5]});
                    }
                }
            }
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), "child JVM did not end");
            if (fds != null) {
                String[] f = fds.split("\t");
                List<String> grew = new ArrayList<>();
                String last = f[1];
                for (String[] v : out.subList(first, out.size())) {
                    if (!v[5].equals(last)) {
                        grew.add("#" + v[0] + " " + last + "->" + v[5]);
                        last = v[5];
                    }
                }
                assertEquals(f[1], f[2], "file descriptors open in the child before and after its loads: " + grew);
            } else if (out.size() < count) {
                String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
                out.add(new String[] {String.valueOf(out.size()), "CRASHED", "0",
                        "exit " + p.exitValue() + ": " + err.lines().limit(3).toList(), "", "0"});
            }
        }
        return out;
    }

    private static String codeSource(Class<?> c) throws Exception {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    private static String decode(String b64) {
        return new String(Base64.getDecoder().decode(b64), StandardCharsets.UTF_8);
    }

    // --- mutants

    /**
     * The seeds: mesh_guard.o (most mutants), xdp_pass.o and, where clang can compile it,
     * bpf-src/calls.c with its bpf-to-bpf calls and a callback in .text.
     */
    static List<Mutant> mutants() throws Exception {
        java.util.Map<String, byte[]> seeds = new java.util.LinkedHashMap<>();
        seeds.put("mesh_guard.o", Elf.of("/bpf/mesh_guard.o").bytes);
        seeds.put("xdp_pass.o", Elf.of("/bpf/xdp_pass.o").bytes);
        Clang.Compiled calls = Clang.compile("/bpf-src/calls.c");
        if (calls.why() == null) {
            seeds.put("calls.o", calls.elf());
        } else {
            System.out.println("differential test without calls.o: " + calls.why());
        }
        SplittableRandom rnd = new SplittableRandom(SEED);
        List<Mutant> out = new ArrayList<>();
        Mutation[] kinds = Mutation.values();
        for (int i = 0; i < MUTANTS; i++) {
            Mutation kind = kinds[i % kinds.length];
            int pick = rnd.nextInt(5); // 3 in 5 mesh_guard; xdp_pass has no relocations
            String seed = pick < 3 ? "mesh_guard.o" : pick == 3 && kind != Mutation.RELOCATION ? "xdp_pass.o"
                    : seeds.containsKey("calls.o") ? "calls.o" : "mesh_guard.o";
            Elf e = Elf.of(seeds.get(seed));
            String section = seed.equals("calls.o") && rnd.nextBoolean() ? ".text" : "xdp";
            String what = mutate(kind, e, section, rnd);
            out.add(new Mutant(i, kind, seed, what, e.bytes));
        }
        return out;
    }

    /** Valid opcodes of every class, so most opcode mutants decode and reach the flow checks and the verifier. */
    static final int[] OPCODES = {0x07, 0x0f, 0x17, 0x1f, 0x27, 0x2f, 0x37, 0x3f, 0x47, 0x4f, 0x57, 0x5f, 0x67, 0x6f,
            0x77, 0x7f, 0x87, 0x97, 0x9f, 0xa7, 0xaf, 0xb7, 0xbf, 0xc7, 0xcf, 0xd7, 0xdc, 0xd4, 0x04, 0x0c, 0x14, 0x1c,
            0x24, 0x2c, 0x34, 0x3c, 0x44, 0x4c, 0x54, 0x5c, 0x64, 0x6c, 0x74, 0x7c, 0x84, 0x94, 0x9c, 0xa4, 0xac, 0xb4,
            0xbc, 0xc4, 0xcc, 0x05, 0x15, 0x1d, 0x25, 0x2d, 0x35, 0x3d, 0x45, 0x4d, 0x55, 0x5d, 0x65, 0x6d, 0x75, 0x7d,
            0xa5, 0xad, 0xb5, 0xbd, 0xc5, 0xcd, 0xd5, 0xdd, 0x16, 0x1e, 0x56, 0x5e, 0xa6, 0xae, 0x06, 0x85, 0x95,
            0x61, 0x69, 0x71, 0x79, 0x62, 0x6a, 0x72, 0x7a, 0x63, 0x6b, 0x73, 0x7b, 0xc3, 0xdb, 0x18};

    private static String mutate(Mutation kind, Elf e, String section, SplittableRandom rnd) {
        ElfSection xdp = e.section(section);
        int n = (int) (xdp.size() / 8);
        int insn = rnd.nextInt(n);
        int o = e.insn(section, insn);
        String where = section.equals("xdp") ? "insn " : section + " insn ";
        switch (kind) {
            case OPCODE -> {
                int op = rnd.nextInt(4) == 0 ? rnd.nextInt(256) : OPCODES[rnd.nextInt(OPCODES.length)];
                e.u8(o, op);
                return String.format("%s%d opcode 0x%02x", where, insn, op);
            }
            case REGISTER -> {
                boolean dst = rnd.nextBoolean();
                int reg = rnd.nextInt(10) == 0 ? 11 + rnd.nextInt(5) : rnd.nextInt(11);
                int b = e.getU8(o + 1);
                e.u8(o + 1, dst ? (b & 0xf0) | reg : (b & 0x0f) | (reg << 4));
                return where + insn + (dst ? " dst" : " src") + " r" + reg;
            }
            case OFFSET -> {
                int delta = rnd.nextInt(3) == 0 ? rnd.nextInt(-600, 600) : rnd.nextInt(-8, 9);
                int off = (short) (e.getU16(o + 2) + (delta == 0 ? 1 : delta));
                e.u16(o + 2, off);
                return where + insn + " offset " + off;
            }
            case IMMEDIATE -> {
                int[] special = {0, 1, -1, 2, 4, 8, 16, 32, 63, 64, 255, 4096, Integer.MAX_VALUE, Integer.MIN_VALUE};
                int imm = rnd.nextBoolean() ? special[rnd.nextInt(special.length)] : rnd.nextInt(-16, 256);
                e.u32(o + 4, imm);
                return where + insn + " imm " + imm;
            }
            case RELOCATION -> {
                ElfSection target = e.section("xdp"); // calls.o's .text has no relocations
                int count = (int) (e.parsed().sections().stream().filter(s -> s.type() == ElfSection.SHT_REL
                        && s.info() == target.index()).findFirst().orElseThrow().size() / 16);
                int k = rnd.nextInt(count);
                int r = e.relocation("xdp", k);
                n = (int) (target.size() / 8);
                switch (rnd.nextInt(3)) {
                    case 0 -> {
                        long off = rnd.nextBoolean() ? 8L * rnd.nextInt(n) : e.getU64(r) + 8L * rnd.nextInt(-2, 3);
                        e.u64(r, off);
                        return "relocation " + k + " offset " + off;
                    }
                    case 1 -> {
                        int sym = rnd.nextInt(e.parsed().symbols().size());
                        e.u32(r + 12, sym);
                        return "relocation " + k + " symbol " + sym + " (" + e.parsed().symbols().get(sym).name() + ")";
                    }
                    default -> {
                        int type = rnd.nextInt(12);
                        e.u32(r + 8, type);
                        return "relocation " + k + " type " + type;
                    }
                }
            }
            default -> {
                List<ElfSection> sections = e.parsed().sections();
                ElfSection s = sections.get(1 + rnd.nextInt(sections.size() - 1));
                int h = e.header(s);
                int[] fields = {4, 8, 24, 32, 40, 44, 56};
                String[] names = {"type", "flags", "offset", "size", "link", "info", "entsize"};
                int f = rnd.nextInt(fields.length);
                long old = f == 0 || f == 4 || f == 5 ? e.getU64(h + fields[f]) & 0xffffffffL : e.getU64(h + fields[f]);
                long[] choices = {0, 1, 8, 16, old + 8, old - 8, old + 1, old ^ 1, sections.size(), rnd.nextInt(64)};
                long v = Math.max(0, choices[rnd.nextInt(choices.length)]);
                if (f == 0 || f == 4 || f == 5) {
                    e.u32(h + fields[f], v);
                } else {
                    e.u64(h + fields[f], v);
                }
                return "section " + s.index() + " (" + s.name() + ") " + names[f] + " " + v;
            }
        }
    }

    // --- the table

    static final class Report {
        final List<String> crashed = new ArrayList<>();
        final List<String> refusedButLoads = new ArrayList<>();
        final List<String> unclassified = new ArrayList<>();
        final Map<Mutation, int[]> rows = new EnumMap<>(Mutation.class);
        final Map<RefusalClass, int[]> classes = new EnumMap<>(RefusalClass.class);
        final Map<RefusalClass, String> examples = new EnumMap<>(RefusalClass.class);
        final Map<String, Integer> validatorReasons = new TreeMap<>();
        final int total;
        final java.util.Set<String> seedNames = new java.util.TreeSet<>();

        // columns: both accept, both refuse, kernel loads / validator refuses, kernel refuses / validator
        // accepts, no program loaded / validator refuses, no program / validator accepts, crashed
        Report(List<Outcome> outcomes) {
            total = outcomes.size();
            for (Mutation m : Mutation.values()) {
                rows.put(m, new int[7]);
            }
            for (RefusalClass c : RefusalClass.values()) {
                classes.put(c, new int[Mutation.values().length]);
            }
            for (Outcome o : outcomes) {
                seedNames.add(o.mutant().seed());
                int[] row = rows.get(o.mutant().mutation());
                String id = "#" + o.mutant().index() + " " + o.mutant().seed() + " " + o.mutant().what();
                switch (o.kernel()) {
                    case CRASHED -> {
                        row[6]++;
                        crashed.add(id + ": " + o.message());
                    }
                    case LOADS -> {
                        if (o.validatorAccepts()) {
                            row[0]++;
                        } else {
                            row[2]++;
                            refusedButLoads.add(id + ": " + o.validatorSays());
                        }
                    }
                    case NO_PROGRAM -> row[o.validatorAccepts() ? 5 : 4]++;
                    case REFUSES -> {
                        if (!o.validatorAccepts()) {
                            row[1]++;
                            String rule = o.validatorSays().startsWith("format") ? "ELF format"
                                    : o.validatorSays().replaceAll("^\\S+ (\\w+):.*$", "$1");
                            validatorReasons.merge(rule, 1, Integer::sum);
                        } else {
                            row[3]++;
                            RefusalClass c = RefusalClass.of(o.log());
                            if (c == null) {
                                unclassified.add(id + ": " + o.message() + " / " + RefusalClass.verdictLine(o.log()));
                            } else {
                                classes.get(c)[o.mutant().mutation().ordinal()]++;
                                examples.putIfAbsent(c, id + ": " + lastLine(o));
                                if (LIST) {
                                    System.out.println("K- V+ " + c + " " + id + ": " + lastLine(o)
                                            + "\n    " + o.log().replace("\n", "\n    "));
                                }
                            }
                        }
                    }
                }
            }
            if (rows.values().stream().mapToInt(r -> r[5]).sum() > 0) {
                outcomes.stream().filter(o -> o.kernel() == Kernel.NO_PROGRAM && o.validatorAccepts()).forEach(o ->
                        unclassified.add("#" + o.mutant().index() + " " + o.mutant().what()
                                + ": libbpf loaded no program and the validator passed it"));
            }
        }

        private static String lastLine(Outcome o) {
            return o.log().isBlank() ? o.message() : RefusalClass.verdictLine(o.log());
        }

        String table(long seed, double seconds) {
            StringBuilder b = new StringBuilder();
            b.append(String.format("differential test: seed 0x%x, %d mutants of %s, %.1f s%n", seed, total,
                    String.join(", ", seedNames), seconds));
            String h = "%-15s %7s %9s %11s %16s %16s %13s %7s%n";
            b.append(String.format(h, "mutation", "mutants", "K+ V+", "K- V-", "K+ V- (must 0)", "K- V+ (classed)",
                    "no prog V-", "crashed"));
            int[] sum = new int[7];
            for (Mutation m : Mutation.values()) {
                int[] r = rows.get(m);
                int n = java.util.Arrays.stream(r).sum();
                b.append(String.format(h, m, n, r[0], r[1], r[2], r[3], r[4] + (r[5] > 0 ? "+" + r[5] + "V+" : ""),
                        r[6]));
                for (int i = 0; i < 7; i++) {
                    sum[i] += r[i];
                }
            }
            b.append(String.format(h, "total", total, sum[0], sum[1], sum[2], sum[3],
                    sum[4] + (sum[5] > 0 ? "+" + sum[5] + "V+" : ""), sum[6]));
            b.append("K = kernel (libbpf + verifier) loads (+) or refuses (-); V = validator passes (+) or refuses (-);"
                    + " no prog = libbpf loaded no program%n".formatted());
            b.append("kernel refuses, validator passes, by class:\n");
            String c = "%-38s";
            b.append(String.format(c, "class"));
            for (Mutation m : Mutation.values()) {
                b.append(String.format(" %8s", m.name().length() > 8 ? m.name().substring(0, 8) : m.name()));
            }
            b.append(String.format(" %6s%n", "total"));
            for (RefusalClass rc : RefusalClass.values()) {
                int[] r = classes.get(rc);
                b.append(String.format(c, rc.description));
                for (int v : r) {
                    b.append(String.format(" %8d", v));
                }
                b.append(String.format(" %6d%n", java.util.Arrays.stream(r).sum()));
            }
            b.append(String.format(c + " %" + (9 * Mutation.values().length + 6) + "d%n", "unclassified (fails)",
                    unclassified.size()));
            b.append("both refuse, the validator's reason: ").append(validatorReasons).append('\n');
            examples.forEach((k, v) -> b.append("  e.g. ").append(k.name()).append(": ").append(v).append('\n'));
            unclassified.forEach(u -> b.append("  UNCLASSIFIED ").append(u).append('\n'));
            refusedButLoads.forEach(u -> b.append("  REFUSED BUT LOADS ").append(u).append('\n'));
            crashed.forEach(u -> b.append("  CRASHED ").append(u).append('\n'));
            return b.toString();
        }
    }
}
