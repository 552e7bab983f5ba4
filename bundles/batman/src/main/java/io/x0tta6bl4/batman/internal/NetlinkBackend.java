package io.x0tta6bl4.batman.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import io.x0tta6bl4.batman.internal.netlink.Attributes;
import io.x0tta6bl4.batman.internal.netlink.GenericNetlink;
import io.x0tta6bl4.batman.internal.netlink.GenlMessage;
import io.x0tta6bl4.batman.internal.netlink.NetlinkFormatException;
import io.x0tta6bl4.batman.internal.netlink.NetlinkMessage;
import io.x0tta6bl4.batman.internal.netlink.NetlinkSocket;
import io.x0tta6bl4.batman.internal.netlink.Rtnetlink;

/**
 * batman-adv over generic netlink. The batadv family id is resolved through nlctrl before
 * every request: it is assigned when the module loads, and a module reloaded under a
 * running node gets a new one. Sockets are opened per call, so nothing is left open
 * between polls and a broken socket can never poison the next one.
 */
public final class NetlinkBackend implements BatmanBackend {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final String meshInterface;

    public NetlinkBackend(String meshInterface) {
        this.meshInterface = meshInterface;
    }

    @Override
    public String name() {
        return "netlink";
    }

    @Override
    public String meshInterface() {
        return meshInterface;
    }

    @Override
    public MeshInfo mesh() throws IOException {
        try (NetlinkSocket s = NetlinkSocket.open(NetlinkSocket.NETLINK_GENERIC, TIMEOUT)) {
            int family = GenericNetlink.resolve(s, Batadv.FAMILY);
            List<NetlinkMessage> replies = s.request(BatadvRequests.mesh(family, meshIfindex(), s.nextSeq()));
            if (replies.isEmpty()) {
                throw new NetlinkFormatException("GET_MESH answered with no message");
            }
            return BatadvDecoder.mesh(GenlMessage.parse(replies.get(0)).attrs());
        } catch (NetlinkFormatException e) {
            throw new IOException("malformed batadv reply: " + e.getMessage(), e);
        }
    }

    @Override
    public List<Originator> originators() throws IOException {
        return dump(Batadv.CMD_GET_ORIGINATORS, BatadvDecoder::originator);
    }

    @Override
    public List<Neighbor> neighbors() throws IOException {
        return dump(Batadv.CMD_GET_NEIGHBORS, BatadvDecoder::neighbor);
    }

    @Override
    public List<HardInterface> interfaces() throws IOException {
        return dump(Batadv.CMD_GET_HARDIF, BatadvDecoder::hardInterface);
    }

    @Override
    public List<Gateway> gateways() throws IOException {
        return dump(Batadv.CMD_GET_GATEWAYS, BatadvDecoder::gateway);
    }

    @Override
    public List<TranslationEntry> globalTranslations() throws IOException {
        return dump(Batadv.CMD_GET_TRANSTABLE_GLOBAL, BatadvDecoder::translation);
    }

    @Override
    public List<TranslationEntry> localTranslations() throws IOException {
        return dump(Batadv.CMD_GET_TRANSTABLE_LOCAL, BatadvDecoder::translation);
    }

    @Override
    public void createMesh(String algorithm) throws IOException {
        try (NetlinkSocket s = NetlinkSocket.open(NetlinkSocket.NETLINK_ROUTE, TIMEOUT)) {
            s.request(Rtnetlink.createBatadv(meshInterface, algorithm, s.nextSeq()));
            s.request(Rtnetlink.setUp(meshIfindex(), true, s.nextSeq()));
        }
    }

    @Override
    public void addInterface(String hardInterface) throws IOException {
        int hard = Rtnetlink.requireIfindex(hardInterface);
        int mesh = meshIfindex();
        try (NetlinkSocket s = NetlinkSocket.open(NetlinkSocket.NETLINK_ROUTE, TIMEOUT)) {
            s.request(Rtnetlink.setMaster(hard, mesh, s.nextSeq()));
            s.request(Rtnetlink.setUp(hard, true, s.nextSeq()));
            s.request(Rtnetlink.setUp(mesh, true, s.nextSeq()));
        }
    }

    @Override
    public void removeInterface(String hardInterface) throws IOException {
        int hard = Rtnetlink.requireIfindex(hardInterface);
        boolean enslaved = interfaces().stream().anyMatch(h -> h.ifindex() == hard);
        if (!enslaved) {
            throw new IOException(hardInterface + " is not a hard interface of " + meshInterface);
        }
        try (NetlinkSocket s = NetlinkSocket.open(NetlinkSocket.NETLINK_ROUTE, TIMEOUT)) {
            s.request(Rtnetlink.setMaster(hard, 0, s.nextSeq()));
        }
    }

