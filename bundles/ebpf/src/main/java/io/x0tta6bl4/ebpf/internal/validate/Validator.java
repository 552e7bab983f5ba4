package io.x0tta6bl4.ebpf.internal.validate;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import io.x0tta6bl4.ebpf.internal.elf.BpfObjectFile;
import io.x0tta6bl4.ebpf.internal.elf.ProgramSection;

/**
 * A static check of eBPF objects before they go to the kernel, in the spirit of the
 * decode-time checks of a user-space verifier. Of the object (see {@link ObjectChecks}):
 * a relocatable ELF with a program section and relocations libbpf can apply. Of every
 * instruction libbpf would hand the kernel (those inside a function symbol of a program
 * section, and the {@code .text} subprograms a program calls): it decodes (known opcode,
 * registers r0..r10, reserved fields zero, well-formed {@code lddw}), r10 is never written,
 * jumps land inside the program and never on the second half of a {@code lddw}, there is no
 * division by a zero immediate, stack accesses through r10 stay inside the 512-byte frame and
 * are aligned to their size, helper calls are ones the kernel allows the program type (the
 * {@link HelperSet}, best probed from the running kernel), and the control flow reaches an
 * {@code exit} without running off the end or leaving instructions unreachable. Fields libbpf
 * rewrites (the source kind of a relocated {@code lddw}) or the verifier ignores (the offset
 * of an exit) are not checked: the validator must refuse nothing the kernel would load.
 * It does not track values: that is the kernel verifier's job, whose log the loader shows
 * when it refuses a program that passed here.
 * <p>
 * Past 400 lines because the decode rules of all instruction classes sit together, beside
 * the opcode checks they share; control flow is {@link ControlFlow}'s, the object's
 * {@link ObjectChecks}'.
 * <p>
 * Stateless and thread-safe. Never throws on any input; problems are {@link Finding}s.
 */
public final class Validator {

    /** The kernel's limit on instructions for a privileged loader. */
    public static final int DEFAULT_INSN_LIMIT = 1_000_000;
    public static final int STACK_SIZE = 512;
    /** Findings beyond this many per section are not reported. */
    public static final int MAX_FINDINGS = 256;

    // instruction classes
    static final int LD = 0, LDX = 1, ST = 2, STX = 3, ALU = 4, JMP = 5, JMP32 = 6, ALU64 = 7;

    private final HelperSet helpers;
    private final int insnLimit;

    /** A validator with the built-in helper list (no kernel probed). */
    public Validator() {
        this(DEFAULT_INSN_LIMIT);
    }

    public Validator(int insnLimit) {
        this(HelperSet.builtIn("the kernel was not probed"), insnLimit);
    }

    /** A validator with these helpers, e.g. those probed from the running kernel. */
    public Validator(HelperSet helpers) {
        this(helpers, DEFAULT_INSN_LIMIT);
    }

    public Validator(HelperSet helpers, int insnLimit) {
        if (insnLimit < 1) {
            throw new IllegalArgumentException("instruction limit must be positive");
        }
        this.helpers = Objects.requireNonNull(helpers, "helpers");
        this.insnLimit = insnLimit;
    }

    /** The helper set calls are checked against, with where it came from. */
    public HelperSet helpers() {
        return helpers;
    }

    /**
     * Validates the object as libbpf would take it (ELF type, a program section, relocations),
     * then every program section with the type its section name implies.
     */
    public List<Finding> validate(BpfObjectFile object) {
        List<Finding> out = new ArrayList<>(ObjectChecks.check(object));
        ProgramSection text = null;
        for (ProgramSection p : object.programs()) {
            if (p.name().equals(TEXT)) {
                text = p;
            } else {
                BitSet loaded = p.inFunctions();
                if (!loaded.isEmpty()) { // without a function symbol libbpf loads none of it
                    out.addAll(validate(p.name(), ProgramType.ofSection(p.name()), p.code(), p.relocated(),
                            p.entries().stream().filter(loaded::get).toList(), loaded, true));
                }
            }
        }
        if (text != null) {
            out.addAll(subprograms(object, text));
        }
        return out;
    }

