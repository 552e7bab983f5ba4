package io.x0tta6bl4.ebpf.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class EbpfConfigReaderTest {

    private final List<String> warnings = new ArrayList<>();
    private final EbpfConfigReader reader = new EbpfConfigReader(warnings::add);

    @Test
    void defaultsWhenEmpty() {
        EbpfConfig c = reader.read(EbpfConfig.DEFAULTS, Map.of());
        assertEquals(EbpfConfig.DEFAULTS, c);
        assertEquals(List.of(), c.interfaces(), "attached nowhere by default");
        assertTrue(warnings.isEmpty());
    }

    @Test
    void readsListsInEveryForm() {
        EbpfConfig c = reader.read(EbpfConfig.DEFAULTS, Map.of("interfaces", "eth1, lab/veth0 ,",
                "allowed", new String[] {"02:AA:00:00:00:01", "02-aa-00-00-00-02"}, "enforce", "true",
                "attest.port", 9443L, "health.interval.ms", "250"));
        assertEquals(List.of("eth1", "lab/veth0"), c.interfaces());
        assertEquals(Set.of("02:aa:00:00:00:01", "02:aa:00:00:00:02"), c.allowed());
        assertTrue(c.enforce());
        assertEquals(9443, c.attestPort());
        assertEquals(250, c.healthIntervalMs());
        assertEquals(List.of("x"), reader.read(EbpfConfig.DEFAULTS, Map.of("interfaces", List.of("x"))).interfaces());
        assertTrue(warnings.isEmpty(), warnings.toString());
    }

    @Test
    void badValuesAreRefusedOneLineEachAndTheLastGoodKept() {
        EbpfConfig good = reader.read(EbpfConfig.DEFAULTS, Map.of("interfaces", "eth1", "attest.port", "9443"));
        EbpfConfig c = reader.read(good, Map.of("interfaces", "eth1,../x/y", "attest.port", "70000",
                "enforce", "maybe", "health.interval.ms", "soon", "allowed", "02:aa:00:00:00:01,nope",
                "health.max.per.minute", "0", "health.peer.interval.ms", "5"));
        assertEquals(List.of("eth1"), c.interfaces());
        assertEquals(9443, c.attestPort());
        assertFalse(c.enforce());
        assertEquals(1000, c.healthIntervalMs());
        assertEquals(Set.of(), c.allowed());
        assertEquals(60, c.healthMaxPerMinute());
        assertEquals(5, c.healthPeerIntervalMs(), "the valid key of the same update applies");
        assertEquals(6, warnings.size(), warnings.toString());
        assertTrue(warnings.stream().anyMatch(w -> w.startsWith("Refused attest.port=70000: must be a whole number within 0..65535;"
                + " keeping attest.port=9443")), warnings.toString());
        assertTrue(warnings.stream().anyMatch(w -> w.contains("interfaces=eth1,../x/y") && w.contains("keeping interfaces=eth1")));
        warnings.forEach(w -> assertFalse(w.contains("\n")));
    }

    @Test
    void interfaceSpecsAreChecked() {
        assertEquals("ns1/eth0", EbpfConfigReader.checkInterface(" ns1/eth0 "));
        for (String bad : List.of("", "a/b/c", "/eth0", "ns/", "eth0 x", "averyveryverylongname")) {
            try {
                EbpfConfigReader.checkInterface(bad);
                throw new AssertionError("accepted " + bad);
            } catch (IllegalArgumentException e) {
                assertTrue(e.getMessage().contains("'" + bad.trim() + "'") || e.getMessage().contains(bad), e.getMessage());
            }
        }
    }
}
