package io.x0tta6bl4.batman.internal;

import java.io.IOException;
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
 */
public record NodeFacts(String nodeId, String spiffeId, String version, String health, long timestamp, String source,
                        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> control) {

    public NodeFacts {
        control = control == null ? List.of() : List.copyOf(control);
    }

    public NodeFacts(String nodeId, String spiffeId, String version, String health, long timestamp, String source) {
        this(nodeId, spiffeId, version, health, timestamp, source, List.of());
    }

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    public byte[] toJson() {
        try {
            return MAPPER.writeValueAsBytes(new NodeFacts(nodeId, spiffeId, version, health, timestamp, null, control));
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
        return new NodeFacts(f.nodeId(), f.spiffeId(), f.version(), f.health(), f.timestamp(), source, f.control());
    }
}
