package io.x0tta6bl4.batman.internal.ethtool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The ethtool counters' buffers, and the real ioctl where this machine has no such interface. */
class EthtoolStatsTest {

    private static byte[] names(String... names) {
        byte[] out = new byte[names.length * EthtoolStats.ETH_GSTRING_LEN];
        for (int i = 0; i < names.length; i++) {
            byte[] n = names[i].getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(n, 0, out, i * EthtoolStats.ETH_GSTRING_LEN, Math.min(n.length, EthtoolStats.ETH_GSTRING_LEN));
        }
        return out;
    }

    private static byte[] values(long... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.nativeOrder());
        for (long v : values) {
            b.putLong(v);
        }
        return b.array();
    }

    @Test
    void namesPairWithValuesInTheDriversOrder() {
        String full = "x".repeat(EthtoolStats.ETH_GSTRING_LEN); // no NUL: the whole 32 bytes are the name
        Map<String, Long> m = EthtoolStats.decode(names("tx", "tx_bytes", "mgmt_tx", full),
                values(7, 700, 3, -1), 4);
        assertEquals(List.of("tx", "tx_bytes", "mgmt_tx", full), List.copyOf(m.keySet()));
        assertEquals(700L, m.get("tx_bytes"));
        assertEquals(-1L, m.get(full), "a u64 past Long.MAX_VALUE stays its bits");
    }

    @Test
    void aCountLargerThanTheBuffersReadsOnlyWhatIsThere() {
        assertEquals(Map.of("rx", 1L), EthtoolStats.decode(names("rx", "rx_bytes"), values(1), 5));
        assertEquals(Map.of("rx", 1L), EthtoolStats.decode(names("rx", "rx"), values(1, 2), 2), "a repeated name keeps its first value");
    }

    @Test
    void anInterfaceThatIsNotThereIsOneClearError() {
        IOException e = assertThrows(IOException.class, () -> EthtoolStats.read("nosuch0x6b"));
        assertTrue(e.getMessage().startsWith("ETHTOOL_GSSET_INFO on nosuch0x6b failed: No such device"), e.getMessage());
        IOException name = assertThrows(IOException.class, () -> EthtoolStats.read("a-name-of-16-chr"));
        assertEquals("interface name 'a-name-of-16-chr' is not 1-15 characters", name.getMessage());
    }

    @Test
    void loopbackHasNoDriverCounters() throws IOException {
        // the kernel's lo implements no ethtool stats: an empty answer or EOPNOTSUPP, never a crash
        try {
            assertEquals(Map.of(), EthtoolStats.read("lo"));
        } catch (IOException e) {
            assertTrue(e.getMessage().contains("Operation not supported"), e.getMessage());
        }
    }
}
