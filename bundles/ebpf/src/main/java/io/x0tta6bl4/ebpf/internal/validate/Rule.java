package io.x0tta6bl4.ebpf.internal.validate;

/** The rules of the static validator; every finding names one. */
public enum Rule {
    /** Opcode not defined for eBPF, or reserved fields set. */
    OPCODE,
    /** Register number above r10. */
    REGISTER,
    /** r10, the read-only frame pointer, written. */
    WRITE_R10,
    /** Jump or call target outside the program. */
    JUMP_TARGET,
    /** Jump or call target is the second half of a 64-bit immediate load. */
    JUMP_INTO_LDDW,
    /** Malformed 64-bit immediate load (lddw): truncated, bad second half or source. */
    LDDW,
    /** No exit instruction is reachable. */
    NO_EXIT,
    /** Execution can run off the end of the program. */
    FALL_THROUGH,
    /** Instruction no path reaches (the kernel refuses these). */
    UNREACHABLE,
    /** Division or modulo by a zero immediate. */
    DIV_BY_ZERO,
    /** Stack access outside the 512-byte frame. */
    STACK,
    /** Stack access through r10 not aligned to its size (the verifier checks stack alignment strictly). */
    STACK_ALIGNMENT,
    /** Helper call not allowed for the program type, or an unknown call kind. */
    HELPER,
    /** More instructions than the limit. */
    INSN_LIMIT,
    /** A relocation libbpf cannot apply: not on an lddw or call, or against a symbol of the wrong kind. */
    RELOCATION,
    /** The ELF file is not a relocatable object (e_type), which libbpf refuses. */
    OBJECT_TYPE,
    /** No section libbpf would load as a program. */
    NO_PROGRAM
}
