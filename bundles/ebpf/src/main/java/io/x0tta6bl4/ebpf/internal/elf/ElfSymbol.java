package io.x0tta6bl4.ebpf.internal.elf;

/** One symbol-table entry. */
public record ElfSymbol(int index, String name, long value, long size, int info, int sectionIndex) {

    public static final int STT_NOTYPE = 0;
    public static final int STT_OBJECT = 1;
    public static final int STT_FUNC = 2;
    public static final int STT_SECTION = 3;
    public static final int STB_LOCAL = 0;
    public static final int STB_GLOBAL = 1;
    public static final int STB_WEAK = 2;

    public int type() {
        return info & 0xf;
    }

    public boolean global() {
        return bind() == STB_GLOBAL;
    }

    public int bind() {
        return info >> 4;
    }
}
