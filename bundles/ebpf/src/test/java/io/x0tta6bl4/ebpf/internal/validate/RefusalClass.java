package io.x0tta6bl4.ebpf.internal.validate;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Why the kernel (or libbpf) refused an object the static validator passed: the documented
 * classes of what the validator leaves to the verifier because it tracks no values, and what
 * libbpf refuses in parts of the object the validator does not read. A refusal with a
 * verifier log is classed by its verdict line (the last line that is not a statistic or a
 * state dump); one without a log was libbpf's, before any program reached the verifier. The
 * bundle README lists the same classes.
 */
enum RefusalClass {
    UNINITIALISED("uninitialised registers and stack",
            "^R\\d+ !read_ok$", "^invalid (indirect )?read from stack"),
    POINTER_ARITHMETIC("pointer arithmetic and pointer types",
            "pointer arithmetic", "pointer \\S+ pointer prohibited", "bitwise operator .* on pointer prohibited",
            "^math between .* pointer and .* is not allowed", "subtract pointer from scalar",
            "invalid mem access '", "^invalid size of register spill", "stores into R\\d+ \\S+ is not allowed",
            "subtraction from stack pointer prohibited"),
    PACKET_BOUNDS("packet bounds",
            "^R\\d+ offset is outside of the packet", "^invalid access to packet",
            "makes pkt pointer be out of bounds"),
    MEMORY_BOUNDS("map value, context and stack bounds", // through a register other than r10
            "min value is outside of the allowed memory range", "^invalid bpf_context access",
            "^invalid access to map value", "^misaligned (\\w+ )?access", "min value is negative",
            "^invalid (variable-offset|unbounded variable-offset)", "^invalid (write|read) to stack"),
    SUBPROGRAMS("subprogram boundaries and callbacks", // a function's end, or one a call starts mid-section
            "^jump out of range from insn", "^last insn is not an exit or jmp", "^callback function not static"),
    LOOPS("loops, recursion and complexity",
            "infinite loop detected", "^back-edge from insn", "too complex", "^BPF program is too large",
            "^the call stack of \\d+ frames is too deep"),
    HELPER_ARGUMENTS("helper and function argument types",
            "^R\\d+ type=\\S+ expected=", "^helper call might sleep in a non-sleepable prog",
            "^Caller passes invalid args into func",
            "^cannot pass map_type \\d+ into func"),
    MAP_REFERENCES("map references no relocation covers", // lddw of a map fd or value
            "^unrecognized bpf_ld_imm64 insn", "^fd \\d+ is not pointing to valid bpf_map", "direct value offset"),
    RETURN_VALUE("program and callback return values",
            "^At (program exit|callback return) the register R0", "^R0 not a scalar value"),
    BTF("BTF function and line info", // the validator reads no BTF
            "(?i)btf func_info", "(?i)func_info", "(?i)line_info", "(?i)\\bbtf\\b"),
    VERIFIER_BUG("the verifier's own errors", // EFAULT: "verifier bug" on value tracking
            "^verifier bug"),
    LIBBPF_OBJECT("refused by libbpf before the verifier"); // BTF, map definitions, symbols, sections

    final String description;
    private final List<Pattern> patterns;

    RefusalClass(String description, String... patterns) {
        this.description = description;
        this.patterns = java.util.Arrays.stream(patterns).map(Pattern::compile).toList();
    }

    /** The class of a refusal, or null when none fits. */
    static RefusalClass of(String logTail) {
        if (logTail == null || logTail.isBlank()) {
            return LIBBPF_OBJECT;
        }
        String verdict = verdictLine(logTail);
        for (RefusalClass c : values()) {
            if (c.patterns.stream().anyMatch(p -> p.matcher(verdict).find())) {
                return c;
            }
        }
        return null;
    }

    /** The verifier's verdict: the last line that is not a statistic or a register state. */
    static String verdictLine(String log) {
        List<String> lines = log.lines().filter(l -> !l.isBlank()).toList();
        for (int i = lines.size() - 1; i >= 0; i--) {
            String l = lines.get(i);
            if (!l.startsWith("processed ") && !l.startsWith("verification time") && !l.startsWith("stack depth")
                    && !l.startsWith("cur state:") && !l.startsWith("old state:")) {
                return l;
            }
        }
        return "";
    }
}