    /**
     * {@code .text} holds subprograms, and libbpf hands the kernel only those a program calls
     * (or takes the address of): only the code reachable from those calls is checked, and code
     * nothing calls is not "unreachable".
     */
    private List<Finding> subprograms(BpfObjectFile object, ProgramSection text) {
        int n = text.code().length / 8;
        Set<Integer> relocated = text.relocated();
        TreeSet<Integer> entries = new TreeSet<>();
        for (ProgramSection p : object.programs()) {
            if (!p.name().equals(TEXT)) {
                entries.addAll(ObjectChecks.textTargets(p, text.sectionIndex()).values());
            }
        }
        if (entries.isEmpty()) {
            return List.of();
        }
        // what the calls reach, with the calls of called subprograms: each instruction once
        Map<Integer, Integer> calls = ObjectChecks.textTargets(text, text.sectionIndex());
        BitSet reached = new BitSet(n);
        ArrayDeque<Integer> work = new ArrayDeque<>(entries);
        int[] next = new int[2];
        while (!work.isEmpty()) {
            int i = work.pop();
            if (i < 0 || i >= n || reached.get(i)) {
                continue;
            }
            reached.set(i);
            for (int k = ControlFlow.successors(text.code(), i, relocated, next) - 1; k >= 0; k--) {
                work.push(next[k]);
            }
            Integer callee = calls.get(i);
            if (callee != null && entries.add(callee)) {
                work.push(callee);
            }
        }
        return validate(TEXT, ProgramType.OTHER, text.code(), relocated, entries, reached, false);
    }

    static final String TEXT = ".text";

    /**
     * Validates one section's code.
     *
     * @param relocated instructions a relocation rewrites (their call targets are not checked)
     * @param entries   instruction indexes execution may start at (0 and function symbols)
     */
    public List<Finding> validate(String section, ProgramType type, byte[] code, Set<Integer> relocated,
                                  Collection<Integer> entries) {
        return validate(section, type, code, relocated, entries, null, true);
    }

    /**
     * @param only        when not null, only these instructions are checked (what libbpf loads)
     * @param unreachable whether instructions of {@code only} (or all) no path reaches are findings
     */
    private List<Finding> validate(String section, ProgramType type, byte[] code, Set<Integer> relocated,
                                   Collection<Integer> entries, BitSet only, boolean unreachable) {
        Findings f = new Findings(section);
        if (code.length % 8 != 0) {
            f.add(code.length / 8, Rule.OPCODE, "code is " + code.length + " bytes, not whole 8-byte instructions");
        }
        int n = code.length / 8;
        if (n == 0) {
            f.add(0, Rule.NO_EXIT, "empty program");
            return f.list;
        }
        if (n > insnLimit) {
            f.add(insnLimit, Rule.INSN_LIMIT, n + " instructions, the limit is " + insnLimit);
        }
        // pass 1: mark the second halves of lddw, so jumps into them can be told apart
        BitSet lddwTail = ControlFlow.lddwTails(code, n);
        // pass 2: decode
        BitSet bad = new BitSet(n);
        for (int i = 0; i < n; i++) {
            if (lddwTail.get(i) || (only != null && !only.get(i))) {
                continue;
            }
            if (!decode(f, type, code, n, i, lddwTail, relocated)) {
                bad.set(i);
            }
        }
        if (!bad.isEmpty()) {
            return f.list; // control flow over undecodable code says nothing more
        }
        flow(f, code, n, lddwTail, relocated, entries, unreachable ? only : new BitSet());
        return f.list;
    }

