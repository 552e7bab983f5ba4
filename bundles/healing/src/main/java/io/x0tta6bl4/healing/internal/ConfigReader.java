package io.x0tta6bl4.healing.internal;

import static io.x0tta6bl4.healing.internal.HealingConfig.*;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.DoublePredicate;
import java.util.function.LongPredicate;
import java.util.regex.Pattern;

/**
 * Reads the raw Config Admin properties itself, so a value such as
 * {@code verify.delay.ms = soon} is refused with one line naming the key, the value and the
 * rule, and the last good value of that key stays in force while the valid keys of the same
 * update apply. An absent key takes its default.
 * <p>
 * Rules: {@code 16 <= queue.capacity <= 1000000}; {@code 0 <= correlation.window.ms <= 60000};
 * {@code 0 < partition.share <= 1}; {@code partition.min.nodes >= 1};
 * {@code damping.penalty > 0}; {@code damping.suppress > damping.reuse > 0} (the pair is
 * refused together); {@code damping.half-life.ms >= 1000}; {@code backoff.initial.ms >= 1};
 * {@code backoff.max.ms >= backoff.initial.ms}; {@code budget.capacity >= 1};
 * {@code budget.per.minute > 0}; {@code 0 <= verify.delay.ms <= 600000}; {@code dry.run} is
 * {@code true} or {@code false}; {@code notify.uri} is a URI with a scheme;
 * {@code anomaly.z > 0}; {@code 0 < anomaly.alpha <= 1}; {@code anomaly.warmup >= 3};
 * {@code approval.actions} and {@code policy.<KIND>} are comma-separated action names
 * (letters, digits, {@code -}); a policy for a kind replaces the default policy of that kind.
 */
final class ConfigReader {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");
    private static final Pattern KIND = Pattern.compile("[A-Za-z0-9_*-]+");
    private static final Pattern URI = Pattern.compile("[a-zA-Z][a-zA-Z0-9+.-]*:.+");

    private final Consumer<String> warn;

    ConfigReader(Consumer<String> warn) {
        this.warn = warn;
    }

    HealingConfig read(HealingConfig last, Map<String, ?> raw) {
        double suppress = number(raw, DAMPING_SUPPRESS, DEFAULTS.dampingSuppress(), last.dampingSuppress(),
                v -> v > 0, "must be a number > 0");
        double reuse = number(raw, DAMPING_REUSE, DEFAULTS.dampingReuse(), last.dampingReuse(),
                v -> v > 0, "must be a number > 0");
        if (!(suppress > reuse)) {
            refuse(DAMPING_SUPPRESS + "/" + DAMPING_REUSE, suppress + "/" + reuse,
                    "suppress must be greater than reuse", last.dampingSuppress() + "/" + last.dampingReuse());
            suppress = last.dampingSuppress();
            reuse = last.dampingReuse();
        }
        long backoffInitial = whole(raw, BACKOFF_INITIAL, DEFAULTS.backoffInitialMs(), last.backoffInitialMs(),
                v -> v >= 1, "must be a whole number of milliseconds >= 1");
        long backoffMax = whole(raw, BACKOFF_MAX, DEFAULTS.backoffMaxMs(), last.backoffMaxMs(),
                v -> v >= backoffInitial, "must be a whole number of milliseconds >= " + BACKOFF_INITIAL
                        + " (" + backoffInitial + ")");
        return new HealingConfig(
                (int) whole(raw, QUEUE_CAPACITY, DEFAULTS.queueCapacity(), last.queueCapacity(),
                        v -> v >= 16 && v <= 1_000_000, "must be a whole number >= 16 and <= 1000000"),
                whole(raw, CORRELATION_WINDOW, DEFAULTS.correlationWindowMs(), last.correlationWindowMs(),
                        v -> v >= 0 && v <= 60_000, "must be a whole number of milliseconds >= 0 and <= 60000"),
                number(raw, PARTITION_SHARE, DEFAULTS.partitionShare(), last.partitionShare(),
                        v -> v > 0 && v <= 1, "must be a number > 0 and <= 1"),
                (int) whole(raw, PARTITION_MIN_NODES, DEFAULTS.partitionMinNodes(), last.partitionMinNodes(),
                        v -> v >= 1 && v <= 100_000, "must be a whole number >= 1"),
                number(raw, DAMPING_PENALTY, DEFAULTS.dampingPenalty(), last.dampingPenalty(),
                        v -> v > 0, "must be a number > 0"),
                suppress, reuse,
                whole(raw, DAMPING_HALF_LIFE, DEFAULTS.dampingHalfLifeMs(), last.dampingHalfLifeMs(),
                        v -> v >= 1000, "must be a whole number of milliseconds >= 1000"),
                backoffInitial, backoffMax,
                (int) whole(raw, BUDGET_CAPACITY, DEFAULTS.budgetCapacity(), last.budgetCapacity(),
                        v -> v >= 1 && v <= 1_000_000, "must be a whole number >= 1"),
                number(raw, BUDGET_PER_MINUTE, DEFAULTS.budgetPerMinute(), last.budgetPerMinute(),
                        v -> v > 0, "must be a number > 0"),
                whole(raw, VERIFY_DELAY, DEFAULTS.verifyDelayMs(), last.verifyDelayMs(),
                        v -> v >= 0 && v <= 600_000, "must be a whole number of milliseconds >= 0 and <= 600000"),
                bool(raw, DRY_RUN, DEFAULTS.dryRun(), last.dryRun()),
                uri(raw, last),
                number(raw, ANOMALY_Z, DEFAULTS.anomalyZ(), last.anomalyZ(), v -> v > 0, "must be a number > 0"),
                number(raw, ANOMALY_ALPHA, DEFAULTS.anomalyAlpha(), last.anomalyAlpha(),
                        v -> v > 0 && v <= 1, "must be a number > 0 and <= 1"),
                (int) whole(raw, ANOMALY_WARMUP, DEFAULTS.anomalyWarmup(), last.anomalyWarmup(),
                        v -> v >= 3 && v <= 10_000, "must be a whole number >= 3"),
                approval(raw, last),
                policies(raw, last),
                whole(raw, ACTION_TIMEOUT, DEFAULTS.actionTimeoutMs(), last.actionTimeoutMs(),
                        v -> v >= 100 && v <= 600_000, "must be a whole number of milliseconds >= 100 and <= 600000"));
    }

