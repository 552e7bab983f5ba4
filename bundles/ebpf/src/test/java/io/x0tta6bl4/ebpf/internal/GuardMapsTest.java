package io.x0tta6bl4.ebpf.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import io.x0tta6bl4.api.ebpf.PeerCounters;

import org.junit.jupiter.api.Test;

class GuardMapsTest {

    @Test
    void perCpuPeerStatsAreSummed() {
        ByteBuffer b = ByteBuffer.allocate(3 * 24).order(ByteOrder.nativeOrder());
        for (int cpu = 0; cpu < 3; cpu++) {
            b.putLong(cpu + 1).putLong(100L * (cpu + 1)).putLong(cpu);
        }
        PeerCounters c = GuardMaps.peer(new byte[] {2, 0, 0, 0, 0, (byte) 0xab}, b.array(), 3, 24);
        assertEquals(new PeerCounters("02:00:00:00:00:ab", 6, 600, 3), c);
    }

    @Test
    void keysAndConfigLayout() {
        assertArrayEquals(new byte[] {2, 0, 0, 0, 0, (byte) 0xab}, GuardMaps.macKey("02:00:00:00:00:AB"));
        ByteBuffer cfg = ByteBuffer.wrap(GuardMaps.config(true, 8443)).order(ByteOrder.nativeOrder());
        assertEquals(1, cfg.getInt(0));
        assertEquals(8443, cfg.getInt(4));
        ByteBuffer two = ByteBuffer.allocate(16).order(ByteOrder.nativeOrder()).putLong(5).putLong(7);
        assertEquals(12, GuardMaps.sumU64(two.array(), 2, 8));
    }
}
