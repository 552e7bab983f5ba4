package io.x0tta6bl4.ebpf.internal.elf;

/** One section header of an ELF file. */
public record ElfSection(int index, String name, int type, long flags, long offset, long size, int link, int info,
                         long entrySize) {

    public static final int SHT_PROGBITS = 1;
    public static final int SHT_SYMTAB = 2;
    public static final int SHT_STRTAB = 3;
    public static final int SHT_NOBITS = 8;
    public static final int SHT_REL = 9;
    public static final long SHF_EXECINSTR = 0x4;

    public boolean executable() {
        return type == SHT_PROGBITS && (flags & SHF_EXECINSTR) != 0;
    }
}
