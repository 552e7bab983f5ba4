package io.x0tta6bl4.respondd.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Builds the one datagram that answers a query: the requested types this node knows, each
 * the merge of its providers' parts, as JSON, DEFLATE-compressed for the {@code GET} form.
 * A reply must fit one datagram of at most {@code maxBytes} (yanic reads 8 KiB at most):
 * when it does not, the type that takes most of the datagram is left out, then the next, and
 * the caller is told which.
 */
final class ReplyBuilder {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** @param datagram the bytes to send, or null when nothing is left to say; @param leftOut types cut by the cap */
    record Reply(byte[] datagram, List<String> leftOut) {
    }

    /** Signs a reply: the {@link ReplySignature#TYPE} part for the body about to be sent, or empty. */
    @FunctionalInterface
    interface Sealer {
        Sealer NONE = body -> Optional.empty();

        Optional<ObjectNode> seal(Map<String, Object> body);
    }

    private ReplyBuilder() {
    }

    static Reply build(RespondRequest request, Function<String, Map<String, Object>> parts, int maxBytes) {
        return build(request, parts, maxBytes, Sealer.NONE);
    }

    /**
     * @param parts  each known type's merged object (an unknown type gives null or an empty map)
     * @param sealer signs the reply when the query asks for {@link ReplySignature#TYPE}; the
     *               signature covers what is sent, so it is made again after a cut
     */
    static Reply build(RespondRequest request, Function<String, Map<String, Object>> parts, int maxBytes,
                       Sealer sealer) {
        boolean sealed = request.compressed() && request.types().contains(ReplySignature.TYPE);
        Map<String, Object> body = new LinkedHashMap<>();
        for (String type : request.types()) {
            if (ReplySignature.TYPE.equals(type)) {
                continue; // this bundle's own part: no provider speaks for the signature
            }
            Map<String, Object> part = parts.apply(type);
            if (part != null && !part.isEmpty()) {
                body.put(type, part);
            }
        }
        List<String> leftOut = new ArrayList<>();
        while (!body.isEmpty()) {
            Map<String, Object> out = body;
            Optional<ObjectNode> seal = sealed ? sealer.seal(body) : Optional.empty();
            if (seal.isPresent()) {
                out = new LinkedHashMap<>(body);
                out.put(ReplySignature.TYPE, seal.get());
            }
            byte[] datagram = encode(request, out);
            if (datagram.length <= maxBytes) {
                return new Reply(datagram, leftOut);
            }
            String largest = null;
            int size = -1;
            for (Map.Entry<String, Object> e : body.entrySet()) {
                byte[] alone = json(e.getValue());
                int s = request.compressed() ? RespondCodec.deflate(alone).length : alone.length;
                if (s > size) {
                    size = s;
                    largest = e.getKey();
                }
            }
            body.remove(largest);
            leftOut.add(largest);
        }
        return new Reply(null, leftOut);
    }

    private static byte[] encode(RespondRequest request, Map<String, Object> body) {
        // the legacy form answers with the type's object itself, not wrapped in its name
        byte[] json = json(request.compressed() ? body : body.values().iterator().next());
        return request.compressed() ? RespondCodec.deflate(json) : json;
    }

    static byte[] json(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a respondd provider gave a value JSON cannot carry: " + e.getMessage(), e);
        }
    }
}
