package io.x0tta6bl4.ebpf.internal.validate;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import io.x0tta6bl4.ebpf.internal.elf.BpfObjectFile;
import io.x0tta6bl4.ebpf.internal.elf.ElfSection;
import io.x0tta6bl4.ebpf.internal.elf.ElfSymbol;

/** Edits of compiled BPF objects, field by field, for tests; every edit works on a copy. */
final class Elf {

    final byte[] bytes;
    private final BpfObjectFile parsed;
    private final ByteBuffer buf;

    private Elf(byte[] bytes) throws Exception {
        this.bytes = bytes.clone();
        this.parsed = BpfObjectFile.parse(bytes);
        this.buf = ByteBuffer.wrap(this.bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    static Elf of(byte[] bytes) throws Exception {
        return new Elf(bytes);
    }

    static Elf of(String resource) throws Exception {
        try (InputStream in = Elf.class.getResourceAsStream(resource)) {
            return new Elf(in.readAllBytes());
        }
    }

    BpfObjectFile parsed() {
        return parsed;
    }

    ElfSection section(String name) {
        return parsed.section(name).orElseThrow(() -> new IllegalArgumentException("no section " + name));
    }

    /** File offset of a section's header. */
    int header(ElfSection s) {
        return (int) (buf.getLong(40) + 64L * s.index());
    }

    /** File offset of instruction {@code insn} of a program section. */
    int insn(String section, int insn) {
        return (int) section(section).offset() + 8 * insn;
    }

    /** File offset of the {@code k}-th relocation against a program section. */
    int relocation(String section, int k) {
        ElfSection target = section(section);
        ElfSection rel = parsed.sections().stream()
                .filter(s -> s.type() == ElfSection.SHT_REL && s.info() == target.index()).findFirst().orElseThrow();
        return (int) rel.offset() + 16 * k;
    }

    int symbolIndex(String name) {
        return parsed.symbols().stream().filter(s -> s.name().equals(name)).mapToInt(ElfSymbol::index).findFirst()
                .orElseThrow();
    }

    Elf u8(int at, int v) {
        bytes[at] = (byte) v;
        return this;
    }

    Elf u16(int at, int v) {
        buf.putShort(at, (short) v);
        return this;
    }

    Elf u32(int at, long v) {
        buf.putInt(at, (int) v);
        return this;
    }

    Elf u64(int at, long v) {
        buf.putLong(at, v);
        return this;
    }

    int getU8(int at) {
        return bytes[at] & 0xff;
    }

    int getU16(int at) {
        return buf.getShort(at) & 0xffff;
    }

    long getU64(int at) {
        return buf.getLong(at);
    }
}
