package io.x0tta6bl4.ebpf.internal.validate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.x0tta6bl4.ebpf.internal.elf.BpfObjectFile;
import io.x0tta6bl4.ebpf.internal.elf.ElfSection;
import io.x0tta6bl4.ebpf.internal.elf.ElfSymbol;
import io.x0tta6bl4.ebpf.internal.elf.ProgramSection;
import io.x0tta6bl4.ebpf.internal.elf.Relocation;

/**
 * What libbpf refuses about an object as a whole before the kernel sees a program: an ELF
 * type other than relocatable, no program section, and relocations it cannot apply (as
 * {@code bpf_program__record_reloc} of libbpf 1.x decides). Relocations against undefined
 * globals (externs, resolved against the kernel's configuration and symbols) are not
 * checked.
 */
final class ObjectChecks {

    /** Sections whose symbols an {@code lddw} may be relocated against: maps and global data. */
    private static final List<String> DATA_PREFIXES = List.of(".data", ".rodata", ".bss");
    private static final int SHN_LORESERVE = 0xff00;

    private ObjectChecks() {
    }

    static List<Finding> check(BpfObjectFile object) {
        List<Finding> out = new ArrayList<>();
        if (object.elfType() != BpfObjectFile.ET_REL) {
            out.add(Finding.object(Rule.OBJECT_TYPE, "ELF type " + object.elfType() + " (" + typeName(object.elfType())
                    + "): libbpf loads only relocatable objects (ET_REL, 1), what clang -c writes"));
        }
        if (object.programs().stream().allMatch(p -> p.name().equals(Validator.TEXT) || p.inFunctions().isEmpty())) {
            boolean text = object.programs().stream().anyMatch(p -> p.name().equals(Validator.TEXT));
            out.add(Finding.object(Rule.NO_PROGRAM, text
                    ? "no program but .text, which holds subprograms: libbpf gives it no program type"
                    : "no program section with a function: libbpf would load no program"));
        }
        int textIndex = object.section(Validator.TEXT).filter(ElfSection::executable).map(ElfSection::index).orElse(-1);
        Set<Integer> programSections = new HashSet<>();
        object.programs().forEach(p -> programSections.add(p.sectionIndex()));
        for (ProgramSection p : object.programs()) {
            for (Relocation r : p.relocations()) {
                String why = relocation(object, textIndex, programSections, p.code(), r);
                if (why != null && out.size() < Validator.MAX_FINDINGS) {
                    out.add(new Finding(p.name(), r.instruction(), Rule.RELOCATION, why));
                }
            }
        }
        return out;
    }

    /** Why libbpf would refuse this relocation, or null. */
    private static String relocation(BpfObjectFile object, int text, Set<Integer> programSections, byte[] code,
                                     Relocation r) {
        int o = r.instruction() * 8;
        int op = code[o] & 0xff;
        int src = (code[o + 1] >> 4) & 0x0f;
        String sym = "'" + r.symbol() + "'";
        if (op != 0x85 && op != 0x18) {
            return String.format("relocation against %s on opcode 0x%02x: libbpf relocates only lddw and calls",
                    sym, op);
        }
        if (r.external()) {
            return null;
        }
        int sec = r.symbolSection();
        String secName = sec > 0 && sec < object.sections().size() ? object.sections().get(sec).name() : null;
        if (op == 0x85) {
            if (src != 1) {
                return "relocation against " + sym + " on a call of source kind " + src
                        + ": libbpf relocates only bpf-to-bpf calls (source 1)";
            }
            if (sec != text) {
                return "call relocated against " + sym + (secName == null ? ", which is in no section"
                        : " in section '" + secName + "'") + ": libbpf resolves calls only into .text";
            }
            if (r.symbolValue() % 8 != 0) {
                return "call relocated against " + sym + " at byte " + r.symbolValue() + ", not on an instruction";
            }
            return null;
        }
        if (secName == null || sec >= SHN_LORESERVE) {
            return "lddw relocated against " + sym + ", which is in no section of the object";
        }
        if (sec == text) {
            boolean function = r.symbolType() == ElfSymbol.STT_FUNC
                    || (r.symbolType() == ElfSymbol.STT_SECTION && r.symbolBind() == ElfSymbol.STB_LOCAL);
            return function ? null : "lddw relocated against " + sym + " in .text, which is not a function";
        }
        if (programSections.contains(sec) || r.symbolType() == ElfSymbol.STT_FUNC) {
            return "lddw relocated against the function " + sym + " of section '" + secName
                    + "': only .text functions have an address a program may load";
        }
        if (!holdsMapsOrData(secName)) {
            return "lddw relocated against " + sym + " in section '" + secName + "', which holds no map or global data";
        }
        return null;
    }

    /**
     * For each instruction of {@code p} whose relocation calls into {@code .text} or takes the
     * address of a {@code .text} function, the {@code .text} instruction index it means (as
     * libbpf resolves it).
     */
    static Map<Integer, Integer> textTargets(ProgramSection p, int text) {
        Map<Integer, Integer> out = new HashMap<>();
        byte[] code = p.code();
        for (Relocation r : p.relocations()) {
            if (r.symbolSection() != text) {
                continue;
            }
            int o = r.instruction() * 8;
            int op = code[o] & 0xff;
            int imm = (code[o + 4] & 0xff) | (code[o + 5] & 0xff) << 8 | (code[o + 6] & 0xff) << 16 | code[o + 7] << 24;
            long target;
            if (op == 0x85) {
                target = r.symbolValue() / 8 + imm + 1;
            } else if (op == 0x18) {
                target = (r.symbolValue() + imm) / 8;
            } else {
                continue;
            }
            if (target >= 0 && target <= Integer.MAX_VALUE) {
                out.put(r.instruction(), (int) target); // outside .text: nothing is reached, which is NO_EXIT
            }
        }
        return out;
    }

    private static boolean holdsMapsOrData(String section) {
        String s = section.toLowerCase(Locale.ROOT);
        return s.equals("maps") || s.equals(".maps") || s.equals(".kconfig") || s.equals(".ksyms")
                || DATA_PREFIXES.stream().anyMatch(s::startsWith);
    }

    private static String typeName(int type) {
        return switch (type) {
            case 0 -> "ET_NONE";
            case 2 -> "ET_EXEC, an executable";
            case 3 -> "ET_DYN, a shared object";
            case 4 -> "ET_CORE, a core dump";
            default -> "unknown";
        };
    }
}
