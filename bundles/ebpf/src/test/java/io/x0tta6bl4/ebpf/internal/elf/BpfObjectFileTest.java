package io.x0tta6bl4.ebpf.internal.elf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

class BpfObjectFileTest {

    static byte[] resource(String name) throws Exception {
        try (InputStream in = BpfObjectFileTest.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        }
    }

    @Test
    void readsMeshGuard() throws Exception {
        BpfObjectFile o = BpfObjectFile.parse(resource("/bpf/mesh_guard.o"));
        assertEquals(List.of("xdp"), o.programs().stream().map(ProgramSection::name).toList());
        assertEquals(Set.of("peer_stats", "quarantine", "allowed", "guard_config", "global_stats"),
                Set.copyOf(o.maps()));
        assertTrue(o.hasBtf());
        assertTrue(o.hasBtfExt());
        assertEquals("Dual BSD/GPL", o.license().orElseThrow());
        ProgramSection xdp = o.programs().get(0);
        // every map reference is a relocation on a 64-bit immediate load
        Set<String> relocated = xdp.relocations().stream().map(Relocation::symbol).collect(Collectors.toSet());
        assertEquals(Set.copyOf(o.maps()), relocated);
        for (Relocation r : xdp.relocations()) {
            assertEquals(0x18, xdp.code()[r.instruction() * 8] & 0xff, "relocation at " + r);
        }
        assertTrue(xdp.functions().stream().anyMatch(f -> f.name().equals("mesh_guard")));
    }

    @Test
    void refusesWhatIsNotABpfObject() {
        assertThrows(BpfFormatException.class, () -> BpfObjectFile.parse(new byte[0]));
        assertThrows(BpfFormatException.class, () -> BpfObjectFile.parse(new byte[100]));
        assertThrows(BpfFormatException.class, () -> BpfObjectFile.parse(null));
    }

    @Test
    void refusesOtherMachinesAndTruncation() throws Exception {
        byte[] elf = resource("/bpf/xdp_pass.o");
        byte[] x86 = elf.clone();
        x86[18] = 62;
        assertTrue(assertThrows(BpfFormatException.class, () -> BpfObjectFile.parse(x86)).getMessage()
                .contains("not BPF"));
        byte[] cut = Arrays.copyOf(elf, elf.length / 2);
        BpfFormatException e = assertThrows(BpfFormatException.class, () -> BpfObjectFile.parse(cut));
        assertTrue(e.getMessage().contains("outside the file"), e.getMessage());
        byte[] big = elf.clone();
        big[4] = 1;
        assertTrue(assertThrows(BpfFormatException.class, () -> BpfObjectFile.parse(big)).getMessage()
                .contains("64-bit"));
    }

    /** Many section headers over the same 1 MiB of code: refused by the caps, not by memory running out. */
    @Test
    void overlappingSectionsCannotBlowUp() {
        int code = 1 << 20;
        int sections = 80;
        int shoff = 64 + 8 + code;
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(shoff + 64 * sections)
                .order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1});
        b.putShort(18, (short) BpfObjectFile.EM_BPF);
        b.putLong(40, shoff);
        b.putShort(58, (short) 64);
        b.putShort(60, (short) sections);
        b.putShort(62, (short) 1);
        for (int i = 1; i < sections; i++) {
            int h = shoff + 64 * i;
            if (i == 1) {
                b.putInt(h + 4, ElfSection.SHT_STRTAB);
                b.putLong(h + 24, 64); // a zero byte: every name is ""
                b.putLong(h + 32, 1);
            } else {
                b.putInt(h + 4, ElfSection.SHT_PROGBITS);
                b.putLong(h + 8, ElfSection.SHF_EXECINSTR);
                b.putLong(h + 24, 72);
                b.putLong(h + 32, code);
            }
        }
        BpfFormatException e = assertThrows(BpfFormatException.class, () -> BpfObjectFile.parse(b.array()));
        assertTrue(e.getMessage().contains("add up to more than"), e.getMessage());
    }

    @Test
    void bareProgramHasNoMaps() throws Exception {
        BpfObjectFile o = BpfObjectFile.parse(resource("/bpf/xdp_pass.o"));
        assertTrue(o.maps().isEmpty());
        assertFalse(o.programs().isEmpty());
    }
}
