package io.x0tta6bl4.itests;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.CertificateEncodingException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.Deflater;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * A neighbour's respondd on loopback that answers every query with one reply it chose: what a
 * node in radio range can send to a collector. The replies it can make are built here from the
 * wire format alone (raw DEFLATE, the x0tta6bl4 part as the respondd README describes it), not
 * with the bundle's classes, so a test also checks that the format is what it says.
 */
final class HostileResponder implements AutoCloseable {

    /** Sorted keys, no white space: the canonical form the x0tta6bl4 part's signature covers. */
    private static final ObjectMapper CANONICAL = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private final DatagramSocket socket;
    private final Thread thread;

    /** Answers on {@code port} of ::1, a port the collector was told of before this existed. */
    HostileResponder(int port, byte[] reply) throws IOException {
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getByName("::1"), port));
        thread = new Thread(() -> {
            byte[] buf = new byte[512];
            while (!socket.isClosed()) {
                try {
                    DatagramPacket q = new DatagramPacket(buf, buf.length);
                    socket.receive(q);
                    socket.send(new DatagramPacket(reply, reply.length, q.getSocketAddress()));
                } catch (IOException e) {
                    return; // closed
                }
            }
        }, "itest-hostile-respondd");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() throws InterruptedException {
        socket.close();
        thread.join(5000);
    }

    /** nodeinfo and statistics of a node as Gluon sends them, with {@code site} as its site code. */
    static Map<String, Object> body(String mac, String hostname, String site) {
        String id = mac.replace(":", "");
        Map<String, Object> body = new TreeMap<>();
        body.put("nodeinfo", Map.of("node_id", id, "hostname", hostname, "network", Map.of("mac", mac),
                "system", Map.of("site_code", site)));
        body.put("statistics", Map.of("node_id", id, "clients", Map.of("total", 1)));
        return body;
    }

    /** {@code body} with an x0tta6bl4 part signed by {@code svid}, claiming {@code spiffeId}. */
    static byte[] signed(Map<String, Object> body, String spiffeId, long timeS, SelfSignedSvid svid)
            throws IOException, GeneralSecurityException {
        byte[] canonical = CANONICAL.writeValueAsBytes(body);
        byte[] head = ("x0tta6bl4-respondd-v1\n" + spiffeId + "\n" + timeS + "\n").getBytes(StandardCharsets.UTF_8);
        Signature s = Signature.getInstance("SHA256withECDSA");
        s.initSign(svid.key);
        s.update(head);
        s.update(canonical);
        Map<String, Object> reply = new TreeMap<>(body);
        try {
            reply.put("x0tta6bl4", Map.of("v", 1, "spiffe_id", spiffeId, "time", timeS,
                    "chain", List.of(Base64.getEncoder().encodeToString(svid.certificate.getEncoded())),
                    "signature", Base64.getEncoder().encodeToString(s.sign())));
        } catch (CertificateEncodingException e) {
            throw new GeneralSecurityException(e);
        }
        return deflate(CANONICAL.writeValueAsBytes(reply));
    }

    static byte[] deflate(byte[] json) {
        Deflater d = new Deflater(Deflater.BEST_COMPRESSION, true);
        d.setInput(json);
        d.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        while (!d.finished()) {
            out.write(buf, 0, d.deflate(buf));
        }
        d.end();
        return out.toByteArray();
    }
}