    @Override
    public void setOrigInterval(long intervalMs) throws IOException {
        set((family, mesh, seq) -> BatadvRequests.setOrigInterval(family, mesh, intervalMs, seq));
    }

    @Override
    public void setHopPenalty(HardInterface hard, int penalty) throws IOException {
        if (penalty < 0 || penalty > 255) {
            throw new IllegalArgumentException("hop penalty " + penalty + " is not within 0..255");
        }
        set((family, mesh, seq) -> BatadvRequests.setHopPenalty(family, mesh, hard.ifindex(), penalty, seq));
    }

    @Override
    public void setThroughputOverride(HardInterface hard, long override) throws IOException {
        if (override < 0 || override > 0xffff_ffffL) {
            throw new IllegalArgumentException("throughput override " + override + " is not a u32");
        }
        set((family, mesh, seq) -> BatadvRequests.setThroughputOverride(family, mesh, hard.ifindex(), override, seq));
    }

    /** From rtnetlink, in the socket's own namespace: admin down counts as no carrier. */
    @Override
    public Boolean carrier(HardInterface hard) {
        try (NetlinkSocket s = NetlinkSocket.open(NetlinkSocket.NETLINK_ROUTE, TIMEOUT)) {
            return carrier(s, hard);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** One socket for all of them: the poller asks every round. */
    @Override
    public java.util.Set<String> withoutCarrier(List<HardInterface> hards) {
        java.util.Set<String> out = new java.util.HashSet<>();
        try (NetlinkSocket s = NetlinkSocket.open(NetlinkSocket.NETLINK_ROUTE, TIMEOUT)) {
            for (HardInterface h : hards) {
                if (Boolean.FALSE.equals(carrier(s, h))) {
                    out.add(h.name());
                }
            }
        } catch (IOException | RuntimeException e) {
            return java.util.Set.of();
        }
        return out;
    }

    private static Boolean carrier(NetlinkSocket s, HardInterface hard) {
        try {
            List<NetlinkMessage> reply = s.request(Rtnetlink.getLink(hard.ifindex(), s.nextSeq()));
            if (reply.isEmpty()) {
                return null;
            }
            int flags = Rtnetlink.linkFlags(reply.get(0));
            return (flags & Rtnetlink.IFF_UP) != 0 && (flags & Rtnetlink.IFF_LOWER_UP) != 0;
        } catch (IOException | RuntimeException e) {
            return null; // gone meanwhile: batman-adv drops it itself
        }
    }

    @Override
    public void setGatewayMode(GatewayMode mode) throws IOException {
        set((family, mesh, seq) -> BatadvRequests.setGatewayMode(family, mesh, mode, seq));
    }

    /** A batadv request of the mesh interface, built once the family id and sequence are known. */
    private interface Request {
        byte[] build(int family, int meshIfindex, int seq);
    }

    /** One SET request, acknowledged by the kernel (an error reply throws). */
    private void set(Request request) throws IOException {
        try (NetlinkSocket s = NetlinkSocket.open(NetlinkSocket.NETLINK_GENERIC, TIMEOUT)) {
            int family = GenericNetlink.resolve(s, Batadv.FAMILY);
            s.request(request.build(family, meshIfindex(), s.nextSeq()));
        }
    }

    private <T> List<T> dump(int cmd, Function<Attributes, T> decoder) throws IOException {
        try (NetlinkSocket s = NetlinkSocket.open(NetlinkSocket.NETLINK_GENERIC, TIMEOUT)) {
            int family = GenericNetlink.resolve(s, Batadv.FAMILY);
            List<T> out = new ArrayList<>();
            for (NetlinkMessage m : s.request(BatadvRequests.dump(family, cmd, meshIfindex(), s.nextSeq()))) {
                out.add(decoder.apply(GenlMessage.parse(m).attrs()));
            }
            return out;
        } catch (NetlinkFormatException e) {
            throw new IOException("malformed batadv reply: " + e.getMessage(), e);
        }
    }

    private int meshIfindex() throws IOException {
        int index = NetlinkSocket.ifindex(meshInterface);
        if (index <= 0) {
            throw new IOException("no mesh interface '" + meshInterface + "'");
        }
        return index;
    }

    @Override
    public void close() {
        // Nothing held between calls.
    }
}
