package io.x0tta6bl4.identity.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

import io.x0tta6bl4.api.identity.AttestationResult;
import io.x0tta6bl4.api.topology.NodeId;

/**
 * The client side: connects to a peer's mTLS control listener with a connect timeout,
 * completes the handshake and reads the greeting within the handshake timeout, and says
 * what happened.
 * <p>
 * Only a completed handshake proves who the peer is; a failure therefore names only the
 * node we set out to reach (or none), never the node an unproven certificate claims, and
 * carries neither its SPIFFE ID nor its expiry.
 */
final class Attester {

    /** How an attempt ended: verified, could not be reached, or reached and refused. */
    enum Kind { ATTESTED, UNREACHABLE, FAILED }

    record Outcome(AttestationResult result, Kind kind) {
    }

    /** Builds a client SSLContext; its trust manager hands its (unproven) result to {@code checked}. */
    interface ContextFactory {
        SSLContext create(NodeId expected, AtomicReference<AttestationResult> checked) throws GeneralSecurityException;

        /** Verifies the chain the server proved, after the handshake. */
        AttestationResult verify(List<X509Certificate> chain, NodeId expected);
    }

    private Attester() {
    }

    static Outcome attest(NodeId expected, InetSocketAddress address, ContextFactory contexts, int connectTimeoutMs,
                          int handshakeTimeoutMs) {
        String where = address.getHostString() + ":" + address.getPort();
        AtomicReference<AttestationResult> checked = new AtomicReference<>();
        AtomicReference<AttestationResult> proven = new AtomicReference<>();
        SSLContext ctx;
        try {
            ctx = contexts.create(expected, checked);
        } catch (GeneralSecurityException | RuntimeException e) {
            return new Outcome(fail(expected, "cannot attest: " + ChainVerifier.oneLine(e)), Kind.FAILED);
        }
        if (address.isUnresolved()) {
            address = new InetSocketAddress(address.getHostString(), address.getPort());
        }
        if (address.isUnresolved()) {
            return new Outcome(fail(expected, "cannot resolve " + address.getHostString()), Kind.UNREACHABLE);
        }
        try (Socket raw = new Socket()) {
            try {
                raw.connect(address, connectTimeoutMs);
            } catch (SocketTimeoutException e) {
                return new Outcome(fail(expected, "no connection to " + where + " within " + connectTimeoutMs
                        + " ms"), Kind.UNREACHABLE);
            } catch (IOException e) {
                return new Outcome(fail(expected, "cannot connect to " + where + ": " + ChainVerifier.oneLine(e)),
                        Kind.UNREACHABLE);
            }
            raw.setSoTimeout(handshakeTimeoutMs);
            long deadline = System.nanoTime() + handshakeTimeoutMs * 1_000_000L;
            try (SSLSocket tls = (SSLSocket) ctx.getSocketFactory().createSocket(raw, address.getHostString(),
                    address.getPort(), false)) {
                tls.setUseClientMode(true);
                tls.setEnabledProtocols(Tls.PROTOCOLS);
                tls.setSoTimeout(handshakeTimeoutMs);
                tls.startHandshake();
                // the handshake is complete: the server has proved the key of the chain it sent
                AttestationResult r = Tls.provenPeer(tls.getSession(), (chain, role) -> contexts.verify(chain, expected),
                        ChainVerifier.Role.SERVER);
                if (!r.attested()) {
                    return new Outcome(fail(expected, r.reason()), Kind.FAILED);
                }
                proven.set(r);
                String line = readLine(tls.getInputStream(), deadline, tls);
                if (line == null || !line.startsWith(MtlsListener.GREETING)) {
                    return new Outcome(AttestationResult.failure(r.node(), r.spiffeId(), "peer " + where
                            + " completed TLS but did not answer as an x0tta6bl4 identity listener", Instant.now(),
                            r.notAfter()), Kind.FAILED);
                }
                return new Outcome(r, Kind.ATTESTED);
            }
        } catch (SocketTimeoutException e) {
            return new Outcome(fail(expected, "no TLS answer from " + where + " within " + handshakeTimeoutMs + " ms"),
                    Kind.FAILED);
        } catch (IOException e) {
            AttestationResult r = checked.get();
            if (r != null && !r.attested()) {
                return new Outcome(fail(expected, r.reason()), Kind.FAILED);
            }
            if (r != null || proven.get() != null) {
                // TLS 1.3: the server checks our certificate after we have accepted its one
                return new Outcome(fail(expected, "peer " + where + " presented a valid SVID but refused ours: "
                        + ChainVerifier.oneLine(e)), Kind.FAILED);
            }
            return new Outcome(fail(expected, "TLS handshake with " + where + " failed: " + ChainVerifier.oneLine(e)),
                    Kind.FAILED);
        }
    }

    private static String readLine(InputStream in, long deadline, Socket s) throws IOException {
        StringBuilder b = new StringBuilder();
        while (b.length() < 512) {
            long left = (deadline - System.nanoTime()) / 1_000_000L;
            if (left <= 0) {
                throw new SocketTimeoutException("greeting");
            }
            s.setSoTimeout((int) Math.max(1, left));
            int c = in.read();
            if (c < 0 || c == '\n') {
                return b.length() == 0 && c < 0 ? null : b.toString();
            }
            b.append((char) c);
        }
        return b.toString();
    }

    /** A failure, named only by the node we expected to reach (null: none). */
    private static AttestationResult fail(NodeId expected, String reason) {
        return AttestationResult.failure(expected, null, reason, Instant.now(), null);
    }

    static String greetingId(String line) {
        return line.substring(MtlsListener.GREETING.length()).trim();
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
