package io.x0tta6bl4.ebpf.internal.elf;

/** One symbol-table entry. */
public record ElfSymbol(int index, String name, long value, long size, int info, int sectionIndex) {

    public static final int STT_OBJECT = 1;
    public static final int STT_FUNC = 2;
    public static final int STT_SECTION = 3;

    public int type() {
        return info & 0xf;
    }

    public boolean global() {
        return (info >> 4) == 1;
    }
}
