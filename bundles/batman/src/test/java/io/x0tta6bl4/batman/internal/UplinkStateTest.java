package io.x0tta6bl4.batman.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.ArrayList;

import org.junit.jupiter.api.Test;

/** The uplink's transitions from probe rounds, the targets' syntax and the gateway.* keys. */
class UplinkStateTest {

    @Test
    void downOnlyAfterTheConfiguredFailuresInARowAndUpAtTheFirstAnswer() {
        UplinkState s = new UplinkState();
        assertEquals(UplinkState.Change.NONE, s.round(true, "ok", 2, 0));
        assertEquals(UplinkState.Change.NONE, s.round(false, "lost", 2, 1000));
        assertEquals(UplinkState.Change.NONE, s.round(true, "ok", 2, 2000), "one lost round is not an outage");
        assertEquals(UplinkState.Change.NONE, s.round(false, "lost", 2, 3000));
        assertEquals(UplinkState.Change.DOWN, s.round(false, "lost", 2, 4000));
        assertEquals(UplinkState.Change.NONE, s.round(false, "lost", 2, 5000), "DOWN is posted once");
        assertTrue(s.down());
        assertEquals(0, s.upForMs(5000));
        assertEquals(UplinkState.Change.UP, s.round(true, "ok", 2, 6000));
        assertEquals(1500, s.upForMs(7500));
        s.round(false, "lost", 2, 8000);
        assertEquals(0, s.upForMs(8500), "a failed round restarts the hold-down");
    }

    @Test
    void targetsParseAndPrintBack() {
        assertEquals(new UplinkTarget("icmp", "10.99.1.2", 0), UplinkTarget.parse(" icmp:10.99.1.2 "));
        assertEquals(new UplinkTarget("tcp", "2001:db8::1", 53), UplinkTarget.parse("tcp:[2001:db8::1]:53"));
        assertEquals("tcp:[2001:db8::1]:53", UplinkTarget.parse("TCP:[2001:db8::1]:53").toString());
        assertThrows(IllegalArgumentException.class, () -> UplinkTarget.parse("udp:1.2.3.4:53"));
        assertThrows(IllegalArgumentException.class, () -> UplinkTarget.parse("tcp:1.2.3.4"));
        assertThrows(IllegalArgumentException.class, () -> UplinkTarget.parse("tcp:1.2.3.4:70000"));
        assertThrows(IllegalArgumentException.class, () -> UplinkTarget.parse("icmp:"));
    }

    @Test
    void aBadKeyIsOneLineAndKeepsTheLastGoodValue() {
        List<String> warnings = new ArrayList<>();
        GatewayConfigReader reader = new GatewayConfigReader(warnings::add);
        GatewayConfig good = reader.read(Map.of(GatewayConfig.TARGETS, "icmp:10.99.1.2, tcp:10.99.1.2:80",
                GatewayConfig.INTERFACE, "vAU", GatewayConfig.HOLD_DOWN_MS, "3000"), GatewayConfig.DEFAULTS);
        assertEquals(List.of(UplinkTarget.parse("icmp:10.99.1.2"), UplinkTarget.parse("tcp:10.99.1.2:80")), good.targets());
        assertEquals("vAU", good.iface());
        assertEquals(3000, good.holdDownMs());
        assertTrue(warnings.isEmpty(), warnings.toString());

        GatewayConfig kept = reader.read(Map.of(GatewayConfig.TARGETS, "icmp:10.99.1.2, ftp:x",
                GatewayConfig.FAILURES, "0"), good);
        assertEquals(good.targets(), kept.targets());
        assertEquals(good.failures(), kept.failures());
        assertEquals(2, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains(GatewayConfig.TARGETS), warnings.get(0));
    }
}
