package io.x0tta6bl4.batman.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What a node publishes about itself through alfred, as JSON under the configured data type.
 *
 * @param nodeId    its originator address
 * @param spiffeId  its SPIFFE ID, or null without identity
 * @param version   x0tta6bl4 version
 * @param health    one-line health summary
 * @param timestamp epoch ms when published
 * @param source    alfred source address it came from (set when read, not published)
 * @param control   where its mTLS control listener accepts attestations ({@code host:port},
 *                  IPv6 in brackets); empty without identity
 * @param macs      the MACs of its batman-adv hard interfaces, the frames a neighbour hears from
 *                  it carry these (signed from format v2 on, so the allow list may trust them)
 */
public record NodeFacts(String nodeId, String spiffeId, String version, String health, long timestamp, String source,
                        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> control,
                        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> macs) {

    /** At most this many control endpoints and MACs are read from a record; more is refused. */
    static final int MAX_LIST = 16;
    /** Bound on every string field of a record read from the mesh. */
    static final int MAX_TEXT = 512;

    public NodeFacts {
        control = control == null ? List.of() : List.copyOf(control);
        macs = macs == null ? List.of() : List.copyOf(macs);
    }

    public NodeFacts(String nodeId, String spiffeId, String version, String health, long timestamp, String source,
                     List<String> control) {
        this(nodeId, spiffeId, version, health, timestamp, source, control, List.of());
    }

    public NodeFacts(String nodeId, String spiffeId, String version, String health, long timestamp, String source) {
        this(nodeId, spiffeId, version, health, timestamp, source, List.of());
    }

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    public byte[] toJson() {
        try {
            return MAPPER.writeValueAsBytes(new NodeFacts(nodeId, spiffeId, version, health, timestamp, null, control, macs));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @throws IOException naming what is wrong with a peer's record */
    public static NodeFacts parse(byte[] json, String source) throws IOException {
        NodeFacts f;
        try {
            f = MAPPER.readValue(json, NodeFacts.class);
        } catch (IOException e) {
            throw new IOException("facts from " + source + " are not x0tta6bl4 facts JSON");
        }
        if (f == null || f.nodeId() == null) {
            throw new IOException("facts from " + source + " lack nodeId");
        }
        if (f.control().size() > MAX_LIST || f.macs().size() > MAX_LIST) {
            throw new IOException("facts from " + source + " list more than " + MAX_LIST + " endpoints or MACs");
        }
        List<String> texts = new ArrayList<>(Arrays.asList(f.nodeId(), f.spiffeId(), f.version(),
                f.health()));
        texts.addAll(f.control());
        texts.addAll(f.macs());
        for (String text : texts) {
            if (text != null && text.length() > MAX_TEXT) {
                throw new IOException("facts from " + source + " hold a value longer than " + MAX_TEXT + " characters");
            }
        }
        return new NodeFacts(f.nodeId(), f.spiffeId(), f.version(), f.health(), f.timestamp(), source, f.control(),
                f.macs());
    }
}
