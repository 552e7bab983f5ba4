package io.x0tta6bl4.ebpf.internal.elf;

/**
 * A relocation against an instruction of a program section.
 *
 * @param instruction index of the instruction (byte offset / 8)
 * @param symbol      the symbol's name (a map, a function, a section)
 * @param symbolSection section index the symbol is defined in
 * @param type        the ELF relocation type (R_BPF_64_64 = 1, R_BPF_64_32 = 10, ...)
 * @param symbolType  the symbol's type ({@link ElfSymbol#STT_FUNC}, ...)
 * @param symbolBind  the symbol's binding ({@link ElfSymbol#STB_GLOBAL}, ...)
 * @param symbolValue the symbol's value (its byte offset in its section)
 */
public record Relocation(int instruction, String symbol, int symbolSection, int type, int symbolType, int symbolBind,
                         long symbolValue) {

    /** An undefined global symbol: libbpf resolves it against the kernel's configuration or symbols. */
    public boolean external() {
        return symbolSection == 0 && (symbolBind == ElfSymbol.STB_GLOBAL || symbolBind == ElfSymbol.STB_WEAK)
                && symbolType == ElfSymbol.STT_NOTYPE;
    }
}
