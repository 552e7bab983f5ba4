package io.x0tta6bl4.api.identity;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * A signature made with a node's X.509-SVID private key, with the SVID chain (leaf first)
 * a peer needs to check it. The signature algorithm follows from the leaf's key type
 * (EC: {@code SHA256withECDSA}, RSA: {@code SHA256withRSA}, Ed25519: {@code Ed25519}), so
 * it is not carried: a verifier never takes the algorithm from the signer.
 *
 * @param chain     the signer's SVID chain, leaf first; never empty
 * @param signature the signature bytes
 */
public record SvidSignature(List<X509Certificate> chain, byte[] signature) {

    public SvidSignature {
        chain = List.copyOf(Objects.requireNonNull(chain, "chain"));
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("a signature needs the signer's certificate chain");
        }
        signature = Objects.requireNonNull(signature, "signature").clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }
}
