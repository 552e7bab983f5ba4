package io.x0tta6bl4.identity.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import javax.net.ssl.SSLContext;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The mTLS control listeners on the configured addresses, and the server context they hand
 * each handshake, built once per SVID. Bound and closed on the identity worker; the listeners'
 * own threads read the context.
 */
final class ControlListeners {

    private static final Logger LOG = LoggerFactory.getLogger(ControlListeners.class);

    private record SslCache(SvidMaterial svid, SSLContext context) {
    }

    private final Supplier<SvidMaterial> svid;
    private final Tls.PeerCheck verify;
    private final MtlsListener.Incoming incoming;
    private final List<MtlsListener> listeners = new CopyOnWriteArrayList<>();
    private final AtomicReference<SslCache> serverContext = new AtomicReference<>();
    private volatile String error;

    /**
     * @param svid     the SVID in hand, or null
     * @param verify   checks the chain a client proved
     * @param incoming told of every client, proven or failed
     */
    ControlListeners(Supplier<SvidMaterial> svid, Tls.PeerCheck verify, MtlsListener.Incoming incoming) {
        this.svid = svid;
        this.verify = verify;
        this.incoming = incoming;
    }

    /** Binds the listeners of {@code cfg} unless they are off or already bound; a bind error is logged once. */
    void ensure(IdentityConfig cfg) {
        if (!cfg.listenerEnabled() || !listeners.isEmpty()) {
            return;
        }
        List<String> errors = new ArrayList<>();
        for (String a : cfg.listenerAddresses()) {
            try {
                InetSocketAddress bind = new InetSocketAddress(InetAddress.getByName(a), cfg.listenerPort());
                MtlsListener l = new MtlsListener(bind, this::context, verify, () -> {
                    SvidMaterial s = svid.get();
                    return s == null ? "" : s.spiffeId();
                }, cfg.listenerLimits(), incoming);
                listeners.add(l);
                LOG.info("mTLS control listener on {}", l.address());
            } catch (IOException e) {
                errors.add(a + ":" + cfg.listenerPort() + ": " + ChainVerifier.oneLine(e));
            }
        }
        if (!errors.isEmpty()) {
            String msg = String.join("; ", errors);
            if (!msg.equals(error)) {
                LOG.warn("mTLS control listener cannot bind {}", msg);
            }
            error = msg;
        } else {
            error = null;
        }
    }

    void stop() {
        for (MtlsListener l : listeners) {
            l.close();
        }
        listeners.clear();
        error = null;
    }

    /** Forgets the server context, so the next handshake builds one from the SVID then in hand. */
    void forgetContext() {
        serverContext.set(null);
    }

    List<InetSocketAddress> addresses() {
        return listeners.stream().map(MtlsListener::address).toList();
    }

    /** The bind error, if any. */
    String error() {
        return error;
    }

    /** Per listener: connections dropped early, refused, closed at the deadline (for tests and logs). */
    String stats() {
        return listeners.stream().map(l -> l.address() + " dropped=" + l.dropped() + " refused=" + l.refused()
                + " expired=" + l.expired()).toList().toString();
    }

    private SSLContext context() {
        SvidMaterial s = svid.get();
        if (s == null) {
            return null;
        }
        SslCache c = serverContext.get();
        if (c != null && c.svid() == s) {
            return c.context();
        }
        try {
            // a refused client is reported by the listener, by its address, with the reason
            SSLContext ctx = Tls.context(s, verify, refused -> { });
            serverContext.set(new SslCache(s, ctx));
            return ctx;
        } catch (GeneralSecurityException e) {
            LOG.warn("Cannot build the mTLS server context from {}: {}", s.spiffeId(), e.getMessage());
            return null;
        }
    }
}
