package io.x0tta6bl4.respondd.internal;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.util.List;

/**
 * Who may be answered: respondd speaks to the mesh, and a reply is up to 8 KiB for a query of
 * thirty bytes, so a query from anywhere else (the uplink, the internet, a source forged to
 * aim replies at a victim off the mesh) gets nothing. Allowed: a link-local source heard on
 * the mesh interface itself, a source inside one of the mesh interface's own prefixes, or one
 * inside a prefix the operator configured.
 */
final class SourceGate {

    private SourceGate() {
    }

    /** @param mesh the mesh interface, or null while it does not exist */
    static boolean allows(InetAddress source, NetworkInterface mesh, List<Cidr> configured) {
        for (Cidr c : configured) {
            if (c.contains(source)) {
                return true;
            }
        }
        if (mesh == null) {
            return false;
        }
        if (source instanceof Inet6Address v6 && v6.isLinkLocalAddress()) {
            return v6.getScopeId() == mesh.getIndex();
        }
        for (InterfaceAddress a : mesh.getInterfaceAddresses()) {
            InetAddress own = a.getAddress();
            if (own instanceof Inet6Address o && o.isLinkLocalAddress()) {
                continue; // fe80::/64 is on every link: only the scope above tells them apart
            }
            if (Cidr.contains(own, a.getNetworkPrefixLength(), source)) {
                return true;
            }
        }
        return false;
    }
}
