package io.x0tta6bl4.identity.internal;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

import io.x0tta6bl4.api.identity.AttestationResult;

/**
 * SSLContexts built from the SVID in hand: the key manager presents the SVID chain, the
 * trust manager accepts a peer only when {@link ChainVerifier} does (trust bundle, trust
 * domain, node ID pattern, validity), and hands the result to a callback so the reason of
 * a rejection is kept. TLS 1.3 and 1.2 only.
 */
final class Tls {

    static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private Tls() {
    }

    /**
     * @param verify    verifies a peer chain (leaf first)
     * @param onResult  receives every verification result, success or failure
     */
    static SSLContext context(SvidMaterial svid, Function<List<X509Certificate>, AttestationResult> verify,
                              java.util.function.Consumer<AttestationResult> onResult) throws GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try {
            ks.load(null, null);
        } catch (java.io.IOException e) {
            throw new GeneralSecurityException(e);
        }
        char[] pw = "svid".toCharArray();
        ks.setKeyEntry("svid", svid.key(), pw, svid.chain().toArray(new X509Certificate[0]));
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, pw);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), new TrustManager[] {new SvidTrustManager(svid, verify, onResult)}, null);
        return ctx;
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
        private final SvidMaterial svid;
        private final Function<List<X509Certificate>, AttestationResult> verify;
        private final java.util.function.Consumer<AttestationResult> onResult;

        SvidTrustManager(SvidMaterial svid, Function<List<X509Certificate>, AttestationResult> verify,
                         java.util.function.Consumer<AttestationResult> onResult) {
            this.svid = svid;
            this.verify = verify;
            this.onResult = onResult;
        }

        private void check(X509Certificate[] chain) throws CertificateException {
            AttestationResult r = verify.apply(chain == null ? List.of() : Arrays.asList(chain));
            onResult.accept(r);
            if (!r.attested()) {
                throw new Rejected(r);
            }
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            check(chain);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            check(chain);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            check(chain);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            check(chain);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            check(chain);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            check(chain);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            // empty: peers then always send their SVID, so a rejection names the real reason
            return new X509Certificate[0];
        }
    }
}
