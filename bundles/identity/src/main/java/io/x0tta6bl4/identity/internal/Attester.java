package io.x0tta6bl4.identity.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

import io.x0tta6bl4.api.identity.AttestationResult;
import io.x0tta6bl4.api.topology.NodeId;

/**
 * The client side: connects to a peer's mTLS control listener with a connect timeout,
 * completes the handshake and reads the greeting within the handshake timeout, and says
 * what happened.
 */
final class Attester {

    /** How an attempt ended: verified, could not be reached, or reached and refused. */
    enum Kind { ATTESTED, UNREACHABLE, FAILED }

    record Outcome(AttestationResult result, Kind kind) {
    }

    /** Builds a client SSLContext whose trust manager stores each verification result. */
    interface ContextFactory {
        SSLContext create(NodeId expected, AtomicReference<AttestationResult> verified) throws GeneralSecurityException;
    }

    private Attester() {
    }

    static Outcome attest(NodeId expected, InetSocketAddress address, ContextFactory contexts, int connectTimeoutMs,
                          int handshakeTimeoutMs) {
        String where = address.getHostString() + ":" + address.getPort();
        AtomicReference<AttestationResult> verified = new AtomicReference<>();
        SSLContext ctx;
        try {
            ctx = contexts.create(expected, verified);
        } catch (GeneralSecurityException | RuntimeException e) {
            return new Outcome(fail(expected, null, "cannot attest: " + ChainVerifier.oneLine(e), null), Kind.FAILED);
        }
        if (address.isUnresolved()) {
            address = new InetSocketAddress(address.getHostString(), address.getPort());
        }
        if (address.isUnresolved()) {
            return new Outcome(fail(expected, null, "cannot resolve " + address.getHostString(), null),
                    Kind.UNREACHABLE);
        }
        try (Socket raw = new Socket()) {
            try {
                raw.connect(address, connectTimeoutMs);
            } catch (SocketTimeoutException e) {
                return new Outcome(fail(expected, null, "no connection to " + where + " within " + connectTimeoutMs
                        + " ms", null), Kind.UNREACHABLE);
            } catch (IOException e) {
                return new Outcome(fail(expected, null, "cannot connect to " + where + ": " + ChainVerifier.oneLine(e),
                        null), Kind.UNREACHABLE);
            }
            raw.setSoTimeout(handshakeTimeoutMs);
            long deadline = System.nanoTime() + handshakeTimeoutMs * 1_000_000L;
            try (SSLSocket tls = (SSLSocket) ctx.getSocketFactory().createSocket(raw, address.getHostString(),
                    address.getPort(), false)) {
                tls.setUseClientMode(true);
                tls.setEnabledProtocols(Tls.PROTOCOLS);
                tls.setSoTimeout(handshakeTimeoutMs);
                tls.startHandshake();
                String line = readLine(tls.getInputStream(), deadline, tls);
                AttestationResult r = verified.get();
                if (r == null) {
                    return new Outcome(fail(expected, null, "handshake with " + where + " verified no certificate",
                            null), Kind.FAILED);
                }
                if (line == null || !line.startsWith(MtlsListener.GREETING)) {
                    return new Outcome(fail(r.node(), r.spiffeId(), "peer " + where
                            + " completed TLS but did not answer as an x0tta6bl4 identity listener", r.notAfter()),
                            Kind.FAILED);
                }
                return new Outcome(r, Kind.ATTESTED);
            }
        } catch (SocketTimeoutException e) {
            AttestationResult r = verified.get();
            return new Outcome(fail(r == null ? expected : r.node(), r == null ? null : r.spiffeId(),
                    "no TLS answer from " + where + " within " + handshakeTimeoutMs + " ms",
                    r == null ? null : r.notAfter()), Kind.FAILED);
        } catch (IOException e) {
            AttestationResult r = verified.get();
            if (r != null && !r.attested()) {
                return new Outcome(r, Kind.FAILED);
            }
            if (r != null) {
                return new Outcome(fail(r.node(), r.spiffeId(), "peer " + where + " presented a valid SVID but refused ours: "
                        + ChainVerifier.oneLine(e), r.notAfter()), Kind.FAILED);
            }
            return new Outcome(fail(expected, null, "TLS handshake with " + where + " failed: "
                    + ChainVerifier.oneLine(e), null), Kind.FAILED);
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

    private static AttestationResult fail(NodeId node, String spiffeId, String reason, Instant notAfter) {
        return AttestationResult.failure(node, spiffeId, reason, Instant.now(), notAfter);
    }

    static String greetingId(String line) {
        return line.substring(MtlsListener.GREETING.length()).trim();
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