    /** Checks one instruction; false when it does not decode, so flow analysis is skipped. */
    private boolean decode(Findings f, ProgramType type, byte[] code, int n, int i, BitSet lddwTail,
                           Set<Integer> relocated) {
        int o = i * 8;
        int op = code[o] & 0xff;
        int dst = code[o + 1] & 0x0f;
        int src = (code[o + 1] >> 4) & 0x0f;
        int off = (short) ((code[o + 2] & 0xff) | (code[o + 3] << 8));
        int imm = (code[o + 4] & 0xff) | (code[o + 5] & 0xff) << 8 | (code[o + 6] & 0xff) << 16 | code[o + 7] << 24;
        int cls = op & 7;
        if (dst > 10) {
            return f.add(i, Rule.REGISTER, "destination register r" + dst + " does not exist");
        }
        if (src > 10 && !(cls == LD)) {
            return f.add(i, Rule.REGISTER, "source register r" + src + " does not exist");
        }
        switch (cls) {
            case ALU, ALU64 -> {
                return alu(f, i, op, cls, dst, src, off, imm);
            }
            case JMP, JMP32 -> {
                return jump(f, helpers, type, i, n, op, cls, dst, src, off, imm, lddwTail, relocated);
            }
            case LD -> {
                if (op != 0x18) {
                    return f.add(i, Rule.OPCODE, String.format("opcode 0x%02x: legacy packet loads and other"
                            + " BPF_LD forms are not valid here", op));
                }
                if (dst == 10) {
                    return f.add(i, Rule.WRITE_R10, "lddw writes r10, the read-only frame pointer");
                }
                if (i + 1 >= n) {
                    return f.add(i, Rule.LDDW, "lddw is the last instruction; its second half is missing");
                }
                if (src > 6 && !relocated.contains(i)) { // libbpf sets the source kind of a relocated lddw
                    return f.add(i, Rule.LDDW, "lddw with unknown source kind " + src);
                }
                if (off != 0) {
                    return f.add(i, Rule.LDDW, "lddw with non-zero offset " + off);
                }
                int p = o + 8;
                if (code[p] != 0 || code[p + 1] != 0 || code[p + 2] != 0 || code[p + 3] != 0) {
                    return f.add(i, Rule.LDDW, "second half of lddw must have opcode, registers and offset 0");
                }
                return true;
            }
            case LDX -> {
                int mode = op & 0xe0;
                if (mode != 0x60 && mode != 0x80 || (mode == 0x80 && (op & 0x18) == 0x18)) {
                    return f.add(i, Rule.OPCODE, String.format("opcode 0x%02x is not a valid load", op));
                }
                if (imm != 0) {
                    return f.add(i, Rule.OPCODE, "load with reserved immediate " + imm);
                }
                if (dst == 10) {
                    return f.add(i, Rule.WRITE_R10, "load into r10, the read-only frame pointer");
                }
                return src != 10 || stack(f, i, off, size(op));
            }
            case ST -> {
                if ((op & 0xe0) != 0x60) {
                    return f.add(i, Rule.OPCODE, String.format("opcode 0x%02x is not a valid store", op));
                }
                if (src != 0) {
                    return f.add(i, Rule.OPCODE, "store of an immediate with source register r" + src);
                }
                return dst != 10 || stack(f, i, off, size(op));
            }
            default -> { // STX
                int mode = op & 0xe0;
                if (mode == 0xc0) {
                    if ((op & 0x18) != 0x00 && (op & 0x18) != 0x18) {
                        return f.add(i, Rule.OPCODE, String.format("atomic opcode 0x%02x must be 32 or 64 bit", op));
                    }
                    if (!validAtomic(imm)) {
                        return f.add(i, Rule.OPCODE, String.format("unknown atomic operation 0x%x", imm));
                    }
                } else if (mode != 0x60) {
                    return f.add(i, Rule.OPCODE, String.format("opcode 0x%02x is not a valid store", op));
                } else if (imm != 0) {
                    return f.add(i, Rule.OPCODE, "store with reserved immediate " + imm);
                }
                return dst != 10 || stack(f, i, off, size(op));
            }
        }
    }

    private static boolean validAtomic(int imm) {
        return switch (imm) {
            case 0x00, 0x01, 0x40, 0x41, 0x50, 0x51, 0xa0, 0xa1, 0xe1, 0xf1 -> true;
            default -> false;
        };
    }

    private static int size(int op) {
        return switch (op & 0x18) {
            case 0x00 -> 4;
            case 0x08 -> 2;
            case 0x10 -> 1;
            default -> 8;
        };
    }

