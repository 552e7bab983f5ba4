package io.x0tta6bl4.batman.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.BiFunction;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.x0tta6bl4.api.identity.AttestationResult;
import io.x0tta6bl4.api.identity.SvidSignature;
import io.x0tta6bl4.api.topology.NodeId;
import io.x0tta6bl4.support.json.SvidSignatureJson;

/**
 * The facts record as published: the {@link NodeFacts} fields, {@code format} ({@code 2}),
 * plus {@code chain} (the signer's SVID chain, leaf first, each certificate DER in base64) and
 * {@code signature} (base64) when the node had an SVID. Readers that do not know these keys
 * ignore them.
 *
 * <p>What is signed is {@link #canonical}: a fixed prefix and the facts fields serialized in a
 * fixed order without white space. A reader rebuilds these bytes from the fields it parsed, so
 * key order or spacing in the record does not matter, but any change of a value does. Format 2
 * ({@code x0tta6bl4-facts-v2}) signs the control endpoints and interface MACs too; format 1
 * (older nodes, no {@code format} key) signed only node id, SPIFFE ID, version, health and
 * timestamp, so its endpoints and MACs are anyone's word and are never used.
 *
 * @param facts     the parsed facts
 * @param format    1 or 2, the canonical form the signature covers
 * @param signature the signature, or null when the record has none or it is malformed
 * @param malformed why the signature part cannot be read, or null
 */
public record SignedFacts(NodeFacts facts, int format, SvidSignature signature, String malformed) {

    static final String PREFIX_V1 = "x0tta6bl4-facts-v1\n";
    static final String PREFIX = "x0tta6bl4-facts-v2\n";
    static final int FORMAT = 2;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Field order is the order of the signed bytes (format 1). */
    private record CanonicalV1(String nodeId, String spiffeId, String version, String health, long timestamp) {
    }

    /** Field order is the order of the signed bytes (format 2). */
    private record Canonical(String nodeId, String spiffeId, String version, String health, long timestamp,
                             List<String> control, List<String> macs) {
    }

    /** The bytes a node signs and a reader checks (format 2). */
    public static byte[] canonical(NodeFacts f) {
        return withPrefix(PREFIX, new Canonical(f.nodeId(), f.spiffeId(), f.version(), f.health(), f.timestamp(),
                f.control(), f.macs()));
    }

    /** The bytes an older node signed (format 1): no endpoints, no MACs. */
    static byte[] canonicalV1(NodeFacts f) {
        return withPrefix(PREFIX_V1, new CanonicalV1(f.nodeId(), f.spiffeId(), f.version(), f.health(),
                f.timestamp()));
    }

