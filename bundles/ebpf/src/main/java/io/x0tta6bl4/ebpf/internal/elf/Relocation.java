package io.x0tta6bl4.ebpf.internal.elf;

/**
 * A relocation against an instruction of a program section.
 *
 * @param instruction index of the instruction (byte offset / 8)
 * @param symbol      the symbol's name (a map, a function, a section)
 * @param symbolSection section index the symbol is defined in
 * @param type        the ELF relocation type (R_BPF_64_64 = 1, R_BPF_64_32 = 10, ...)
 */
public record Relocation(int instruction, String symbol, int symbolSection, int type) {
}
