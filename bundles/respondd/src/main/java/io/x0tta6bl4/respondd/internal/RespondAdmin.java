package io.x0tta6bl4.respondd.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;

/** What the {@code respondd:} commands need from the responder. */
public interface RespondAdmin {

    /**
     * @param listening   whether the socket is open
     * @param problem     why it is not, or empty
     * @param meshPresent whether the mesh interface exists
     * @param groups      multicast groups joined on it
     * @param providers   each provider's origin, ranking and types
     * @param collector   the collector's last round, or why it does not run
     */
    record Status(boolean listening, String problem, String iface, int port, boolean meshPresent, List<String> groups,
                  long answered, long malformed, long foreign, long limited, long cut, String lastRefusal,
                  List<String> providers, String collector) {
    }

    Status status();

    /** What this node answers for {@code type}, as merged from its providers (no network). */
    Map<String, Object> part(String type);

    /** Sends {@code GET <types>} to {@code to} and collects the replies until {@code timeoutMs}. */
    List<RespondClient.Answer> query(InetSocketAddress to, List<String> types, int timeoutMs) throws IOException;
}