    private static byte[] withPrefix(String prefix, Object fields) {
        try {
            byte[] json = MAPPER.writeValueAsBytes(fields);
            byte[] p = prefix.getBytes(StandardCharsets.US_ASCII);
            byte[] out = new byte[p.length + json.length];
            System.arraycopy(p, 0, out, 0, p.length);
            System.arraycopy(json, 0, out, p.length, json.length);
            return out;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The record to publish; unsigned (as before signing existed) when {@code signature} is null. */
    public static byte[] encode(NodeFacts f, SvidSignature signature) {
        ObjectNode o = MAPPER.valueToTree(new CanonicalV1(f.nodeId(), f.spiffeId(), f.version(), f.health(),
                f.timestamp()));
        o.put("format", FORMAT);
        if (!f.control().isEmpty()) {
            ArrayNode control = o.putArray("control");
            f.control().forEach(control::add);
        }
        if (!f.macs().isEmpty()) {
            ArrayNode macs = o.putArray("macs");
            f.macs().forEach(macs::add);
        }
        if (signature != null) {
            SvidSignatureJson.write(signature, o);
        }
        try {
            return MAPPER.writeValueAsBytes(o);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Reads a peer's record. Facts that cannot be read are an {@link IOException} (the record
     * is left out); a signature part that cannot be read makes the facts {@code invalid}.
     */
    public static SignedFacts decode(byte[] json, String source) throws IOException {
        NodeFacts facts = NodeFacts.parse(json, source);
        JsonNode tree = MAPPER.readTree(json);
        JsonNode formatNode = tree.get("format");
        int format = formatNode == null || formatNode.isNull() ? 1 : formatNode.asInt(-1);
        if (format != 1 && format != FORMAT) {
            return new SignedFacts(facts, 1, null, "unknown facts format " + oneLine(formatNode.toString(), 20));
        }
        SvidSignatureJson.Read read = SvidSignatureJson.read(tree);
        return new SignedFacts(facts, format, read.signature(), read.malformed());
    }

    /**
     * How far these facts can be trusted by their signature alone (freshness and replays are
     * {@link FactsLedger}'s): the signature must verify, the signer's SPIFFE ID must be the one
     * claimed, and the node the identity service's ID policy reads from the signer's SPIFFE ID
     * must be the node the record is about.
     *
     * @param verifier the identity service's signature check, or null when identity is not installed
     */
    public Trust check(BiFunction<byte[], SvidSignature, AttestationResult> verifier) {
        if (malformed != null) {
            return Trust.invalid(malformed, null);
        }
        if (signature == null) {
            return Trust.UNSIGNED;
        }
        if (verifier == null) {
            return Trust.invalid("cannot be checked: this node has no identity service", null);
        }
        AttestationResult r;
        try {
            r = verifier.apply(format == FORMAT ? canonical(facts) : canonicalV1(facts), signature);
        } catch (RuntimeException e) {
            return Trust.invalid("check failed: " + oneLine(e.toString(), 200), null);
        }
        if (!r.attested()) {
            return Trust.invalid(r.reason(), r.spiffeId());
        }
        if (facts.spiffeId() != null && !facts.spiffeId().equals(r.spiffeId())) {
            return Trust.invalid("signed by " + r.spiffeId() + " but claims " + oneLine(facts.spiffeId(), 100),
                    r.spiffeId());
        }
        NodeId claimed;
        try {
            claimed = NodeId.of(facts.nodeId());
        } catch (IllegalArgumentException e) {
            return Trust.invalid("node id '" + oneLine(facts.nodeId(), 64) + "' is malformed", r.spiffeId());
        }
        if (!claimed.equals(r.node())) {
            return Trust.invalid("signed by " + r.spiffeId() + ", which names node " + r.node()
                    + ", but the record is about " + claimed, r.spiffeId());
        }
        return new Trust(format == FORMAT ? Trust.VERIFIED : Trust.VERIFIED_V1, r.spiffeId(), null);
    }

    /** {@code text} cut to {@code max} characters with control characters replaced: it comes from the mesh. */
    static String oneLine(String text, int max) {
        if (text == null) {
            return "null";
        }
        String cut = text.length() > max ? text.substring(0, max) + "..." : text;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }

    /**
     * A verdict on one record.
     *
     * @param state  {@code verified}, {@code verified-v1} (an older node's format: shown, never
     *               used), {@code unsigned} or {@code invalid}
     * @param signer the SPIFFE ID in the signer's certificate, when one was read
     * @param reason why it is invalid, else null
     */
    public record Trust(String state, String signer, String reason) {

        public static final String VERIFIED = "verified";
        public static final String VERIFIED_V1 = "verified-v1";
        public static final String UNSIGNED_STATE = "unsigned";
        public static final String INVALID = "invalid";
        static final Trust UNSIGNED = new Trust(UNSIGNED_STATE, null, null);

        /** True only for a format 2 record whose signature holds: the only kind that may change state. */
        public boolean usable() {
            return VERIFIED.equals(state);
        }

        static Trust invalid(String reason, String signer) {
            return new Trust(INVALID, signer, reason);
        }

        /** {@code verified spiffe://...}, {@code unsigned} or {@code invalid: <reason>}. */
        public String line() {
            return switch (state) {
                case VERIFIED -> VERIFIED + " " + signer;
                case VERIFIED_V1 -> VERIFIED_V1 + " " + signer + " (old format: endpoints and MACs unsigned, not used)";
                case INVALID -> INVALID + ": " + reason;
                default -> state;
            };
        }
    }
}
