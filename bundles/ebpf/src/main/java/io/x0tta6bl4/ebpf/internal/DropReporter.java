package io.x0tta6bl4.ebpf.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.x0tta6bl4.api.ebpf.MeshGuard;
import io.x0tta6bl4.api.ebpf.PeerCounters;
import io.x0tta6bl4.api.event.HealthEvent;
import io.x0tta6bl4.api.event.HealthKinds;
import io.x0tta6bl4.api.event.Severity;

/**
 * Turns growing drop counters into health events at a bounded rate: at most one event per
 * peer and kind every {@code peerIntervalMs}, and at most {@code maxPerMinute} in all. A
 * peer whose drops grow while it is quarantined gives {@link MeshGuard#PEER_QUARANTINED};
 * one whose drops grow under enforcement while it is not allowed gives
 * {@code PEER_UNATTESTED}. Pure logic: the caller supplies counters, lists and the clock.
 */
final class DropReporter {

    static final String SOURCE = "io.x0tta6bl4.ebpf";

    private final Map<String, Long> lastDropped = new HashMap<>();
    private final Map<String, Long> lastEvent = new HashMap<>();
    private final List<Long> window = new ArrayList<>();

    /** Takes counters that outlived the bundle (pinned maps) as the baseline: only later drops are news. */
    void prime(Map<String, PeerCounters> counters) {
        counters.values().forEach(c -> lastDropped.put(c.mac(), c.dropped()));
    }

    List<HealthEvent> observe(Map<String, PeerCounters> counters, Map<String, String> quarantined,
                              Set<String> allowed, boolean enforcing, long nowMs, long peerIntervalMs,
                              int maxPerMinute) {
        List<HealthEvent> out = new ArrayList<>();
        window.removeIf(t -> t <= nowMs - 60_000);
        for (PeerCounters c : counters.values()) {
            long before = lastDropped.getOrDefault(c.mac(), 0L);
            lastDropped.put(c.mac(), c.dropped());
            long delta = c.dropped() - before;
            if (delta <= 0) {
                continue;
            }
            String kind;
            Severity severity;
            String details;
            if (quarantined.containsKey(c.mac())) {
                kind = MeshGuard.PEER_QUARANTINED;
                severity = Severity.WARNING;
                String reason = quarantined.get(c.mac());
                details = delta + " frames dropped from quarantined peer"
                        + (reason == null || reason.isEmpty() ? "" : " (" + reason + ")");
            } else if (enforcing && !allowed.contains(c.mac())) {
                kind = HealthKinds.PEER_UNATTESTED;
                severity = Severity.WARNING;
                details = delta + " frames dropped from a peer not on the allow list";
            } else {
                continue; // drops from before a release or an allow
            }
            String key = kind + " " + c.mac();
            Long last = lastEvent.get(key);
            if (last != null && nowMs - last < peerIntervalMs) {
                continue;
            }
            if (window.size() >= maxPerMinute) {
                continue;
            }
            lastEvent.put(key, nowMs);
            window.add(nowMs);
            out.add(new HealthEvent(MeshGuard.HEALTH_AREA, kind, c.mac(), severity, SOURCE, nowMs,
                    (double) delta, null, details));
        }
        lastDropped.keySet().retainAll(counters.keySet());
        return out;
    }
}
