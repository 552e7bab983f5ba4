package io.x0tta6bl4.batman.internal;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One probe round over a gateway's uplink: the targets in order until one answers, all within
 * one deadline. Probes leave through the uplink interface when one is named: ICMP through
 * {@link InetAddress#isReachable(NetworkInterface, int, int)} (raw ICMP, which needs
 * CAP_NET_RAW; without it the JDK falls back to a TCP echo connection), TCP bound to the
 * interface's address, so a default route over the mesh cannot answer for a dead uplink.
 */
final class UplinkProbe {

    /** @param answered whether a target answered; @param line what each target did, for operators */
    record Round(boolean answered, String line) {
    }

    private UplinkProbe() {
    }

    static Round run(List<UplinkTarget> targets, String iface, long timeoutMs) {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000;
        List<String> lines = new ArrayList<>();
        NetworkInterface nif;
        try {
            nif = iface == null || iface.isEmpty() ? null : NetworkInterface.getByName(iface);
        } catch (IOException e) {
            return new Round(false, "uplink " + iface + ": " + e.getMessage());
        }
        if (iface != null && !iface.isEmpty() && nif == null) {
            return new Round(false, "no uplink interface " + iface);
        }
        for (UplinkTarget t : targets) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                lines.add(t + " not tried (deadline " + timeoutMs + " ms passed)");
                continue;
            }
            String failure = probe(t, nif, (int) left);
            if (failure == null) {
                lines.add(t + " answered");
                return new Round(true, String.join(", ", lines));
            }
            lines.add(t + " " + failure);
        }
        return new Round(false, String.join(", ", lines));
    }

    /** Null when the target answered, else why not. */
    private static String probe(UplinkTarget t, NetworkInterface nif, int timeoutMs) {
        try {
            InetAddress to = InetAddress.getByName(t.host());
            if (t.kind().equals(UplinkTarget.ICMP)) {
                return to.isReachable(nif, 0, timeoutMs) ? null : "no echo reply within " + timeoutMs + " ms";
            }
            try (Socket s = new Socket()) {
                InetAddress from = source(nif, to);
                if (nif != null && from == null) {
                    return "uplink " + nif.getName() + " has no " + (to instanceof Inet6Address ? "IPv6" : "IPv4")
                            + " address";
                }
                if (from != null) {
                    s.bind(new InetSocketAddress(from, 0));
                }
                s.connect(new InetSocketAddress(to, t.port()), timeoutMs);
                return null;
            } catch (ConnectException e) {
                // a refusal (RST) came back over the uplink: it carries packets
                return e.getMessage() != null && e.getMessage().contains("refused") ? null : e.getMessage();
            }
        } catch (IOException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    private static InetAddress source(NetworkInterface nif, InetAddress to) {
        if (nif == null) {
            return null;
        }
        boolean v6 = to instanceof Inet6Address;
        for (InetAddress a : Collections.list(nif.getInetAddresses())) {
            if ((a instanceof Inet6Address) == v6 && !(v6 && a.isLinkLocalAddress() && !to.isLinkLocalAddress())) {
                return a;
            }
        }
        return null;
    }
}
