package io.x0tta6bl4.batman.internal;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.function.BiFunction;

import io.x0tta6bl4.api.identity.AttestationResult;
import io.x0tta6bl4.api.identity.SvidSignature;
import io.x0tta6bl4.api.topology.NodeId;

/**
 * The fixture SVIDs of {@code src/test/resources/facts/} (real EC keys and certificates), real
 * signatures made with them, and a verifier standing in for the identity service's
 * {@code verifySignature}: the leaf must be issued by one of the fixture CAs, the signature
 * must hold under the leaf's key, and the node is read from the SPIFFE ID as the identity
 * bundle's ID policy does ({@code .../mesh/node/<id>}, a MAC written with '-'). The identity
 * bundle's own tests cover trust domains, policies and validity.
 */
final class Svids {

    static final String B = "b";
    static final String C = "c";
    /** The hostile neighbour: a node with an SVID of its own. */
    static final String X = "x";

    private Svids() {
    }

    static List<X509Certificate> certs(String resource) {
        try (InputStream in = Svids.class.getResourceAsStream("/facts/" + resource)) {
            return CertificateFactory.getInstance("X.509").generateCertificates(in).stream()
                    .map(X509Certificate.class::cast).toList();
        } catch (Exception e) {
            throw new IllegalStateException(resource, e);
        }
    }

    private static PrivateKey key(String resource) throws Exception {
        try (InputStream in = Svids.class.getResourceAsStream("/facts/" + resource)) {
            String pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII)
                    .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        }
    }

    /** Signs {@code data} with the key of node {@code name} (b, c, x), or of the old fixture "svid". */
    static SvidSignature sign(String name, byte[] data) {
        String cert = name.equals("svid") ? "svid.pem" : "node-" + name + ".pem";
        String key = name.equals("svid") ? "svid-key.pem" : "node-" + name + "-key.pem";
        try {
            Signature s = Signature.getInstance("SHA256withECDSA");
            s.initSign(key(key));
            s.update(data);
            return new SvidSignature(certs(cert), s.sign());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The record node {@code signer} publishes for {@code facts}, signed in format 2. */
    static byte[] record(String signer, NodeFacts facts) {
        return SignedFacts.encode(facts, sign(signer, SignedFacts.canonical(facts)));
    }

    static String spiffeId(String name) {
        try {
            return certs("node-" + name + ".pem").get(0).getSubjectAlternativeNames().stream()
                    .flatMap(List::stream).filter(String.class::isInstance).map(String.class::cast)
                    .filter(s -> s.startsWith("spiffe://")).findFirst().orElseThrow();
        } catch (java.security.cert.CertificateParsingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The node the SPIFFE ID names, like the identity bundle's ID policy. */
    static NodeId node(String name) {
        return nodeOf(spiffeId(name));
    }

    private static NodeId nodeOf(String spiffeId) {
        String seg = spiffeId.substring(spiffeId.lastIndexOf('/') + 1);
        return NodeId.of(seg.matches("([0-9a-f]{2}-){5}[0-9a-f]{2}") ? seg.replace('-', ':') : seg);
    }

    static final BiFunction<byte[], SvidSignature, AttestationResult> VERIFIER = (data, sig) -> {
        Instant now = Instant.now();
        X509Certificate leaf = sig.chain().get(0);
        String id;
        try {
            id = leaf.getSubjectAlternativeNames().stream().flatMap(List::stream).filter(String.class::isInstance)
                    .map(String.class::cast).filter(s -> s.startsWith("spiffe://")).findFirst().orElse(null);
        } catch (Exception e) {
            id = null;
        }
        if (id == null) {
            return AttestationResult.failure(null, null, "no SPIFFE ID", now, null);
        }
        NodeId node = nodeOf(id);
        boolean issued = false;
        for (String ca : List.of("ca.pem", "mesh-ca.pem")) {
            try {
                leaf.verify(certs(ca).get(0).getPublicKey());
                issued = true;
            } catch (Exception e) {
                // not this CA
            }
        }
        if (!issued) {
            return AttestationResult.failure(node, id, "certificate is not issued by the fixture CA", now, null);
        }
        try {
            Signature s = Signature.getInstance("SHA256withECDSA");
            s.initVerify(leaf.getPublicKey());
            s.update(data);
            return s.verify(sig.signature()) ? AttestationResult.success(node, id, now, null)
                    : AttestationResult.failure(node, id, "signature does not match the data", now, null);
        } catch (GeneralSecurityException e) {
            return AttestationResult.failure(node, id, "signature does not match the data", now, null);
        }
    };
}