    private String uri(Map<String, ?> raw, HealingConfig last) {
        Object v = raw.get(NOTIFY_URI);
        if (v == null) {
            return DEFAULTS.notifyUri();
        }
        String s = v.toString().trim();
        if (!URI.matcher(s).matches()) {
            refuse(NOTIFY_URI, v, "must be an endpoint URI such as log:name or https://host/path", last.notifyUri());
            return last.notifyUri();
        }
        return s;
    }

    private Set<String> approval(Map<String, ?> raw, HealingConfig last) {
        Object v = raw.get(APPROVAL_ACTIONS);
        if (v == null) {
            return DEFAULTS.approvalActions();
        }
        List<String> names = names(v);
        if (names == null) {
            refuse(APPROVAL_ACTIONS, v, "must be comma-separated action names (a-z, 0-9, -)", last.approvalActions());
            return last.approvalActions();
        }
        return Set.copyOf(names);
    }

    private Map<String, List<String>> policies(Map<String, ?> raw, HealingConfig last) {
        Map<String, List<String>> result = new TreeMap<>(DEFAULT_POLICIES);
        for (Map.Entry<String, ?> e : raw.entrySet()) {
            if (!e.getKey().startsWith(POLICY_PREFIX)) {
                continue;
            }
            String kind = e.getKey().substring(POLICY_PREFIX.length());
            List<String> names = names(e.getValue());
            if (!KIND.matcher(kind).matches() || names == null) {
                List<String> kept = last.policies().get(kind);
                refuse(e.getKey(), e.getValue(), "must be comma-separated action names (a-z, 0-9, -) for a kind"
                        + " of letters, digits, '_' or '-'", kept);
                if (kept != null) {
                    result.put(kind, kept);
                }
                continue;
            }
            result.put(kind, names);
        }
        return Map.copyOf(result);
    }

    /** Comma-separated names, empty allowed; null when one is malformed. */
    private static List<String> names(Object v) {
        String s = v instanceof String[] a ? String.join(",", a) : v.toString();
        Set<String> out = new LinkedHashSet<>();
        for (String part : s.split(",")) {
            String n = part.trim();
            if (n.isEmpty()) {
                continue;
            }
            if (!NAME.matcher(n).matches()) {
                return null;
            }
            out.add(n);
        }
        return List.copyOf(out);
    }

    private boolean bool(Map<String, ?> raw, String key, boolean fallback, boolean kept) {
        Object v = raw.get(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        String s = v.toString().trim();
        if (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(s);
        }
        refuse(key, v, "must be true or false", kept);
        return kept;
    }

    private long whole(Map<String, ?> raw, String key, long fallback, long kept, LongPredicate rule, String text) {
        Object v = raw.get(key);
        if (v == null) {
            return fallback;
        }
        Long parsed = null;
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            parsed = ((Number) v).longValue();
        } else if (v instanceof Number n) {
            double d = n.doubleValue();
            parsed = d == Math.rint(d) && Math.abs(d) < Long.MAX_VALUE ? (long) d : null;
        } else {
            try {
                parsed = Long.parseLong(v.toString().trim());
            } catch (NumberFormatException e) {
                parsed = null;
            }
        }
        if (parsed == null || !rule.test(parsed)) {
            refuse(key, v, text, kept);
            return kept;
        }
        return parsed;
    }

    private double number(Map<String, ?> raw, String key, double fallback, double kept, DoublePredicate rule,
                          String text) {
        Object v = raw.get(key);
        if (v == null) {
            return fallback;
        }
        double d;
        if (v instanceof Number n) {
            d = n.doubleValue();
        } else {
            try {
                d = Double.parseDouble(v.toString().trim());
            } catch (NumberFormatException e) {
                d = Double.NaN;
            }
        }
        if (Double.isNaN(d) || Double.isInfinite(d) || !rule.test(d)) {
            refuse(key, v, text, kept);
            return kept;
        }
        return d;
    }

    private void refuse(String key, Object value, String rule, Object kept) {
        String shown = value instanceof String[] a ? Arrays.toString(a) : String.valueOf(value);
        warn.accept("Refused " + key + "=" + shown + ": " + rule + "; keeping " + key + "=" + kept);
    }
}
