package io.x0tta6bl4.healing.internal;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import io.x0tta6bl4.api.healing.Anomaly;
import io.x0tta6bl4.api.healing.AnomalyDetector;

/**
 * The built-in detector: an exponentially weighted moving average gives the expected value
 * of each link metric, and the robust z-score of the new residual against the recent
 * residuals ({@code 0.6745 * (r - median) / MAD}) says how unusual it is. Only the harmful
 * direction counts: latency and loss going up, quality going down. Nothing is flagged
 * before the warm-up count of observations. An anomalous value is not learnt, so a link
 * that stays bad keeps being flagged. Not thread-safe; the monitor feeds it from one thread.
 */
final class RobustZDetector implements AnomalyDetector {

    static final String DETECTOR_NAME = "ewma-robust-z";
    private static final int WINDOW = 32;
    /**
     * Residual scale floor, relative to the expected value (and absolute near zero), so a very
     * steady metric does not turn every small wiggle into an anomaly.
     */
    private static final double MIN_RELATIVE_MAD = 0.02;
    private static final double MIN_MAD = 1e-3;

    private static final class Series {
        double ewma;
        int count;
        final double[] residuals = new double[WINDOW];
        int filled;
        int next;
    }

    /**
     * Subject, then metric: {@link #forget} drops a subject's series in one step. Keyed by one
     * "subject|metric" string, forgetting scanned every series per gone subject, and a mesh that
     * lost 9,970 of 10,000 nodes kept the sampler busy for minutes with 170,000 series left.
     */
    private final Map<String, Map<String, Series>> series = new HashMap<>();
    private volatile double z;
    private volatile double alpha;
    private volatile int warmup;

    RobustZDetector(double z, double alpha, int warmup) {
        configure(z, alpha, warmup);
    }

    void configure(double newZ, double newAlpha, int newWarmup) {
        this.z = newZ;
        this.alpha = newAlpha;
        this.warmup = newWarmup;
    }

    @Override
    public Optional<Anomaly> observe(String subject, String metric, double value, long timestamp) {
        if (!Double.isFinite(value)) {
            return Optional.empty();
        }
        Series s = series.computeIfAbsent(subject, k -> new HashMap<>(4)).computeIfAbsent(metric, k -> new Series());
        if (s.count == 0) {
            s.ewma = value;
            s.count = 1;
            return Optional.empty();
        }
        double residual = value - s.ewma;
        Optional<Anomaly> result = Optional.empty();
        if (s.count >= warmup && s.filled >= 3) {
            double[] window = Arrays.copyOf(s.residuals, s.filled);
            double median = median(window);
            for (int i = 0; i < window.length; i++) {
                window[i] = Math.abs(window[i] - median);
            }
            double mad = Math.max(median(window), Math.max(MIN_MAD, MIN_RELATIVE_MAD * Math.abs(s.ewma)));
            double score = 0.6745 * (residual - median) / mad;
            double harmful = AnomalyDetector.QUALITY.equals(metric) ? -score : score;
            if (harmful > z) {
                result = Optional.of(new Anomaly(DETECTOR_NAME, subject, metric, value, s.ewma, score));
            }
        }
        if (result.isEmpty()) {
            s.residuals[s.next] = residual;
            s.next = (s.next + 1) % WINDOW;
            s.filled = Math.min(WINDOW, s.filled + 1);
            s.ewma += alpha * residual;
        }
        s.count++;
        return result;
    }

    @Override
    public void forget(String subject) {
        series.remove(subject);
    }

    /** Series held, one per subject and metric. */
    int seriesCount() {
        return series.values().stream().mapToInt(Map::size).sum();
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }
}
