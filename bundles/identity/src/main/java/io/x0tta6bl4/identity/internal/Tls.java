package io.x0tta6bl4.identity.internal;

import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

import io.x0tta6bl4.api.identity.AttestationResult;

/**
 * SSLContexts built from the SVID in hand: the key manager presents the SVID chain, the
 * trust manager accepts a peer only when {@link ChainVerifier} does (trust bundle, trust
 * domain, node ID pattern, validity, key usage for the peer's TLS role). TLS 1.3 and 1.2
 * only.
 * <p>
 * The trust manager runs before the handshake has proved that the peer holds the key of
 * the certificate (CertificateVerify comes after it), so what it sees is a claim: it hands
 * its results to a callback only to explain a failed handshake, never to be recorded. A peer is known by {@link #provenPeer},
 * called on the session of a handshake that has completed.
 */
final class Tls {

    static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private Tls() {
    }

    /** Verifies a peer chain (leaf first) for the TLS role the peer plays. */
    @FunctionalInterface
    interface PeerCheck {
        AttestationResult check(List<X509Certificate> chain, ChainVerifier.Role peerRole);
    }

    /**
     * @param verify     verifies a peer chain (leaf first)
     * @param onChecked  receives the trust manager's result of each chain (unproven: for the
     *                   reason of a failure only, never to be recorded under the id it names)
     */
    static SSLContext context(SvidMaterial svid, PeerCheck verify,
                              Consumer<AttestationResult> onChecked) throws GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try {
            ks.load(null, null);
        } catch (IOException e) {
            throw new GeneralSecurityException(e);
        }
        char[] pw = "svid".toCharArray();
        ks.setKeyEntry("svid", svid.key(), pw, svid.chain().toArray(new X509Certificate[0]));
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, pw);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), new TrustManager[] {new SvidTrustManager(verify, onChecked)}, null);
        return ctx;
    }

    /**
     * The peer of a completed handshake, verified again from the session: only now has the
     * peer proved it holds the key of its leaf certificate.
     */
    static AttestationResult provenPeer(SSLSession session, PeerCheck verify, ChainVerifier.Role peerRole) {
        List<X509Certificate> chain = new ArrayList<>();
        try {
            for (Certificate c : session.getPeerCertificates()) {
                if (!(c instanceof X509Certificate x)) {
                    return AttestationResult.failure(null, null, "peer presented a non-X.509 certificate",
                            Instant.now(), null);
                }
                chain.add(x);
            }
        } catch (SSLPeerUnverifiedException e) {
            return AttestationResult.failure(null, null, "peer presented no certificate", Instant.now(), null);
        }
        return verify.check(chain, peerRole);
    }

    /** The trust manager's reason when it caused the handshake to fail, else the exception's. */
    static String failureReason(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof Rejected r) {
                return r.result.reason();
            }
        }
        return ChainVerifier.oneLine(e);
    }

    /** Thrown by the trust manager; carries the result with the reason. */
    static final class Rejected extends CertificateException {
        private static final long serialVersionUID = 1L;
        final transient AttestationResult result;

        Rejected(AttestationResult result) {
            super(result.reason());
            this.result = result;
        }
    }

    private static final class SvidTrustManager extends X509ExtendedTrustManager {
        private final PeerCheck verify;
        private final Consumer<AttestationResult> onChecked;

        SvidTrustManager(PeerCheck verify, Consumer<AttestationResult> onChecked) {
            this.verify = verify;
            this.onChecked = onChecked;
        }

        private void check(X509Certificate[] chain, ChainVerifier.Role peerRole) throws CertificateException {
            AttestationResult r = verify.check(chain == null ? List.of() : Arrays.asList(chain), peerRole);
            onChecked.accept(r);
            if (!r.attested()) {
                throw new Rejected(r);
            }
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            check(chain, ChainVerifier.Role.CLIENT);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            check(chain, ChainVerifier.Role.SERVER);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            check(chain, ChainVerifier.Role.CLIENT);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            check(chain, ChainVerifier.Role.SERVER);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            check(chain, ChainVerifier.Role.CLIENT);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            check(chain, ChainVerifier.Role.SERVER);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            // empty: peers then always send their SVID, so a rejection names the real reason
            return new X509Certificate[0];
        }
    }
}
