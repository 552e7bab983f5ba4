package io.x0tta6bl4.api.ebpf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MacAddressesTest {

    @Test
    void normalisesCaseSeparatorsAndSpace() {
        assertEquals("02:aa:0b:00:00:ff", MacAddresses.normalize(" 02-AA-0B-00-00-FF "));
        assertEquals("02:aa:0b:00:00:ff", MacAddresses.normalize("02:aa:0b:00:00:ff"));
    }

    @Test
    void malformedMacIsRefusedNamingIt() {
        for (String bad : new String[] {"", "02:aa:0b:00:00", "02:aa:0b:00:00:ff:01", "zz:aa:0b:00:00:ff",
                "02aa0b0000ff", "2:aa:0b:00:00:ff"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> MacAddresses.normalize(bad));
            assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> MacAddresses.normalize(null));
    }

    @Test
    void bytesRoundTrip() {
        byte[] b = MacAddresses.toBytes("02:aa:0b:00:80:ff");
        assertArrayEquals(new byte[] {2, (byte) 0xaa, 0x0b, 0, (byte) 0x80, (byte) 0xff}, b);
        assertEquals("02:aa:0b:00:80:ff", MacAddresses.fromBytes(b));
    }

    @Test
    void countersValidateAndNormalise() {
        PeerCounters c = new PeerCounters("02:AA:0B:00:80:FF", 10, 1000, 4);
        assertEquals("02:aa:0b:00:80:ff", c.mac());
        assertEquals(6, c.passed());
        assertThrows(IllegalArgumentException.class, () -> new PeerCounters("x", 1, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new PeerCounters("02:aa:0b:00:80:ff", -1, 1, 1));
    }
}
