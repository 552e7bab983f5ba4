package io.x0tta6bl4.ebpf.internal.elf;

import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * An executable section of a BPF object: its instructions (8 bytes each, little-endian),
 * the relocations against them and the functions that start in it.
 */
public record ProgramSection(String name, int sectionIndex, byte[] code, List<Relocation> relocations,
                             List<ElfSymbol> functions) {

    public int instructionCount() {
        return code.length / 8;
    }

    /** Indexes of instructions a relocation rewrites. */
    public Set<Integer> relocated() {
        return relocations.stream().map(Relocation::instruction).collect(Collectors.toSet());
    }

    /**
     * The instructions libbpf loads: those inside a function symbol (each global function of a
     * program section is one program). Empty when the section has no function symbol.
     */
    public BitSet inFunctions() {
        int n = instructionCount();
        long[][] spans = functions.stream().filter(f -> f.value() % 8 == 0 && f.value() / 8 < n)
                .map(f -> new long[] {f.value() / 8, Math.min(n, (f.value() + f.size() + 7) / 8)})
                .sorted(Comparator.comparingLong(x -> x[0])).toArray(long[][]::new);
        BitSet b = new BitSet(n);
        long end = 0;
        for (long[] s : spans) { // each instruction set once, however many symbols overlap
            long from = Math.max(s[0], end);
            if (s[1] > from) {
                b.set((int) from, (int) s[1]);
                end = s[1];
            }
        }
        return b;
    }

    /** Entry points: offset 0 and every function symbol, as instruction indexes. */
    public Set<Integer> entries() {
        Set<Integer> e = new TreeSet<>();
        e.add(0);
        for (ElfSymbol f : functions) {
            if (f.value() % 8 == 0 && f.value() / 8 < instructionCount()) {
                e.add((int) (f.value() / 8));
            }
        }
        return e;
    }
}
