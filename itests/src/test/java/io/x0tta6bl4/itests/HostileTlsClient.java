package io.x0tta6bl4.itests;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * A hostile mTLS client in plain JSSE: presents whatever chain and key it is given (a real
 * chain with another private key, so its CertificateVerify cannot verify; or a self-signed
 * certificate with its own key) and trusts any server.
 */
final class HostileTlsClient {

    private HostileTlsClient() {
    }

    /** Null when the listener answered as if the handshake held, else what failed. */
    static String handshake(InetSocketAddress to, List<X509Certificate> chain, PrivateKey key) throws Exception {
        return handshake(null, to, chain, key);
    }

    /** As {@link #handshake(InetSocketAddress, List, PrivateKey)}, from a chosen local address (null: any). */
    static String handshake(InetAddress from, InetSocketAddress to, List<X509Certificate> chain, PrivateKey key)
            throws Exception {
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(new javax.net.ssl.KeyManager[] {new Presenting(chain.toArray(new X509Certificate[0]), key)},
                new TrustManager[] {new TrustingAll()}, new SecureRandom());
        try (Socket raw = new Socket()) {
            if (from != null) {
                raw.bind(new InetSocketAddress(from, 0));
            }
            raw.connect(to, 3000);
            raw.setSoTimeout(5000);
            try (SSLSocket tls = (SSLSocket) ctx.getSocketFactory().createSocket(raw, to.getHostString(), to.getPort(),
                    false)) {
                tls.setUseClientMode(true);
                tls.startHandshake();
                // TLS 1.3: the server checks our CertificateVerify after our side is done; its verdict comes on read
                int c = tls.getInputStream().read();
                return c < 0 ? "closed without a greeting" : null;
            }
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static final class Presenting extends X509ExtendedKeyManager {
        private final X509Certificate[] chain;
        private final PrivateKey key;

        Presenting(X509Certificate[] chain, PrivateKey key) {
            this.chain = chain;
            this.key = key;
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return new String[] {"hostile"};
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return "hostile";
        }

        @Override
        public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
            return "hostile";
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return null;
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return null;
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return chain.clone();
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return key;
        }
    }

    private static final class TrustingAll extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] c, String a, Socket s) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] c, String a, Socket s) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] c, String a, SSLEngine e) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] c, String a, SSLEngine e) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] c, String a) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] c, String a) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
