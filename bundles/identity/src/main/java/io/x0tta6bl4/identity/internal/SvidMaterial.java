package io.x0tta6bl4.identity.internal;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

/**
 * An X.509-SVID (leaf first, then intermediates), its private key and the trust bundle of
 * its trust domain, as one source delivered it.
 *
 * @param source      where it came from, for status lines: {@code unix:/run/spire/agent.sock}, a file path
 * @param development whether it is a development identity from the bootstrap CA
 */
record SvidMaterial(String spiffeId, String trustDomain, List<X509Certificate> chain, PrivateKey key,
                    List<X509Certificate> bundle, String source, boolean development) {

    SvidMaterial {
        chain = List.copyOf(chain);
        bundle = List.copyOf(bundle);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("SVID without certificates");
        }
    }

    X509Certificate leaf() {
        return chain.get(0);
    }

    Instant notBefore() {
        return leaf().getNotBefore().toInstant();
    }

    Instant notAfter() {
        return leaf().getNotAfter().toInstant();
    }

    /** Builds from a chain, reading the SPIFFE ID from the leaf's single URI SAN. */
    static SvidMaterial of(List<X509Certificate> chain, PrivateKey key, List<X509Certificate> bundle, String source,
                           boolean development) {
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("no certificate in the SVID");
        }
        List<String> uris = SpiffeIds.uriSans(chain.get(0));
        if (uris.size() != 1) {
            throw new IllegalArgumentException("the SVID leaf has " + uris.size() + " URI SANs, expected exactly 1");
        }
        SpiffeIds.Id id = SpiffeIds.parse(uris.get(0));
        if (bundle.isEmpty()) {
            throw new IllegalArgumentException("the trust bundle of " + id.trustDomain() + " is empty");
        }
        return new SvidMaterial(id.toString(), id.trustDomain(), chain, key, bundle, source, development);
    }
}
