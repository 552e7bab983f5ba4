package io.x0tta6bl4.ebpf.internal.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import io.x0tta6bl4.ebpf.internal.elf.BpfFormatException;
import io.x0tta6bl4.ebpf.internal.elf.BpfObjectFile;
import io.x0tta6bl4.ebpf.internal.kernel.BpfException;
import io.x0tta6bl4.ebpf.internal.kernel.BpfObject;
import io.x0tta6bl4.ebpf.internal.kernel.HelperProbe;
import io.x0tta6bl4.ebpf.internal.kernel.Libbpf;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * {@link LibbpfCases}: the validator's verdict (without the kernel, with the built-in helper
 * list) and, where BPF can be loaded, what libbpf and the real kernel do with the same bytes.
 */
class LibbpfAgreementTest {

    static List<Finding> validate(byte[] elf, Validator validator) {
        try {
            return validator.validate(BpfObjectFile.parse(elf));
        } catch (BpfFormatException e) {
            return List.of(new Finding("(format)", -1, null, e.getMessage()));
        }
    }

    @Test
    void theValidatorRefusesExactlyWhatLibbpfRefuses() throws Exception {
        List<String> wrong = new ArrayList<>();
        for (LibbpfCases c : LibbpfCases.all()) {
            List<Finding> f = validate(c.elf(), new Validator());
            boolean ok = c.refusedBy() == null ? f.isEmpty() : f.stream().anyMatch(x -> x.rule() == c.refusedBy());
            if (!ok) {
                wrong.add(c + ": expected " + (c.refusedBy() == null ? "no findings" : c.refusedBy()) + ", got " + f);
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void libbpfAndTheKernelDoWhatTheCasesSay() throws Exception {
        Libbpf lib = Libbpf.load();
        if (!lib.available()) {
            System.out.println("SKIP libbpf agreement: " + lib.unavailableReason());
        }
        Assumptions.assumeTrue(lib.available(), "libbpf unavailable");
        try {
            BpfObject.load(lib, "xdp_pass", Elf.of("/bpf/xdp_pass.o").bytes).close();
        } catch (BpfException e) {
            System.out.println("SKIP libbpf agreement: cannot load BPF here: " + e.getMessage());
            Assumptions.abort("cannot load BPF: " + e.getMessage());
        }
        Validator probed = new Validator(HelperProbe.probe(lib));
        List<String> wrong = new ArrayList<>();
        int cases = 0;
        for (LibbpfCases c : LibbpfCases.all()) {
            cases++;
            LibbpfCases.Kernel got;
            String why = "";
            try (BpfObject o = BpfObject.load(lib, c.name(), c.elf())) {
                got = o.programs().isEmpty() ? LibbpfCases.Kernel.LOADS_NO_PROGRAM : LibbpfCases.Kernel.LOADS;
            } catch (BpfException e) {
                got = LibbpfCases.Kernel.REFUSES;
                why = e.getMessage() + (e.verifierLog() == null ? "" : " / " + e.verifierLog().lines()
                        .filter(l -> !l.isBlank() && !l.startsWith("processed")).reduce((a, b) -> b).orElse(""));
            }
            if (got != c.kernel()) {
                wrong.add(c + ": expected the kernel to " + c.kernel() + ", it did " + got + " " + why);
            }
            boolean validatorRefuses = !validate(c.elf(), probed).isEmpty();
            if (got == LibbpfCases.Kernel.LOADS && validatorRefuses) {
                wrong.add(c + ": the kernel loads it, the validator with the probed helpers refuses it");
            }
        }
        assertEquals(List.of(), wrong);
        assertTrue(cases >= 19, cases + " cases");
    }
}
