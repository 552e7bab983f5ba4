package io.x0tta6bl4.support.json;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.x0tta6bl4.api.identity.SvidSignature;

/**
 * An {@link SvidSignature} as two JSON members of a signed record: {@code chain} (the signer's
 * SVID chain, leaf first, each certificate DER in base64) and {@code signature} (base64). The
 * same form in alfred facts and in respondd replies. Reading is bounded: the record comes from
 * the mesh.
 */
public final class SvidSignatureJson {

    /** A leaf and its intermediates; an SVID chain is never longer. */
    public static final int MAX_CHAIN = 8;
    /** Base64 characters of one certificate (an SVID is 1-2 KiB DER). */
    public static final int MAX_CERTIFICATE_CHARS = 16 * 1024;

    /**
     * What was read: a signature, or why the members cannot be one.
     *
     * @param signature the signature, or null
     * @param malformed one line saying what was wrong, or null
     */
    public record Read(SvidSignature signature, String malformed) {
    }

    private SvidSignatureJson() {
    }

    /** Puts {@code chain} and {@code signature} into {@code record}. */
    public static void write(SvidSignature signature, ObjectNode record) {
        ArrayNode chain = record.putArray("chain");
        try {
            for (X509Certificate c : signature.chain()) {
                chain.add(Base64.getEncoder().encodeToString(c.getEncoded()));
            }
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("SVID certificate cannot be encoded", e);
        }
        record.put("signature", Base64.getEncoder().encodeToString(signature.signature()));
    }

    private static JsonNode present(JsonNode member) {
        return member == null || member.isNull() ? null : member;
    }

    /** Reads {@code chain} and {@code signature} of {@code record}; both absent (or null) is no signature and not malformed. */
    public static Read read(JsonNode record) {
        JsonNode chain = present(record.get("chain"));
        JsonNode sig = present(record.get("signature"));
        if (chain == null && sig == null) {
            return new Read(null, null);
        }
        if (chain == null || !chain.isArray() || chain.isEmpty()) {
            return new Read(null, "signature without a certificate chain");
        }
        if (chain.size() > MAX_CHAIN) {
            return new Read(null, "certificate chain longer than " + MAX_CHAIN);
        }
        if (sig == null || !sig.isTextual()) {
            return new Read(null, "certificate chain without a signature");
        }
        try {
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            List<X509Certificate> certs = new ArrayList<>();
            for (JsonNode c : chain) {
                if (!c.isTextual()) {
                    return new Read(null, "chain entry " + certs.size() + " is not a base64 string");
                }
                if (c.asText().length() > MAX_CERTIFICATE_CHARS) {
                    return new Read(null, "chain entry " + certs.size() + " is longer than "
                            + MAX_CERTIFICATE_CHARS + " characters");
                }
                certs.add((X509Certificate) cf.generateCertificate(
                        new ByteArrayInputStream(Base64.getDecoder().decode(c.asText()))));
            }
            return new Read(new SvidSignature(certs, Base64.getDecoder().decode(sig.asText())), null);
        } catch (IllegalArgumentException e) {
            return new Read(null, "chain or signature is not base64");
        } catch (CertificateException | ClassCastException e) {
            return new Read(null, "chain is not DER X.509 certificates");
        }
    }
}
