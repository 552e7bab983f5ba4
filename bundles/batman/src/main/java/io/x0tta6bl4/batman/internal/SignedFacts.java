package io.x0tta6bl4.batman.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.BiFunction;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.x0tta6bl4.api.identity.AttestationResult;
import io.x0tta6bl4.api.identity.SvidSignature;

/**
 * The facts record as published: the {@link NodeFacts} fields, plus {@code chain} (the
 * signer's SVID chain, leaf first, each certificate DER in base64) and {@code signature}
 * (base64) when the node had an SVID. Readers that do not know these keys ignore them.
 *
 * <p>What is signed is {@link #canonical}: a fixed prefix and the five facts fields
 * serialized in a fixed order without white space. A reader rebuilds these bytes from the
 * fields it parsed, so key order or spacing in the record does not matter, but any change
 * of a value does.
 *
 * @param facts     the parsed facts
 * @param signature the signature, or null when the record has none or it is malformed
 * @param malformed why the signature part cannot be read, or null
 */
public record SignedFacts(NodeFacts facts, SvidSignature signature, String malformed) {

    static final String PREFIX = "x0tta6bl4-facts-v1\n";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Field order is the order of the signed bytes. */
    private record Canonical(String nodeId, String spiffeId, String version, String health, long timestamp) {
    }

    /** The bytes a node signs and a reader checks. */
    public static byte[] canonical(NodeFacts f) {
        try {
            byte[] json = MAPPER.writeValueAsBytes(new Canonical(f.nodeId(), f.spiffeId(), f.version(), f.health(),
                    f.timestamp()));
            byte[] prefix = PREFIX.getBytes(StandardCharsets.US_ASCII);
            byte[] out = new byte[prefix.length + json.length];
            System.arraycopy(prefix, 0, out, 0, prefix.length);
            System.arraycopy(json, 0, out, prefix.length, json.length);
            return out;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The record to publish; unsigned (as before signing existed) when {@code signature} is null. */
    public static byte[] encode(NodeFacts f, SvidSignature signature) {
        ObjectNode o = MAPPER.valueToTree(new Canonical(f.nodeId(), f.spiffeId(), f.version(), f.health(),
                f.timestamp()));
        if (!f.control().isEmpty()) {
            // Not signed: whoever answers there must still prove the node's SVID over mTLS.
            ArrayNode control = o.putArray("control");
            f.control().forEach(control::add);
        }
        if (signature != null) {
            ArrayNode chain = o.putArray("chain");
            try {
                for (X509Certificate c : signature.chain()) {
                    chain.add(Base64.getEncoder().encodeToString(c.getEncoded()));
                }
            } catch (java.security.cert.CertificateEncodingException e) {
                throw new IllegalStateException("SVID certificate cannot be encoded", e);
            }
            o.put("signature", Base64.getEncoder().encodeToString(signature.signature()));
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
        JsonNode chain = tree.get("chain");
        JsonNode sig = tree.get("signature");
        if ((chain == null || chain.isNull()) && (sig == null || sig.isNull())) {
            return new SignedFacts(facts, null, null);
        }
        if (chain == null || !chain.isArray() || chain.isEmpty()) {
            return new SignedFacts(facts, null, "signature without a certificate chain");
        }
        if (sig == null || !sig.isTextual()) {
            return new SignedFacts(facts, null, "certificate chain without a signature");
        }
        try {
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            List<X509Certificate> certs = new ArrayList<>();
            for (JsonNode c : chain) {
                if (!c.isTextual()) {
                    return new SignedFacts(facts, null, "chain entry " + certs.size() + " is not a base64 string");
                }
                certs.add((X509Certificate) cf.generateCertificate(
                        new ByteArrayInputStream(Base64.getDecoder().decode(c.asText()))));
            }
            return new SignedFacts(facts, new SvidSignature(certs, Base64.getDecoder().decode(sig.asText())), null);
        } catch (IllegalArgumentException e) {
            return new SignedFacts(facts, null, "chain or signature is not base64");
        } catch (CertificateException e) {
            return new SignedFacts(facts, null, "chain is not DER X.509 certificates");
        }
    }

    /**
     * How far these facts can be trusted.
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
            r = verifier.apply(canonical(facts), signature);
        } catch (RuntimeException e) {
            return Trust.invalid("check failed: " + e, null);
        }
        if (!r.attested()) {
            return Trust.invalid(r.reason(), r.spiffeId());
        }
        if (facts.spiffeId() != null && !facts.spiffeId().equals(r.spiffeId())) {
            return Trust.invalid("signed by " + r.spiffeId() + " but claims " + facts.spiffeId(), r.spiffeId());
        }
        return new Trust(Trust.VERIFIED, r.spiffeId(), null);
    }

    /**
     * A verdict on one record.
     *
     * @param state  {@code verified}, {@code unsigned} or {@code invalid}
     * @param signer the SPIFFE ID in the signer's certificate, when one was read
     * @param reason why it is invalid, else null
     */
    public record Trust(String state, String signer, String reason) {

        public static final String VERIFIED = "verified";
        public static final String UNSIGNED_STATE = "unsigned";
        public static final String INVALID = "invalid";
        static final Trust UNSIGNED = new Trust(UNSIGNED_STATE, null, null);

        static Trust invalid(String reason, String signer) {
            return new Trust(INVALID, signer, reason);
        }

        /** {@code verified spiffe://...}, {@code unsigned} or {@code invalid: <reason>}. */
        public String line() {
            return switch (state) {
                case VERIFIED -> VERIFIED + " " + signer;
                case INVALID -> INVALID + ": " + reason;
                default -> state;
            };
        }
    }
}
