package io.x0tta6bl4.respondd.internal;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Asks respondd nodes: one query to a unicast or multicast address, then every reply that
 * arrives before the deadline, each decoded within {@link #MAX_JSON} bytes. A reply that
 * cannot be read is kept as an error line; it never stops the others.
 */
public final class RespondClient {

    /** A node's reply of all three types is 10-30 KiB unpacked; far more is a bomb. */
    static final int MAX_JSON = 256 * 1024;
    static final int MAX_DATAGRAM = 65507;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** @param json the reply's object, or null; @param error why it could not be read, or null */
    public record Answer(InetSocketAddress from, JsonNode json, String error) {
    }

    private RespondClient() {
    }

    static List<Answer> query(InetSocketAddress to, RespondRequest request, int timeoutMs, int maxAnswers)
            throws IOException {
        return query(List.of(to), request, timeoutMs, maxAnswers);
    }

    /**
     * One query to each of {@code targets} from one socket, then the replies to all of them until
     * the deadline: a collector's unicast round costs one wait, not one per node. A target the
     * kernel cannot send to is skipped; if none could be sent to, that error is thrown.
     */
    static List<Answer> query(List<InetSocketAddress> targets, RespondRequest request, int timeoutMs, int maxAnswers)
            throws IOException {
        List<Answer> answers = new ArrayList<>();
        try (DatagramSocket socket = new DatagramSocket()) {
            byte[] q = request.encode();
            IOException failed = null;
            int sent = 0;
            for (InetSocketAddress to : targets) {
                try {
                    socket.send(new DatagramPacket(q, q.length, to));
                    sent++;
                } catch (IOException e) {
                    failed = e;
                }
            }
            if (sent == 0 && failed != null) {
                throw failed;
            }
            long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
            byte[] buf = new byte[MAX_DATAGRAM];
            while (answers.size() < maxAnswers) {
                long left = (deadline - System.nanoTime()) / 1_000_000L;
                if (left <= 0) {
                    break;
                }
                socket.setSoTimeout((int) left);
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                try {
                    socket.receive(p);
                } catch (SocketTimeoutException e) {
                    break;
                }
                answers.add(decode((InetSocketAddress) p.getSocketAddress(), p.getData(), p.getLength(), request));
            }
        }
        return answers;
    }

    static Answer decode(InetSocketAddress from, byte[] data, int length, RespondRequest request) {
        try {
            byte[] json;
            if (request.compressed()) {
                json = RespondCodec.inflate(data, length, MAX_JSON);
            } else if (length > MAX_JSON) {
                throw new RespondFormatException("reply of " + length + " bytes (at most " + MAX_JSON + ")");
            } else {
                json = java.util.Arrays.copyOf(data, length);
            }
            JsonNode node = MAPPER.readTree(json);
            if (node == null || !node.isObject()) {
                throw new RespondFormatException("reply is not a JSON object");
            }
            return new Answer(from, node, null);
        } catch (RespondFormatException e) {
            return new Answer(from, null, e.getMessage());
        } catch (IOException | RuntimeException e) {
            return new Answer(from, null, "reply is not JSON: " + e.getMessage());
        }
    }
}
