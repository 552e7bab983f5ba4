package io.x0tta6bl4.batman.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.x0tta6bl4.api.topology.LinkMedium;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kinds from a sysfs tree laid out as the kernel's (the real one is read in the kernel lab). */
class InterfaceKindsTest {

    @TempDir
    Path sys;

    @Test
    void wirelessTunnelOrOther() throws IOException {
        Files.createDirectories(sys.resolve("wlan0/phy80211"));
        Files.createDirectories(sys.resolve("tap0"));
        Files.writeString(sys.resolve("tap0/tun_flags"), "0x1002\n");
        Files.createDirectories(sys.resolve("vx0"));
        Files.writeString(sys.resolve("vx0/uevent"), "DEVTYPE=vxlan\nINTERFACE=vx0\n");
        Files.createDirectories(sys.resolve("veth0"));
        Files.writeString(sys.resolve("veth0/uevent"), "INTERFACE=veth0\n");
        InterfaceKinds k = new InterfaceKinds(sys);
        assertEquals(LinkMedium.WIRELESS, k.medium("wlan0"));
        assertEquals(LinkMedium.TUNNEL, k.medium("tap0"));
        assertEquals(LinkMedium.TUNNEL, k.medium("vx0"));
        assertEquals("other", k.kind("veth0"));
        assertEquals(LinkMedium.UNKNOWN, k.medium("veth0"), "a veth is no proof of a cable");
        assertEquals("other", k.kind("gone0"));
        assertEquals("other", k.kind("../../etc"), "never outside sysfs");
    }
}
