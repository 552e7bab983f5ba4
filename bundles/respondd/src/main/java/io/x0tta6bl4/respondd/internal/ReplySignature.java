package io.x0tta6bl4.respondd.internal;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.x0tta6bl4.api.identity.AttestationResult;
import io.x0tta6bl4.api.identity.SvidSignature;
import io.x0tta6bl4.api.topology.NodeId;
import io.x0tta6bl4.support.json.CanonicalJson;
import io.x0tta6bl4.support.json.SvidSignatureJson;

/**
 * The {@code x0tta6bl4} part of a reply: the node's SPIFFE ID and its SVID's signature over the
 * rest of the reply, so an x0tta6bl4 collector can tell a node that proved what it says from one
 * that only says it. It is a respondd type like any other: a collector asks for it
 * ({@code GET nodeinfo statistics x0tta6bl4}), others never see it.
 * <p>
 * Signed are {@value #PREFIX}, the SPIFFE ID, the signing time (Unix seconds) and the
 * {@link CanonicalJson} bytes of the other top-level parts, each followed by a newline but the
 * last. A verifier rebuilds them from the tree it parsed. A reply is believed only within
 * {@value #MAX_AGE_S} s of its time (either way, for clock skew), only if the identity service
 * verifies the chain and the signature, and (in {@link CollectedNodes}) only for the node the
 * signer's SPIFFE ID names: a good node's signature never vouches for facts about another.
 * Within that window a recorded reply can be played again, but it only repeats what its own
 * node said a few minutes before.
 */
final class ReplySignature {

    static final String TYPE = "x0tta6bl4";
    static final String PREFIX = "x0tta6bl4-respondd-v1";
    static final long MAX_AGE_S = 300;
    /** Longer than any SPIFFE ID the identity service would accept. */
    private static final int MAX_ID = 2048;
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * What a collector makes of a reply's signature.
     *
     * @param node     the node the signer's SPIFFE ID names, when the signature holds; else null
     * @param spiffeId the signer's SPIFFE ID as verified, or null
     * @param reason   {@code ok}, or one line saying why the reply is not verified
     */
    record Verdict(NodeId node, String spiffeId, String reason) {
        static Verdict no(String reason) {
            return new Verdict(null, null, reason);
        }

        boolean verified() {
            return node != null;
        }
    }

    private ReplySignature() {
    }

    /**
     * The part for a reply of {@code body} (the other parts, as they will be sent), or empty
     * when this node has no SVID to sign with.
     */
    static Optional<ObjectNode> part(Object body, String spiffeId, long timeS,
                                     Function<byte[], Optional<SvidSignature>> signer) {
        if (spiffeId == null || signer == null) {
            return Optional.empty();
        }
        JsonNode tree = JSON.valueToTree(body);
        return signer.apply(signed(spiffeId, timeS, tree)).map(sig -> {
            ObjectNode p = JSON.createObjectNode();
            p.put("v", 1);
            p.put("spiffe_id", spiffeId);
            p.put("time", timeS);
            SvidSignatureJson.write(sig, p);
            return p;
        });
    }

    /** @param verifier the identity service's signature check, or null when none is installed */
    static Verdict verify(JsonNode reply, BiFunction<byte[], SvidSignature, AttestationResult> verifier, long nowS) {
        JsonNode p = reply.get(TYPE);
        if (p == null) {
            return Verdict.no("unsigned");
        }
        if (verifier == null) {
            return Verdict.no("signed, but this node has no identity service to check it");
        }
        if (!p.isObject() || p.path("v").asInt(-1) != 1) {
            return Verdict.no("x0tta6bl4 part of an unknown form");
        }
        JsonNode id = p.get("spiffe_id");
        JsonNode time = p.get("time");
        if (id == null || !id.isTextual() || id.asText().length() > MAX_ID || time == null || !time.canConvertToLong()
                || !time.isIntegralNumber()) {
            return Verdict.no("x0tta6bl4 part without a SPIFFE ID and a time");
        }
        long age = nowS - time.asLong();
        if (Math.abs(age) > MAX_AGE_S) {
            return Verdict.no(age > 0 ? "signed " + age + " s ago (at most " + MAX_AGE_S + ")"
                    : "signed " + -age + " s ahead of this node's clock (at most " + MAX_AGE_S + ")");
        }
        SvidSignatureJson.Read read = SvidSignatureJson.read(p);
        if (read.signature() == null) {
            return Verdict.no(read.malformed() == null ? "x0tta6bl4 part without a signature" : read.malformed());
        }
        ObjectNode body = reply.deepCopy();
        body.remove(TYPE);
        AttestationResult r;
        try {
            r = verifier.apply(signed(id.asText(), time.asLong(), body), read.signature());
        } catch (RuntimeException e) {
            return Verdict.no("signature check failed: " + ReplyFacts.printable(String.valueOf(e.getMessage())));
        }
        if (!r.attested()) {
            return Verdict.no(ReplyFacts.printable(r.reason()));
        }
        if (!id.asText().equals(r.spiffeId())) {
            return Verdict.no("signed by " + r.spiffeId() + " but claims " + ReplyFacts.printable(id.asText()));
        }
        if (r.node() == null) {
            return Verdict.no("signed by " + r.spiffeId() + ", which names no node");
        }
        return new Verdict(r.node(), r.spiffeId(), AttestationResult.OK);
    }

    private static byte[] signed(String spiffeId, long timeS, JsonNode body) {
        byte[] head = (PREFIX + "\n" + spiffeId + "\n" + timeS + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] rest = CanonicalJson.bytes(body);
        byte[] out = new byte[head.length + rest.length];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(rest, 0, out, head.length, rest.length);
        return out;
    }
}