    private static boolean stack(Findings f, int i, int off, int size) {
        if (off < -STACK_SIZE || off + size > 0) {
            return f.add(i, Rule.STACK, "stack access of " + size + " bytes at r10" + (off >= 0 ? "+" : "") + off
                    + " is outside the " + STACK_SIZE + "-byte frame [r10-" + STACK_SIZE + ", r10)");
        }
        if (off % size != 0) {
            return f.add(i, Rule.STACK_ALIGNMENT, "stack access of " + size + " bytes at r10" + off
                    + " is not aligned to its size");
        }
        return true;
    }

    private static boolean alu(Findings f, int i, int op, int cls, int dst, int src, int off, int imm) {
        int code = op & 0xf0;
        boolean x = (op & 0x08) != 0;
        if (code == 0xe0 || code == 0xf0) {
            return f.add(i, Rule.OPCODE, String.format("opcode 0x%02x is not an ALU operation", op));
        }
        if (code == 0xd0) { // byte swap
            if (cls == ALU64 && x) {
                return f.add(i, Rule.OPCODE, String.format("opcode 0x%02x is not a valid byte swap", op));
            }
            if (imm != 16 && imm != 32 && imm != 64) {
                return f.add(i, Rule.OPCODE, "byte swap of " + imm + " bits");
            }
            if (src != 0 || off != 0) {
                return f.add(i, Rule.OPCODE, "byte swap with reserved fields set");
            }
        } else if (code == 0x80) { // neg
            if (x || src != 0 || off != 0 || imm != 0) {
                return f.add(i, Rule.OPCODE, "neg with reserved fields set");
            }
        } else {
            boolean offOk = off == 0
                    || ((code == 0x30 || code == 0x90) && off == 1)
                    || (code == 0xb0 && x && (off == 8 || off == 16 || (off == 32 && cls == ALU64)));
            if (!offOk) {
                return f.add(i, Rule.OPCODE, "ALU operation with reserved offset " + off);
            }
            if (x && imm != 0) {
                return f.add(i, Rule.OPCODE, "register ALU operation with reserved immediate " + imm);
            }
            if (!x && src != 0) {
                return f.add(i, Rule.OPCODE, "immediate ALU operation with source register r" + src);
            }
            if (!x && (code == 0x30 || code == 0x90) && imm == 0) {
                return f.add(i, Rule.DIV_BY_ZERO, (code == 0x30 ? "division" : "modulo") + " by immediate zero");
            }
            if (!x && (code == 0x60 || code == 0x70 || code == 0xc0)) {
                int bits = cls == ALU64 ? 64 : 32;
                if (imm < 0 || imm >= bits) {
                    return f.add(i, Rule.OPCODE, "shift by " + imm + " bits of a " + bits + "-bit value");
                }
            }
        }
        if (dst == 10) {
            return f.add(i, Rule.WRITE_R10, "ALU operation writes r10, the read-only frame pointer");
        }
        return true;
    }

