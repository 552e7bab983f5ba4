package io.x0tta6bl4.identity.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

import io.x0tta6bl4.api.event.HealthEvent;
import io.x0tta6bl4.api.event.Severity;
import io.x0tta6bl4.api.identity.IdentityHealth;
import io.x0tta6bl4.api.identity.IdentityState;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SVID in hand: runs the identity source the configuration chose, keeps the newest SVID
 * it delivered, derives the {@link IdentityState} from it, and posts the source's down and up
 * and the SVID's expiring and expired events, each once. Mutated only on the identity worker
 * (the source's callbacks hop onto it); read from any thread.
 */
final class SvidWatch {

    private static final Logger LOG = LoggerFactory.getLogger(SvidWatch.class);

    /** The state and its one-line reason; null while there is no source. */
    record Status(IdentityState state, String reason) {
    }

    private final Consumer<Runnable> onWorker;
    private final IdentityEvents events;
    /** Runs on the worker after the SVID or the source's state changed. */
    private final Runnable changed;
    private volatile IdentitySource source;
    private volatile String noSourceReason = "not started";
    private volatile SvidMaterial current;
    private volatile String sourceDown;
    private volatile boolean sourceWasDown;
    private volatile Status status = new Status(IdentityState.STARTING, "starting");
    private String expiringPosted = "";
    private String expiredPosted = "";

    SvidWatch(Consumer<Runnable> onWorker, IdentityEvents events, Runnable changed) {
        this.onWorker = onWorker;
        this.events = events;
        this.changed = changed;
    }

    SvidMaterial current() {
        return current;
    }

    Status status() {
        return status;
    }

    String noSourceReason() {
        return noSourceReason;
    }

    /** The source's description, or {@code none}. */
    String describe() {
        IdentitySource s = source;
        return s == null ? "none" : s.describe();
    }

    /** Closes the running source, forgets its SVID, and starts the one {@code cfg} chooses. */
    void restart(IdentityConfig cfg) {
        close();
        current = null;
        sourceDown = null;
        sourceWasDown = false;
        SourceChoice.Choice choice = SourceChoice.choose(cfg, System.getenv("SPIFFE_ENDPOINT_SOCKET"));
        if (choice.source() == null) {
            noSourceReason = choice.reason();
            LOG.info("No identity: {}", noSourceReason);
            return;
        }
        IdentitySource started = choice.source();
        source = started;
        LOG.info("Identity source: {}", started.describe());
        started.start(new IdentitySource.Listener() {
            @Override
            public void update(SvidMaterial svid) {
                onWorker.accept(() -> onUpdate(started, svid));
            }

            @Override
            public void down(String reason) {
                onWorker.accept(() -> onDown(started, reason));
            }
        });
    }

    /** Asks the source to fetch or reload now. */
    void refresh() {
        IdentitySource s = source;
        if (s != null) {
            s.refresh();
        }
    }

    void close() {
        IdentitySource s = source;
        source = null;
        if (s != null) {
            s.close();
        }
    }

    private void onUpdate(IdentitySource from, SvidMaterial svid) {
        if (from != source) {
            return;
        }
        SvidMaterial old = current;
        current = svid;
        if (old == null) {
            LOG.info("Identity {} from {}, valid until {}{}", svid.spiffeId(), from.describe(), svid.notAfter(),
                    svid.development() ? " (development identity)" : "");
        } else if (!old.leaf().equals(svid.leaf())) {
            LOG.info("Identity {} rotated, valid until {}", svid.spiffeId(), svid.notAfter());
        }
        if (sourceWasDown) {
            LOG.info("Identity source {} is back", from.describe());
            events.post(HealthEvent.of(IdentityHealth.AREA, IdentityHealth.IDENTITY_SOURCE_UP, from.describe(),
                    Severity.INFO, IdentityEvents.SOURCE_NAME));
        }
        sourceDown = null;
        sourceWasDown = false;
        changed.run();
    }

    private void onDown(IdentitySource from, String reason) {
        if (from != source) {
            return;
        }
        if (!sourceWasDown || !reason.equals(sourceDown)) {
            LOG.warn("Identity source {} is down: {}", from.describe(), reason);
        }
        if (!sourceWasDown) {
            events.post(HealthEvent.of(IdentityHealth.AREA, IdentityHealth.IDENTITY_SOURCE_DOWN, from.describe(),
                    Severity.WARNING, IdentityEvents.SOURCE_NAME).withDetails(reason));
        }
        sourceDown = reason;
        sourceWasDown = true;
        changed.run();
    }

    /** Derives the state and posts the expiry events once per SVID; true when an SVID is in hand. */
    boolean check(Instant now) {
        SvidMaterial svid = current;
        status = derive(source != null, svid, sourceDown, now);
        if (svid == null) {
            return false;
        }
        String serial = svid.leaf().getSerialNumber().toString(16);
        Duration lifetime = Duration.between(svid.notBefore(), svid.notAfter());
        Duration left = Duration.between(now, svid.notAfter());
        if (left.isNegative() || left.isZero()) {
            if (!serial.equals(expiredPosted)) {
                expiredPosted = serial;
                LOG.warn("SVID {} expired at {}", svid.spiffeId(), svid.notAfter());
                events.post(HealthEvent.of(IdentityHealth.AREA, IdentityHealth.SVID_EXPIRED, svid.spiffeId(),
                        Severity.CRITICAL, IdentityEvents.SOURCE_NAME).withDetails("expired at " + svid.notAfter()));
            }
        } else if (left.compareTo(lifetime.dividedBy(2)) < 0 && !serial.equals(expiringPosted)) {
            expiringPosted = serial;
            LOG.warn("SVID {} expires at {}, less than half its lifetime left and no rotation",
                    svid.spiffeId(), svid.notAfter());
            events.post(HealthEvent.of(IdentityHealth.AREA, IdentityHealth.SVID_EXPIRING, svid.spiffeId(),
                    Severity.WARNING, IdentityEvents.SOURCE_NAME).withValue(left.toMillis() / 1000.0,
                    lifetime.dividedBy(2).toMillis() / 1000.0).withDetails("expires at " + svid.notAfter()));
        }
        return true;
    }

    static Status derive(boolean hasSource, SvidMaterial svid, String down, Instant now) {
        if (svid == null) {
            if (!hasSource) {
                return null;
            }
            return down != null ? new Status(IdentityState.DEGRADED, down)
                    : new Status(IdentityState.STARTING, "waiting for the first SVID");
        }
        String dev = svid.development() ? "development identity, " : "";
        if (!now.isBefore(svid.notAfter())) {
            return new Status(IdentityState.DEGRADED, "SVID expired at " + svid.notAfter()
                    + (down != null ? "; source down: " + down : "; no rotation came"));
        }
        if (now.isBefore(svid.notBefore())) {
            return new Status(IdentityState.DEGRADED, "SVID not valid before " + svid.notBefore());
        }
        Duration lifetime = Duration.between(svid.notBefore(), svid.notAfter());
        if (Duration.between(now, svid.notAfter()).compareTo(lifetime.dividedBy(2)) < 0) {
            return new Status(IdentityState.DEGRADED, "SVID expires at " + svid.notAfter()
                    + ", less than half its lifetime left and no rotation"
                    + (down != null ? "; source down: " + down : ""));
        }
        if (down != null) {
            return new Status(IdentityState.DEGRADED, "source down: " + down + "; SVID in hand valid until "
                    + svid.notAfter());
        }
        return new Status(IdentityState.READY, dev + "SVID from " + svid.source() + ", valid until " + svid.notAfter());
    }
}
