package io.x0tta6bl4.api.topology;

import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * Raw measurements of a link, each optional because each source measures something
 * different: batman-adv IV gives TQ, batman-adv V throughput, probes give latency and loss.
 *
 * @param latencyMs      round-trip time in milliseconds, or null
 * @param throughputMbps estimated throughput in Mbit/s, or null
 * @param loss           packet loss ratio in [0, 1], or null
 * @param tq             batman-adv IV transmit quality in [0, 255], or null
 * @param babelCost      Babel link cost in [0, {@value #BABEL_INFINITY}] ({@value #BABEL_INFINITY}
 *                       is unreachable; 256 is a perfect wireless hop, 96 a typical wired one), or null
 * @param medium         what carries the link; never null ({@link LinkMedium#UNKNOWN} when not known)
 * @param iface          the reporting node's interface the link is heard on (a batman-adv hard
 *                       interface), or null when not known
 * @since 1.1 babelCost and medium; 1.4 iface
 */
public record LinkMetrics(Double latencyMs, Double throughputMbps, Double loss, Integer tq, Integer babelCost,
                          LinkMedium medium, String iface) {

    public static final LinkMetrics NONE = new LinkMetrics(null, null, null, null);
    /**
     * batman-adv V reports this throughput (its {@code BATADV_THROUGHPUT_DEFAULT_VALUE},
     * 10 x 100 kbit/s) when it cannot estimate a link, e.g. a wired or tunnel interface
     * without a speed.
     */
    public static final double BATMAN_V_DEFAULT_THROUGHPUT_MBPS = 1.0;
    /** Babel's infinite cost: the neighbour is unreachable. */
    public static final int BABEL_INFINITY = 0xFFFF;
    /** Babel's cost of a wireless hop that needs exactly one transmission (ETX 1). */
    public static final int BABEL_UNIT_COST = 256;
    /** What Linux accepts as an interface name (IFNAMSIZ - 1 characters). */
    private static final Pattern IFNAME = Pattern.compile("[^\\s/]{1,15}");

    /** Metrics of an unknown medium without a Babel cost (the 1.0 form). */
    public LinkMetrics(Double latencyMs, Double throughputMbps, Double loss, Integer tq) {
        this(latencyMs, throughputMbps, loss, tq, null, LinkMedium.UNKNOWN);
    }

    /** Metrics without an interface (the 1.1 form). */
    public LinkMetrics(Double latencyMs, Double throughputMbps, Double loss, Integer tq, Integer babelCost,
                       LinkMedium medium) {
        this(latencyMs, throughputMbps, loss, tq, babelCost, medium, null);
    }

    public LinkMetrics {
        medium = medium == null ? LinkMedium.UNKNOWN : medium;
        if (iface != null && !IFNAME.matcher(iface).matches()) {
            throw new IllegalArgumentException("interface name must be 1-15 characters without white space or '/', was '"
                    + iface + "'");
        }
        if (babelCost != null && (babelCost < 0 || babelCost > BABEL_INFINITY)) {
            throw new IllegalArgumentException("Babel cost must be within [0, " + BABEL_INFINITY + "], was "
                    + babelCost);
        }
        if (latencyMs != null && !(latencyMs >= 0 && Double.isFinite(latencyMs))) {
            throw new IllegalArgumentException("latency must be a finite value >= 0 ms, was " + latencyMs);
        }
        if (throughputMbps != null && !(throughputMbps >= 0 && Double.isFinite(throughputMbps))) {
            throw new IllegalArgumentException("throughput must be a finite value >= 0 Mbit/s, was " + throughputMbps);
        }
        if (loss != null && !(loss >= 0 && loss <= 1)) {
            throw new IllegalArgumentException("loss must be within [0, 1], was " + loss);
        }
        if (tq != null && (tq < 0 || tq > 255)) {
            throw new IllegalArgumentException("TQ must be within [0, 255], was " + tq);
        }
    }

    /** These metrics, heard on {@code iface}. */
    public LinkMetrics onInterface(String iface) {
        return new LinkMetrics(latencyMs, throughputMbps, loss, tq, babelCost, medium, iface);
    }

    public static LinkMetrics ofTq(int tq) {
        return new LinkMetrics(null, null, null, tq);
    }

    public OptionalDouble latency() {
        return latencyMs == null ? OptionalDouble.empty() : OptionalDouble.of(latencyMs);
    }

    public OptionalDouble throughput() {
        return throughputMbps == null ? OptionalDouble.empty() : OptionalDouble.of(throughputMbps);
    }

    public OptionalDouble lossRatio() {
        return loss == null ? OptionalDouble.empty() : OptionalDouble.of(loss);
    }

    public OptionalInt transmitQuality() {
        return tq == null ? OptionalInt.empty() : OptionalInt.of(tq);
    }

    /** A batman-adv V throughput reading with the medium it was read on. */
    public static LinkMetrics ofThroughput(double mbps, LinkMedium medium) {
        return new LinkMetrics(null, mbps, null, null, null, medium);
    }

    /** A Babel link cost. */
    public static LinkMetrics ofBabelCost(int cost) {
        return new LinkMetrics(null, null, null, null, cost, LinkMedium.UNKNOWN);
    }

    /** The throughput as a measurement: empty when absent or when it is batman-adv V's placeholder. */
    public OptionalDouble measuredThroughput() {
        if (throughputMbps == null || (medium.hasPlaceholderThroughput()
                && throughputMbps == BATMAN_V_DEFAULT_THROUGHPUT_MBPS)) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(throughputMbps);
    }

    public boolean isEmpty() {
        return latencyMs == null && throughputMbps == null && loss == null && tq == null && babelCost == null;
    }
}
