package io.x0tta6bl4.ebpf.internal.elf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

/**
 * String table bombs against the ELF reader: names without a terminator, names longer than
 * {@link BpfObjectFile#MAX_NAME}, and many symbols naming one long string. Each is refused
 * with one line naming what was wrong, in bounded time and with bounded allocation.
 */
class StringTableBombTest {

    /**
     * An object with sections [null, .shstrtab, .strtab, .symtab]: {@code strtab} as the
     * symbol string table and {@code symbols} symbols, every one naming {@code nameAt(i)}.
     */
    static byte[] object(byte[] strtab, int symbols, java.util.function.IntUnaryOperator nameAt) {
        byte[] shstr = "\0.shstrtab\0.strtab\0.symtab\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        int shstrOff = 64;
        int strOff = shstrOff + shstr.length;
        int symOff = strOff + strtab.length;
        symOff += (8 - symOff % 8) % 8;
        int shoff = symOff + 24 * symbols;
        ByteBuffer b = ByteBuffer.allocate(shoff + 64 * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1});
        b.putShort(16, (short) 1).putShort(18, (short) BpfObjectFile.EM_BPF);
        b.putLong(40, shoff).putShort(58, (short) 64).putShort(60, (short) 4).putShort(62, (short) 1);
        b.put(shstrOff, shstr);
        b.put(strOff, strtab);
        for (int i = 0; i < symbols; i++) {
            b.putInt(symOff + 24 * i, nameAt.applyAsInt(i));
        }
        section(b, shoff + 64, 1, ElfSection.SHT_STRTAB, shstrOff, shstr.length, 0);
        section(b, shoff + 128, 11, ElfSection.SHT_STRTAB, strOff, strtab.length, 0);
        section(b, shoff + 192, 19, ElfSection.SHT_SYMTAB, symOff, 24L * symbols, 2);
        return b.array();
    }

    private static void section(ByteBuffer b, int at, int name, int type, long offset, long size, int link) {
        b.putInt(at, name).putInt(at + 4, type).putLong(at + 24, offset).putLong(at + 32, size).putInt(at + 40, link);
    }

    private static long allocated() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    /** Parses and expects a refusal; the allocation during the parse stays within {@code maxAllocated}. */
    private static String refused(byte[] elf, long maxAllocated) {
        long before = allocated();
        long t0 = System.nanoTime();
        BpfFormatException e = assertThrows(BpfFormatException.class, () -> BpfObjectFile.parse(elf));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        long used = allocated() - before;
        assertTrue(used < maxAllocated, "parse allocated " + used + " bytes, bound " + maxAllocated);
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        System.out.println("refused in " + ms + " ms, " + used + " bytes allocated: " + e.getMessage());
        return e.getMessage();
    }

    @Test
    void aWellFormedSmallObjectParses() throws Exception {
        byte[] strtab = "\0one\0two\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        BpfObjectFile o = BpfObjectFile.parse(object(strtab, 3, i -> i == 0 ? 0 : i == 1 ? 1 : 5));
        assertEquals(java.util.List.of("", "one", "two"), o.symbols().stream().map(ElfSymbol::name).toList());
        assertEquals(".symtab", o.sections().get(3).name());
    }

    @Test
    void unterminatedHugeStringTableIsRefused() {
        byte[] strtab = new byte[32 << 20];
        Arrays.fill(strtab, (byte) 'A');
        String m = refused(object(strtab, 1, i -> 0), 8L << 20);
        assertTrue(m.contains("symbol 0 name") && m.contains("longer than 4096 bytes"), m);
        // short and unterminated: the table ends first
        String shortOne = refused(object("\0abc".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 2,
                i -> i), 1L << 20);
        assertTrue(shortOne.contains("symbol 1 name: string at 1 is not terminated"), shortOne);
    }

    @Test
    void aNameOneByteOverTheBoundIsRefusedAndOneAtItIsRead() throws Exception {
        byte[] atBound = new byte[BpfObjectFile.MAX_NAME + 2];
        Arrays.fill(atBound, 1, atBound.length - 1, (byte) 'n');
        BpfObjectFile o = BpfObjectFile.parse(object(atBound, 2, i -> i));
        assertEquals(BpfObjectFile.MAX_NAME, o.symbols().get(1).name().length());
        byte[] over = new byte[BpfObjectFile.MAX_NAME + 3];
        Arrays.fill(over, 1, over.length - 1, (byte) 'n');
        String m = refused(object(over, 2, i -> i), 1L << 20);
        assertTrue(m.contains("symbol 1 name: string at 1 is longer than 4096 bytes"), m);
    }

    /** 100,000 symbols each naming the same 4,000-byte string would be 400 MB of names. */
    @Test
    void manySymbolsNamingOneLongStringHitTheTotalBound() {
        byte[] strtab = new byte[4002];
        Arrays.fill(strtab, 1, 4001, (byte) 'x');
        String m = refused(object(strtab, BpfObjectFile.MAX_SYMBOLS, i -> 1), 3 * BpfObjectFile.MAX_NAME_BYTES
                + (64L << 20));
        assertTrue(m.contains("names add up to more than " + BpfObjectFile.MAX_NAME_BYTES + " bytes"), m);
    }

    @Test
    void tooManySymbolsAreRefusedBeforeAnyIsRead() {
        String m = refused(object(new byte[1], BpfObjectFile.MAX_SYMBOLS + 1, i -> 0), 1L << 20);
        assertTrue(m.contains("more than " + BpfObjectFile.MAX_SYMBOLS), m);
    }

    /** A section name without a terminator in .shstrtab: the header names are checked the same way. */
    @Test
    void unterminatedSectionNameIsRefused() {
        byte[] elf = object(new byte[1], 1, i -> 0);
        // overwrite .shstrtab's terminators from ".symtab" on with non-zero bytes up to the string table
        int shstr = 64;
        for (int i = shstr + 19; i < shstr + 27; i++) {
            elf[i] = 'y';
        }
        String m = refused(elf, 1L << 20);
        assertTrue(m.contains("section 3 name"), m);
    }

    /** Random bytes over the string tables of a real object: refused or read, never another exception. */
    @Test
    void fuzzedStringTablesNeverCrash() throws Exception {
        byte[] real = BpfObjectFileTest.resource("/bpf/mesh_guard.o");
        BpfObjectFile o = BpfObjectFile.parse(real);
        java.util.Random r = new java.util.Random(Long.getLong("fuzz.seed", 16));
        int cases = 0;
        for (ElfSection s : o.sections()) {
            if (s.type() != ElfSection.SHT_STRTAB) {
                continue;
            }
            for (int c = 0; c < 300; c++, cases++) {
                byte[] m = real.clone();
                int flips = 1 + r.nextInt(64);
                for (int k = 0; k < flips; k++) {
                    m[(int) (s.offset() + r.nextInt((int) s.size()))] = r.nextInt(4) == 0 ? 0 : (byte) r.nextInt();
                }
                try {
                    BpfObjectFile.parse(m).symbols().forEach(sym -> assertTrue(sym.name().length() <= 4096));
                } catch (BpfFormatException expected) {
                    assertEquals(1, expected.getMessage().lines().count());
                }
            }
        }
        assertTrue(cases >= 300, "string tables found: " + cases / 300);
    }
}
