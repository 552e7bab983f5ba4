package io.x0tta6bl4.batman.internal;

import java.io.IOException;
import java.util.List;

/**
 * Reads and manages one batman-adv mesh interface: over generic netlink, or through
 * batctl's JSON output where netlink sockets are not permitted. Implementations are
 * thread-safe; each call is one round trip to the kernel (or one batctl run).
 */
public interface BatmanBackend extends AutoCloseable {

    /** netlink or batctl. */
    String name();

    /** The mesh interface this backend manages, e.g. bat0. */
    String meshInterface();

    MeshInfo mesh() throws IOException;

    List<Originator> originators() throws IOException;

    List<Neighbor> neighbors() throws IOException;

    List<HardInterface> interfaces() throws IOException;

    List<Gateway> gateways() throws IOException;

    List<TranslationEntry> globalTranslations() throws IOException;

    List<TranslationEntry> localTranslations() throws IOException;

    /** Creates the mesh interface with the routing algorithm (null: the module's default). */
    void createMesh(String algorithm) throws IOException;

    /** Enslaves a hard interface to the mesh interface and brings both up. */
    void addInterface(String hardInterface) throws IOException;

    /** Releases a hard interface from the mesh interface. */
    void removeInterface(String hardInterface) throws IOException;

    /** Sets the OGM interval of the mesh interface. */
    void setOrigInterval(long intervalMs) throws IOException;

    /** Sets a hard interface's own hop penalty (0..255; B.A.T.M.A.N. IV and V). */
    void setHopPenalty(HardInterface hard, int penalty) throws IOException;

    /** Sets the throughput B.A.T.M.A.N. V assumes for a hard interface, in 100 kbit/s; 0 measures it again. */
    void setThroughputOverride(HardInterface hard, long override) throws IOException;

    /** Sets this node's gateway mode (with the bandwidth a server announces). */
    void setGatewayMode(GatewayMode mode) throws IOException;

    /**
     * Whether the hard interface has carrier (its lower layer is up), or null when that cannot be
     * read. A cut cable, veth or tunnel loses it at once, long before batman-adv's OGMs time out;
     * a radio mostly keeps it. This default reads sysfs, which shows the JVM's own namespace only
     * where it was mounted there (as {@code ip netns exec} does).
     */
    default Boolean carrier(HardInterface hard) {
        if (hard.name().isEmpty() || hard.name().contains("/") || hard.name().startsWith(".")) {
            return null;
        }
        try {
            String v = java.nio.file.Files.readString(java.nio.file.Path.of("/sys/class/net", hard.name(), "carrier")).trim();
            return v.equals("1") ? Boolean.TRUE : v.equals("0") ? Boolean.FALSE : null;
        } catch (IOException | RuntimeException e) {
            return null; // admin down (EINVAL) or gone: batman-adv itself deactivates it
        }
    }

    /** The hard interfaces whose carrier reads as lost; those that cannot be read are left out. */
    default java.util.Set<String> withoutCarrier(List<HardInterface> hards) {
        java.util.Set<String> out = new java.util.HashSet<>();
        for (HardInterface h : hards) {
            if (Boolean.FALSE.equals(carrier(h))) {
                out.add(h.name());
            }
        }
        return out;
    }

    @Override
    void close();
}
