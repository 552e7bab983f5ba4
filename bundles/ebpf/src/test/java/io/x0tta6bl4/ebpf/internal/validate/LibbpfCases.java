package io.x0tta6bl4.ebpf.internal.validate;

import java.util.ArrayList;
import java.util.List;

import io.x0tta6bl4.ebpf.internal.elf.ElfSection;

/**
 * Edits of the compiled objects where the validator once disagreed with libbpf, each with
 * what libbpf does with it: the pure test checks the validator's verdict, the kernel test
 * that libbpf and the kernel really do so.
 *
 * @param refusedBy the rule the validator refuses it by, null when it must pass
 * @param kernel    what libbpf and the kernel do: load it, refuse it, or load no program
 */
record LibbpfCases(String name, byte[] elf, Rule refusedBy, Kernel kernel) {

    enum Kernel { LOADS, REFUSES, LOADS_NO_PROGRAM }

    static final int E_TYPE = 16;
    static final int E_MACHINE = 18;
    static final int E_SHENTSIZE = 58;

    static List<LibbpfCases> all() throws Exception {
        List<LibbpfCases> out = new ArrayList<>();
        out.add(new LibbpfCases("e_machine 0 (old LLVM)", Elf.of("/bpf/xdp_pass.o").u16(E_MACHINE, 0).bytes, null,
                Kernel.LOADS));
        for (int size : new int[] {0, 32, 128}) {
            out.add(new LibbpfCases("e_shentsize " + size, Elf.of("/bpf/mesh_guard.o").u16(E_SHENTSIZE, size).bytes,
                    null, Kernel.LOADS));
        }
        out.add(new LibbpfCases("e_type ET_EXEC", Elf.of("/bpf/xdp_pass.o").u16(E_TYPE, 2).bytes, Rule.OBJECT_TYPE,
                Kernel.REFUSES));
        out.add(new LibbpfCases("e_type ET_DYN", Elf.of("/bpf/mesh_guard.o").u16(E_TYPE, 3).bytes, Rule.OBJECT_TYPE,
                Kernel.REFUSES));

        Elf src = Elf.of("/bpf/mesh_guard.o");
        int lddw = (int) (src.getU64(src.relocation("xdp", 0)) / 8);
        int at = src.insn("xdp", lddw) + 1;
        out.add(new LibbpfCases("source kind 9 on a map-relocated lddw",
                src.u8(at, (src.getU8(at) & 0x0f) | 0x90).bytes, null, Kernel.LOADS));

        Elf moved = Elf.of("/bpf/mesh_guard.o");
        out.add(new LibbpfCases("relocation moved onto instruction 0 (not an lddw)",
                moved.u64(moved.relocation("xdp", 0), 0).bytes, Rule.RELOCATION, Kernel.REFUSES));

        Elf fn = Elf.of("/bpf/mesh_guard.o");
        int r = fn.relocation("xdp", 0);
        out.add(new LibbpfCases("lddw relocated against the program's function symbol",
                fn.u64(r + 8, ((long) fn.symbolIndex("mesh_guard") << 32) | 1).bytes, Rule.RELOCATION, Kernel.REFUSES));

        Elf strtab = Elf.of("/bpf/mesh_guard.o");
        int r2 = strtab.relocation("xdp", 0);
        int license = strtab.parsed().symbols().stream().filter(s -> s.name().equals("LICENSE")).mapToInt(
                io.x0tta6bl4.ebpf.internal.elf.ElfSymbol::index).findFirst().orElse(-1);
        if (license > 0) {
            out.add(new LibbpfCases("lddw relocated against the license string",
                    strtab.u64(r2 + 8, ((long) license << 32) | 1).bytes, Rule.RELOCATION, Kernel.REFUSES));
        }

        Elf stack = Elf.of("/bpf/mesh_guard.o");
        int n = (int) stack.section("xdp").size() / 8;
        for (int i = 0; i < n; i++) {
            int o = stack.insn("xdp", i);
            int op = stack.getU8(o);
            if ((op == 0x63 || op == 0x7b) && (stack.getU8(o + 1) & 0x0f) == 10) {
                stack.u16(o + 2, stack.getU16(o + 2) - 2);
                out.add(new LibbpfCases("stack store at instruction " + i + " moved 2 bytes off its alignment",
                        stack.bytes, Rule.STACK_ALIGNMENT, Kernel.REFUSES));
                break;
            }
        }

        Elf noexec = Elf.of("/bpf/xdp_pass.o");
        ElfSection xdp = noexec.section("xdp");
        out.add(new LibbpfCases("the only program section not executable",
                noexec.u64(noexec.header(xdp) + 8, xdp.flags() & ~ElfSection.SHF_EXECINSTR).bytes, Rule.NO_PROGRAM,
                Kernel.LOADS_NO_PROGRAM));

        Elf exit = Elf.of("/bpf/xdp_pass.o");
        out.add(new LibbpfCases("exit with offset 5 (the verifier ignores it)",
                exit.u16(exit.insn("xdp", 1) + 2, 5).bytes, null, Kernel.LOADS));

        Elf text = Elf.of("/bpf/xdp_pass.o");
        out.add(new LibbpfCases(".text of 8 bytes nothing calls (libbpf loads none of it)",
                text.u64(text.header(text.section(".text")) + 32, 8).bytes, null, Kernel.LOADS));

        Elf longer = Elf.of("/bpf/mesh_guard.o");
        ElfSection guard = longer.section("xdp");
        out.add(new LibbpfCases("program section 9 bytes longer than its function",
                longer.u64(longer.header(guard) + 32, guard.size() + 9).bytes, null, Kernel.LOADS));

        Elf dwarf = Elf.of("/bpf/mesh_guard.o");
        ElfSection info = dwarf.section(".debug_info");
        out.add(new LibbpfCases(".debug_info flagged executable, with its relocations",
                dwarf.u64(dwarf.header(info) + 8, info.flags() | ElfSection.SHF_EXECINSTR).bytes, null, Kernel.LOADS));

        Elf lic = Elf.of("/bpf/xdp_pass.o");
        ElfSection licenseSection = lic.section("license");
        out.add(new LibbpfCases("license without its terminator",
                lic.u64(lic.header(licenseSection) + 32, licenseSection.size() - 1).bytes, null, Kernel.LOADS));

        Elf maps = Elf.of("/bpf/mesh_guard.o");
        ElfSection mapSection = maps.section(".maps");
        out.add(new LibbpfCases(".maps flagged executable (libbpf takes it by name)",
                maps.u64(maps.header(mapSection) + 8, mapSection.flags() | ElfSection.SHF_EXECINSTR).bytes, null,
                Kernel.LOADS));

        // the string table cut just before the name that comes last in it, when that is a label's
        Elf cut = Elf.of("/bpf/mesh_guard.o");
        ElfSection symtab = cut.section(".symtab");
        int lastName = 0;
        boolean label = false;
        for (int i = 0; i < symtab.size() / 24; i++) {
            int o = (int) symtab.offset() + 24 * i;
            int name = (int) (cut.getU64(o) & 0xffffffffL);
            if (name > lastName) {
                lastName = name;
                label = cut.getU8(o + 4) == 0 && cut.getU16(o + 6) != 0;
            }
        }
        if (label) {
            out.add(new LibbpfCases("string table cut through a label's name (libbpf never reads it)",
                    cut.u64(cut.header(cut.section(".strtab")) + 32, lastName).bytes, null, Kernel.LOADS));
        }

        for (int helper : new int[] {14, 35, 158}) {
            Elf call = Elf.of("/bpf/xdp_pass.o");
            int o = call.insn("xdp", 0);
            call.u8(o, 0x85).u8(o + 1, 0).u32(o + 4, helper);
            out.add(new LibbpfCases("XDP calling helper " + helper + " (missing from the former hand list)",
                    call.bytes, null, Kernel.LOADS));
        }
        return out;
    }

    @Override
    public String toString() {
        return name;
    }
}