    private static boolean jump(Findings f, HelperSet helpers, ProgramType type, int i, int n, int op, int cls,
                                int dst, int src, int off, int imm, BitSet lddwTail, Set<Integer> relocated) {
        int code = op & 0xf0;
        boolean x = (op & 0x08) != 0;
        if (code == 0xe0 || code == 0xf0) {
            return f.add(i, Rule.OPCODE, String.format("opcode 0x%02x is not a jump", op));
        }
        if (code == 0x90) { // exit
            // the verifier does not look at the offset of an exit
            if (cls != JMP || x || dst != 0 || src != 0 || imm != 0) {
                return f.add(i, Rule.OPCODE, String.format("opcode 0x%02x: malformed exit", op));
            }
            return true;
        }
        if (code == 0x80) { // call
            if (cls != JMP || x || dst != 0) {
                return f.add(i, Rule.OPCODE, String.format("opcode 0x%02x: malformed call", op));
            }
            if (src == 0) {
                if (off != 0) {
                    return f.add(i, Rule.OPCODE, "helper call with reserved offset " + off);
                }
                if (!helpers.allows(type, imm)) {
                    return f.add(i, Rule.HELPER, imm <= 0 || imm >= helpers.limit()
                            ? "helper " + imm + " does not exist (ids 1-" + (helpers.limit() - 1) + ")"
                            : "helper " + imm + " is not allowed for " + type + " programs");
                }
                return true;
            }
            if (src == 1) {
                if (off != 0) {
                    return f.add(i, Rule.OPCODE, "bpf-to-bpf call with reserved offset " + off);
                }
                return relocated.contains(i) || target(f, i, n, (long) i + imm + 1, lddwTail, "call");
            }
            return f.add(i, Rule.HELPER, "call kind " + src + " (kernel functions) is not allowed");
        }
        if (code == 0x00) { // ja
            if (x || src != 0 || dst != 0) {
                return f.add(i, Rule.OPCODE, String.format("opcode 0x%02x: malformed ja", op));
            }
            if (cls == JMP32) {
                return off == 0 ? target(f, i, n, (long) i + imm + 1, lddwTail, "jump")
                        : f.add(i, Rule.OPCODE, "long jump with reserved offset " + off);
            }
            if (imm != 0) {
                return f.add(i, Rule.OPCODE, "ja with reserved immediate " + imm);
            }
            return target(f, i, n, (long) i + off + 1, lddwTail, "jump");
        }
        if (x && imm != 0) {
            return f.add(i, Rule.OPCODE, "register jump with reserved immediate " + imm);
        }
        if (!x && src != 0) {
            return f.add(i, Rule.OPCODE, "immediate jump with source register r" + src);
        }
        return target(f, i, n, (long) i + off + 1, lddwTail, "jump");
    }

    private static boolean target(Findings f, int i, int n, long t, BitSet lddwTail, String what) {
        if (t < 0 || t >= n) {
            return f.add(i, Rule.JUMP_TARGET, what + " to instruction " + t + ", outside [0, " + n + ")");
        }
        if (lddwTail.get((int) t)) {
            return f.add(i, Rule.JUMP_INTO_LDDW, what + " to instruction " + t
                    + ", the second half of a 64-bit immediate load");
        }
        return true;
    }

    /** Reachability from the entry points: reachable exit, no fall-through, nothing unreachable. */
    private static void flow(Findings f, byte[] code, int n, BitSet lddwTail, Set<Integer> relocated,
                             Collection<Integer> entries, BitSet unreachableIn) {
        BitSet seen = new BitSet(n);
        int[] stack = new int[n + 1];
        int sp = 0;
        for (int e : entries) {
            if (e >= 0 && e < n && !seen.get(e) && !lddwTail.get(e)) {
                seen.set(e);
                stack[sp++] = e;
            }
        }
        boolean exit = false;
        int[] next = new int[2];
        while (sp > 0) {
            int i = stack[--sp];
            int count = ControlFlow.successors(code, i, relocated, next);
            if (count == 0) {
                exit = true;
            }
            for (int k = 0; k < count; k++) {
                int t = next[k];
                if (t >= n) {
                    f.add(i, Rule.FALL_THROUGH, "execution runs off the end of the program after this instruction");
                } else if (t >= 0 && !seen.get(t)) {
                    seen.set(t);
                    stack[sp++] = t;
                }
            }
        }
        if (!exit) {
            f.add(n - 1, Rule.NO_EXIT, "no exit instruction is reachable");
        }
        for (int i = seen.nextClearBit(0); i < n; i = seen.nextClearBit(i + 1)) {
            if (!lddwTail.get(i) && (unreachableIn == null || unreachableIn.get(i))) {
                f.add(i, Rule.UNREACHABLE, "no path reaches this instruction");
                int j = i + 1;
                while (j < n && !seen.get(j)) {
                    j++;
                }
                i = j - 1; // one finding per unreachable run
            }
        }
    }

    private static final class Findings {
        final String section;
        final List<Finding> list = new ArrayList<>();

        Findings(String section) {
            this.section = section;
        }

        /** Adds a finding; returns false so decode checks can {@code return f.add(...)}. */
        boolean add(int insn, Rule rule, String message) {
            if (list.size() < MAX_FINDINGS) {
                list.add(new Finding(section, insn, rule, message));
            }
            return false;
        }
    }
}
