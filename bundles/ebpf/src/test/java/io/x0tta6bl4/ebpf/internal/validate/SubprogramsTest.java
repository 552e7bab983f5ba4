package io.x0tta6bl4.ebpf.internal.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import io.x0tta6bl4.ebpf.internal.elf.BpfObjectFile;
import io.x0tta6bl4.ebpf.internal.kernel.BpfException;
import io.x0tta6bl4.ebpf.internal.kernel.BpfObject;
import io.x0tta6bl4.ebpf.internal.kernel.Libbpf;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * bpf-to-bpf calls ({@code bpf-src/calls.c}, compiled here with clang as the build compiles
 * native/): libbpf hands the kernel only the {@code .text} functions a program calls or whose
 * address it loads (a bpf_loop callback), so the validator checks those and no other. A
 * broken instruction in a called function is refused by both, one in a function nothing
 * calls by neither. Skips without clang; the kernel half skips without BPF.
 */
class SubprogramsTest {

    static byte[] calls;

    @BeforeAll
    static void compile() throws Exception {
        Clang.Compiled c = Clang.compile("/bpf-src/calls.c");
        if (c.why() != null) {
            System.out.println("SKIP subprogram tests: " + c.why());
        }
        Assumptions.assumeTrue(c.why() == null, c.why());
        calls = c.elf();
    }

    /** The object with the first instruction of a .text function replaced by an undefined opcode. */
    static byte[] broken(String function) throws Exception {
        Elf e = Elf.of(calls);
        long at = e.parsed().symbols().stream().filter(s -> s.name().equals(function)).findFirst().orElseThrow().value();
        return e.u8(e.insn(".text", (int) (at / 8)), 0xff).bytes;
    }

    static List<Finding> validate(byte[] elf) throws Exception {
        return new Validator().validate(BpfObjectFile.parse(elf));
    }

    @Test
    void onlyTheFunctionsAProgramReachesAreChecked() throws Exception {
        assertEquals(List.of(), validate(calls));
        for (String reached : List.of("global_inc", "twice", "callback")) {
            List<Finding> f = validate(broken(reached));
            assertTrue(f.stream().anyMatch(x -> x.section().equals(".text") && x.rule() == Rule.OPCODE),
                    reached + ": " + f);
        }
        assertEquals(List.of(), validate(broken("lonely")), "a function nothing calls");
    }

    @Test
    void theKernelAgrees() throws Exception {
        Libbpf lib = Libbpf.load();
        Assumptions.assumeTrue(lib.available(), "libbpf unavailable");
        try {
            BpfObject.load(lib, "calls", calls).close();
        } catch (BpfException e) {
            System.out.println("SKIP subprogram kernel test: cannot load BPF here: " + e.getMessage());
            Assumptions.abort("cannot load BPF: " + e.getMessage());
        }
        BpfObject.load(lib, "lonely broken", broken("lonely")).close();
        for (String reached : List.of("global_inc", "twice", "callback")) {
            byte[] elf = broken(reached);
            Exception e = org.junit.jupiter.api.Assertions.assertThrows(BpfException.class,
                    () -> BpfObject.load(lib, reached + " broken", elf).close(), reached);
            assertTrue(e.getMessage().contains("refused"), e.getMessage());
        }
    }
}
