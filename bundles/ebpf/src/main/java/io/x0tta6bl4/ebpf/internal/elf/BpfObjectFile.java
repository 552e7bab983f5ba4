package io.x0tta6bl4.ebpf.internal.elf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A BPF ELF object (what {@code clang -target bpf} writes), read defensively: every
 * offset, size and index is checked against the file before it is used, so a truncated or
 * malformed file is a {@link BpfFormatException} with the reason, never another exception.
 * Only 64-bit little-endian objects for {@code EM_BPF} (or 0, which old LLVM wrote) are
 * accepted. Fields libbpf does not read are not checked either: {@code e_shentsize}
 * (libelf knows the size of a 64-bit section header). Names are bounded
 * ({@link #MAX_NAME} each, {@link #MAX_NAME_BYTES} together, {@link #MAX_SYMBOLS} symbols),
 * so a string table bomb costs bounded time and heap.
 */
public final class BpfObjectFile {

    public static final int EM_BPF = 247;
    /** {@code e_type} of a relocatable object, the only kind libbpf loads. */
    public static final int ET_REL = 1;
    /** Larger objects are refused outright. */
    public static final int MAX_SIZE = 64 << 20;
    /** Caps on what sections may add up to, so crafted headers that overlap cannot blow up. */
    static final long MAX_CODE_BYTES = 64L << 20;
    static final int MAX_RELOCATIONS = 1_000_000;
    /**
     * Longest name accepted (section, symbol, license), in bytes without its terminator.
     * clang writes names of a few dozen bytes; the scan for the terminator stops here, so a
     * string table without one costs at most this much per name.
     */
    public static final int MAX_NAME = 4096;
    /** What all names together may add up to: symbols that all name one long string cannot multiply it. */
    public static final long MAX_NAME_BYTES = 4L << 20;
    /**
     * Sections libbpf reads by their name, never as programs whatever their flags say, and
     * whose relocation sections ({@code .rel<name>}) it skips.
     */
    static final Set<String> NOT_PROGRAMS = Set.of("license", "version", "maps", ".maps", ".BTF",
            ".BTF.ext");

    private static boolean ignored(String section) {
        return NOT_PROGRAMS.contains(section) || section.startsWith(".debug_"); // DWARF
    }
    /** Most symbols accepted (mesh_guard has a few dozen); bounds the symbol list on the heap. */
    public static final int MAX_SYMBOLS = 100_000;

    private final List<ElfSection> sections;
    private final List<ElfSymbol> symbols;
    private final List<ProgramSection> programs;
    private final List<String> maps;
    private final String license;
    private final int elfType;

    private BpfObjectFile(int elfType, List<ElfSection> sections, List<ElfSymbol> symbols,
                          List<ProgramSection> programs, List<String> maps, String license) {
        this.elfType = elfType;
        this.sections = sections;
        this.symbols = symbols;
        this.programs = programs;
        this.maps = maps;
        this.license = license;
    }

    /** {@code e_type}: {@link #ET_REL} for what clang writes; the validator refuses anything else. */
    public int elfType() {
        return elfType;
    }

    public List<ElfSection> sections() {
        return sections;
    }

    public List<ElfSymbol> symbols() {
        return symbols;
    }

    /** Executable sections with code, in file order. */
    public List<ProgramSection> programs() {
        return programs;
    }

    /** Names of the maps defined in {@code .maps} (BTF-defined) or {@code maps} (legacy). */
    public List<String> maps() {
        return maps;
    }

    public Optional<String> license() {
        return Optional.ofNullable(license);
    }

    public Optional<ElfSection> section(String name) {
        return sections.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** Whether the object carries BTF type information ({@code .BTF}). */
    public boolean hasBtf() {
        return section(".BTF").isPresent();
    }

    /** Whether it carries BTF line and function info ({@code .BTF.ext}). */
    public boolean hasBtfExt() {
        return section(".BTF.ext").isPresent();
    }

    public static BpfObjectFile parse(byte[] file) throws BpfFormatException {
        if (file == null) {
            throw new BpfFormatException("no data");
        }
        if (file.length > MAX_SIZE) {
            throw new BpfFormatException("file of " + file.length + " bytes is larger than " + MAX_SIZE);
        }
        return new Reader(file).read();
    }

    private static final class Reader {
        private final byte[] file;
        private final ByteBuffer buf;

        Reader(byte[] file) {
            this.file = file;
            this.buf = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        }

        BpfObjectFile read() throws BpfFormatException {
            if (file.length < 64) {
                throw new BpfFormatException("too short for an ELF header (" + file.length + " bytes)");
            }
            if (file[0] != 0x7f || file[1] != 'E' || file[2] != 'L' || file[3] != 'F') {
                throw new BpfFormatException("not an ELF file (bad magic)");
            }
            if (file[4] != 2) {
                throw new BpfFormatException("not a 64-bit ELF file (class " + file[4] + ")");
            }
            if (file[5] != 1) {
                throw new BpfFormatException("not a little-endian ELF file (data encoding " + file[5] + ")");
            }
            int machine = u16(18);
            if (machine != EM_BPF && machine != 0) {
                throw new BpfFormatException("ELF machine is " + machine + ", not BPF (" + EM_BPF + ")");
            }
            int elfType = u16(16);
            long shoff = u64(40);
            int shnum = u16(60);
            int shstrndx = u16(62);
            if (shnum == 0) {
                throw new BpfFormatException("no section headers");
            }
            range(shoff, (long) shnum * 64, "section header table");
            if (shstrndx >= shnum) {
                throw new BpfFormatException("section name table index " + shstrndx + " out of range (" + shnum
                        + " sections)");
            }
            long[][] raw = new long[shnum][];
            for (int i = 0; i < shnum; i++) {
                int o = (int) (shoff + 64L * i);
                raw[i] = new long[] {u32(o), u32(o + 4), u64(o + 8), u64(o + 24), u64(o + 32), u32(o + 40),
                        u32(o + 44), u64(o + 56)};
                if (raw[i][1] != ElfSection.SHT_NOBITS) {
                    range(raw[i][3], raw[i][4], "section " + i);
                }
            }
            long[] names = raw[shstrndx];
            List<ElfSection> sections = new ArrayList<>(shnum);
            for (int i = 0; i < shnum; i++) {
                long[] r = raw[i];
                String name = i == 0 ? "" : string(names[3], names[4], r[0], "section " + i + " name");
                sections.add(new ElfSection(i, name, (int) r[1], r[2], r[3], r[4], (int) r[5], (int) r[6], r[7]));
            }
            List<ElfSymbol> symbols = symbols(sections);
            Map<Integer, List<ElfSection>> relsByTarget = new HashMap<>();
            for (ElfSection r : sections) {
                boolean skipped = r.name().startsWith(".rel") && ignored(r.name().substring(4));
                if (r.type() == ElfSection.SHT_REL && !skipped) {
                    relsByTarget.computeIfAbsent(r.info(), k -> new ArrayList<>()).add(r);
                }
            }
            Map<Integer, List<ElfSymbol>> functionsBySection = new HashMap<>();
            for (ElfSymbol sym : symbols) {
                if (sym.type() == ElfSymbol.STT_FUNC) {
                    functionsBySection.computeIfAbsent(sym.sectionIndex(), k -> new ArrayList<>()).add(sym);
                }
            }
            List<ProgramSection> programs = new ArrayList<>();
            long codeBytes = 0;
            for (ElfSection s : sections) {
                if (s.executable() && s.size() >= 8 && !ignored(s.name())) {
                    codeBytes += s.size();
                    if (codeBytes > MAX_CODE_BYTES) {
                        throw new BpfFormatException("program sections add up to more than " + MAX_CODE_BYTES + " bytes");
                    }
                    programs.add(program(s, relsByTarget.getOrDefault(s.index(), List.of()), symbols,
                            functionsBySection.getOrDefault(s.index(), List.of())));
                }
            }
            List<String> maps = new ArrayList<>();
            for (ElfSymbol sym : symbols) {
                if (sym.sectionIndex() > 0 && sym.sectionIndex() < sections.size() && !sym.name().isEmpty()
                        && sym.type() != ElfSymbol.STT_SECTION) {
                    String sec = sections.get(sym.sectionIndex()).name();
                    if (sec.equals(".maps") || sec.equals("maps")) {
                        maps.add(sym.name());
                    }
                }
            }
            String license = null;
            for (ElfSection s : sections) {
                if (s.name().equals("license") && s.type() == ElfSection.SHT_PROGBITS) {
                    license = license(s);
                }
            }
            return new BpfObjectFile(elfType, List.copyOf(sections), List.copyOf(symbols), List.copyOf(programs),
                    List.copyOf(maps), license);
        }

        private List<ElfSymbol> symbols(List<ElfSection> sections) throws BpfFormatException {
            ElfSection symtab = null;
            for (ElfSection s : sections) {
                if (s.type() == ElfSection.SHT_SYMTAB) {
                    if (symtab != null) {
                        throw new BpfFormatException("more than one symbol table");
                    }
                    symtab = s;
                }
            }
            if (symtab == null) {
                return List.of();
            }
            if (symtab.size() % 24 != 0) {
                throw new BpfFormatException("symbol table size " + symtab.size() + " is not a multiple of 24");
            }
            if (symtab.link() <= 0 || symtab.link() >= sections.size()
                    || sections.get(symtab.link()).type() != ElfSection.SHT_STRTAB) {
                throw new BpfFormatException("symbol table links to section " + symtab.link()
                        + ", which is not a string table");
            }
            ElfSection strtab = sections.get(symtab.link());
            long entries = symtab.size() / 24;
            if (entries > MAX_SYMBOLS) {
                throw new BpfFormatException("symbol table has " + entries + " symbols, more than " + MAX_SYMBOLS);
            }
            int count = (int) entries;
            List<ElfSymbol> out = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                int o = (int) (symtab.offset() + 24L * i);
                int info = file[o + 4] & 0xff;
                int shndx = u16(o + 6);
                String name;
                if (info == ElfSymbol.STT_NOTYPE && shndx != 0) {
                    name = labelName(strtab, u32(o), "symbol " + i + " name");
                } else {
                    name = string(strtab.offset(), strtab.size(), u32(o), "symbol " + i + " name");
                }
                out.add(new ElfSymbol(i, name, u64(o + 8), u64(o + 16), info, shndx));
            }
            return out;
        }

        /**
         * The name of a local label (clang's {@code LBB0_3}): libbpf never reads these, so one
         * that cannot be read is an empty name, not a refusal. The bounds still apply.
         */
        private String labelName(ElfSection strtab, long index, String what) throws BpfFormatException {
            try {
                return string(strtab.offset(), strtab.size(), index, what);
            } catch (BpfFormatException e) {
                if (nameBytes > MAX_NAME_BYTES) {
                    throw e;
                }
                return "";
            }
        }

        private int relocationCount;

        private ProgramSection program(ElfSection s, List<ElfSection> relSections, List<ElfSymbol> symbols,
                                       List<ElfSymbol> functions) throws BpfFormatException {
            // libbpf takes programs from the function symbols; bytes after the last whole instruction are none
            byte[] code = new byte[(int) (s.size() / 8 * 8)];
            System.arraycopy(file, (int) s.offset(), code, 0, code.length);
            List<Relocation> relocations = new ArrayList<>();
            for (ElfSection r : relSections) {
                if (r.size() % 16 != 0) {
                    throw new BpfFormatException("relocation section '" + r.name() + "' size " + r.size()
                            + " is not a multiple of 16");
                }
                relocationCount += (int) (r.size() / 16);
                if (relocationCount > MAX_RELOCATIONS) {
                    throw new BpfFormatException("more than " + MAX_RELOCATIONS + " relocations");
                }
                for (long k = 0; k < r.size() / 16; k++) {
                    int o = (int) (r.offset() + 16 * k);
                    long offset = u64(o);
                    long info = u64(o + 8);
                    int symIndex = (int) (info >>> 32);
                    if (offset % 8 != 0 || offset < 0 || offset >= code.length) {
                        throw new BpfFormatException("relocation " + k + " of '" + s.name() + "' at offset " + offset
                                + " is not on an instruction of the section");
                    }
                    if (info >>> 32 >= symbols.size()) {
                        throw new BpfFormatException("relocation " + k + " of '" + s.name() + "' names symbol "
                                + (info >>> 32) + ", but there are " + symbols.size());
                    }
                    ElfSymbol sym = symbols.get(symIndex);
                    relocations.add(new Relocation((int) (offset / 8), sym.name(), sym.sectionIndex(),
                            (int) (info & 0xffffffffL), sym.type(), sym.bind(), sym.value()));
                }
            }
            return new ProgramSection(s.name(), s.index(), code, Collections.unmodifiableList(relocations),
                    List.copyOf(functions));
        }

        /** Up to the first zero byte or the end of the section, as libbpf copies it (it needs no terminator). */
        private String license(ElfSection s) throws BpfFormatException {
            range(s.offset(), s.size(), "license");
            int start = (int) s.offset();
            int end = (int) Math.min(s.offset() + s.size(), start + (long) MAX_NAME);
            int i = start;
            while (i < end && file[i] != 0) {
                i++;
            }
            return new String(file, start, i - start, StandardCharsets.UTF_8);
        }

        private void range(long offset, long length, String what) throws BpfFormatException {
            if (offset < 0 || length < 0 || offset > file.length || length > file.length - offset) {
                throw new BpfFormatException(what + " (offset " + offset + ", " + length
                        + " bytes) lies outside the file of " + file.length + " bytes");
            }
        }

        private long nameBytes;

        /**
         * The terminated string at {@code index} of a string table, at most {@link #MAX_NAME}
         * bytes, counted against {@link #MAX_NAME_BYTES}.
         */
        private String string(long tableOffset, long tableSize, long index, String what) throws BpfFormatException {
            range(tableOffset, tableSize, what + " table");
            if (index < 0 || index >= tableSize) {
                throw new BpfFormatException(what + ": string offset " + index + " outside its table of "
                        + tableSize + " bytes");
            }
            int start = (int) (tableOffset + index);
            int end = (int) Math.min(tableOffset + tableSize, start + (long) MAX_NAME + 1);
            int i = start;
            while (i < end && file[i] != 0) {
                i++;
            }
            if (i == end) {
                throw new BpfFormatException(what + ": string at " + index + (i - start > MAX_NAME
                        ? " is longer than " + MAX_NAME + " bytes" : " is not terminated"));
            }
            nameBytes += i - start;
            if (nameBytes > MAX_NAME_BYTES) {
                throw new BpfFormatException(what + ": names add up to more than " + MAX_NAME_BYTES + " bytes");
            }
            return new String(file, start, i - start, StandardCharsets.UTF_8);
        }

        private int u16(int o) {
            return buf.getShort(o) & 0xffff;
        }

        private long u32(int o) {
            return buf.getInt(o) & 0xffffffffL;
        }

        private long u64(int o) throws BpfFormatException {
            long v = buf.getLong(o);
            if (v < 0) {
                throw new BpfFormatException("value at " + o + " is too large");
            }
            return v;
        }
    }
}
