package io.x0tta6bl4.identity.internal;

import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

import io.x0tta6bl4.api.identity.AttestationResult;
import io.x0tta6bl4.api.identity.SvidSignature;

/**
 * Signs with an SVID key and checks a peer's signature. The algorithm is derived from the
 * key type on both sides, never read from the signed record, so a signer cannot pick a
 * weaker one. The chain is checked by {@link ChainVerifier} first, the same checks as an
 * mTLS peer gets.
 */
final class SvidSignatures {

    private SvidSignatures() {
    }

    static SvidSignature sign(SvidMaterial svid, byte[] data) throws GeneralSecurityException {
        PrivateKey key = svid.key();
        Signature s = Signature.getInstance(algorithm(key));
        s.initSign(key);
        s.update(data);
        return new SvidSignature(svid.chain(), s.sign());
    }

    /** Chain against the bundle and policy first, then the signature with the leaf's key. */
    static AttestationResult verify(byte[] data, SvidSignature signature, String trustDomain,
                                    List<X509Certificate> bundle, IdPolicy policy, Instant now) {
        AttestationResult chain = ChainVerifier.verify(signature.chain(), null, trustDomain, bundle, policy, now);
        if (!chain.attested()) {
            return chain;
        }
        PublicKey key = signature.chain().get(0).getPublicKey();
        boolean ok;
        try {
            Signature s = Signature.getInstance(algorithm(key));
            s.initVerify(key);
            s.update(data);
            ok = s.verify(signature.signature());
        } catch (GeneralSecurityException e) {
            return AttestationResult.failure(chain.node(), chain.spiffeId(), "signature cannot be checked ("
                    + ChainVerifier.oneLine(e) + ")", now, chain.notAfter());
        }
        return ok ? chain : AttestationResult.failure(chain.node(), chain.spiffeId(),
                "signature does not match the data", now, chain.notAfter());
    }

    static String algorithm(Key key) throws GeneralSecurityException {
        return switch (key.getAlgorithm()) {
            case "EC" -> "SHA256withECDSA";
            case "RSA" -> "SHA256withRSA";
            case "Ed25519", "EdDSA" -> "Ed25519";
            default -> throw new GeneralSecurityException("SVID key type " + key.getAlgorithm()
                    + " is not supported for signing (EC, RSA or Ed25519)");
        };
    }
}
