package io.x0tta6bl4.batman.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Probe rounds against real loopback sockets; the kernel lab probes a real uplink over ICMP. */
class UplinkProbeTest {

    private static UplinkTarget tcp(int port) {
        return UplinkTarget.parse("tcp:127.0.0.1:" + port);
    }

    @Test
    void aListeningTargetAnswersThroughTheNamedInterface() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            UplinkProbe.Round r = UplinkProbe.run(List.of(tcp(server.getLocalPort())), "lo", 800);
            assertTrue(r.answered(), r.line());
            assertEquals("tcp:127.0.0.1:" + server.getLocalPort() + " answered", r.line());
        }
    }

    @Test
    void aRefusedConnectionAlsoProvesTheUplinkCarriesPackets() throws Exception {
        int closed;
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = server.getLocalPort();
        }
        assertTrue(UplinkProbe.run(List.of(tcp(closed)), "", 800).answered());
    }

    @Test
    void theNextTargetIsTriedWhenOneFailsAndTheLineSaysWhatEachDid() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            UplinkProbe.Round r = UplinkProbe.run(List.of(UplinkTarget.parse("tcp:no-such-host.invalid:53"),
                    tcp(server.getLocalPort())), "", 2000);
            assertTrue(r.answered(), r.line());
            assertTrue(r.line().startsWith("tcp:no-such-host.invalid:53 UnknownHostException"), r.line());
        }
    }

    @Test
    void aMissingUplinkInterfaceAnswersNothing() {
        UplinkProbe.Round r = UplinkProbe.run(List.of(tcp(9)), "nosuch0", 800);
        assertFalse(r.answered());
        assertEquals("no uplink interface nosuch0", r.line());
    }

    @Test
    void anInterfaceWithoutAnAddressOfTheTargetsFamilyIsNamed() throws Exception {
        UplinkProbe.Round r = UplinkProbe.run(List.of(UplinkTarget.parse("tcp:[2001:db8::1]:53")), "lo", 800);
        // lo has ::1 only where IPv6 is on; either way the probe must not leave through another interface
        assertFalse(r.answered(), r.line());
    }
}
