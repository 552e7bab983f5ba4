package io.x0tta6bl4.healing.internal;

import static io.x0tta6bl4.healing.internal.HealingConfig.*;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import io.x0tta6bl4.support.config.ConfigValues;

/**
 * The rules of {@code io.x0tta6bl4.healing}'s keys, read under {@link ConfigValues}' refusal
 * rule.
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
final class HealingConfigReader {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");
    private static final Pattern KIND = Pattern.compile("[A-Za-z0-9_*-]+");
    private static final Pattern URI = Pattern.compile("[a-zA-Z][a-zA-Z0-9+.-]*:.+");

    private final Consumer<String> warn;

    HealingConfigReader(Consumer<String> warn) {
        this.warn = warn;
    }

    HealingConfig read(HealingConfig last, Map<String, ?> properties) {
        ConfigValues values = new ConfigValues(properties, warn);
        double suppress = values.number(DAMPING_SUPPRESS, DEFAULTS.dampingSuppress(), last.dampingSuppress(),
                v -> v > 0, "must be a number > 0");
        double reuse = values.number(DAMPING_REUSE, DEFAULTS.dampingReuse(), last.dampingReuse(),
                v -> v > 0, "must be a number > 0");
        if (!(suppress > reuse)) {
            values.refuse(DAMPING_SUPPRESS + "/" + DAMPING_REUSE, suppress + "/" + reuse,
                    "suppress must be greater than reuse", last.dampingSuppress() + "/" + last.dampingReuse());
            suppress = last.dampingSuppress();
            reuse = last.dampingReuse();
        }
        long backoffInitial = values.whole(BACKOFF_INITIAL, DEFAULTS.backoffInitialMs(), last.backoffInitialMs(),
                v -> v >= 1, "must be a whole number of milliseconds >= 1");
        long backoffMax = values.whole(BACKOFF_MAX, DEFAULTS.backoffMaxMs(), last.backoffMaxMs(),
                v -> v >= backoffInitial, "must be a whole number of milliseconds >= " + BACKOFF_INITIAL
                        + " (" + backoffInitial + ")");
        return new HealingConfig(
                (int) values.whole(QUEUE_CAPACITY, DEFAULTS.queueCapacity(), last.queueCapacity(),
                        v -> v >= 16 && v <= 1_000_000, "must be a whole number >= 16 and <= 1000000"),
                values.whole(CORRELATION_WINDOW, DEFAULTS.correlationWindowMs(), last.correlationWindowMs(),
                        v -> v >= 0 && v <= 60_000, "must be a whole number of milliseconds >= 0 and <= 60000"),
                values.number(PARTITION_SHARE, DEFAULTS.partitionShare(), last.partitionShare(),
                        v -> v > 0 && v <= 1, "must be a number > 0 and <= 1"),
                (int) values.whole(PARTITION_MIN_NODES, DEFAULTS.partitionMinNodes(), last.partitionMinNodes(),
                        v -> v >= 1 && v <= 100_000, "must be a whole number >= 1"),
                values.number(DAMPING_PENALTY, DEFAULTS.dampingPenalty(), last.dampingPenalty(),
                        v -> v > 0, "must be a number > 0"),
                suppress, reuse,
                values.whole(DAMPING_HALF_LIFE, DEFAULTS.dampingHalfLifeMs(), last.dampingHalfLifeMs(),
                        v -> v >= 1000, "must be a whole number of milliseconds >= 1000"),
                backoffInitial, backoffMax,
                (int) values.whole(BUDGET_CAPACITY, DEFAULTS.budgetCapacity(), last.budgetCapacity(),
                        v -> v >= 1 && v <= 1_000_000, "must be a whole number >= 1"),
                values.number(BUDGET_PER_MINUTE, DEFAULTS.budgetPerMinute(), last.budgetPerMinute(),
                        v -> v > 0, "must be a number > 0"),
                values.whole(VERIFY_DELAY, DEFAULTS.verifyDelayMs(), last.verifyDelayMs(),
                        v -> v >= 0 && v <= 600_000, "must be a whole number of milliseconds >= 0 and <= 600000"),
                values.bool(DRY_RUN, DEFAULTS.dryRun(), last.dryRun()),
                uri(values, last),
                values.number(ANOMALY_Z, DEFAULTS.anomalyZ(), last.anomalyZ(), v -> v > 0, "must be a number > 0"),
                values.number(ANOMALY_ALPHA, DEFAULTS.anomalyAlpha(), last.anomalyAlpha(),
                        v -> v > 0 && v <= 1, "must be a number > 0 and <= 1"),
                (int) values.whole(ANOMALY_WARMUP, DEFAULTS.anomalyWarmup(), last.anomalyWarmup(),
                        v -> v >= 3 && v <= 10_000, "must be a whole number >= 3"),
                approval(values, last),
                policies(values, last),
                values.whole(ACTION_TIMEOUT, DEFAULTS.actionTimeoutMs(), last.actionTimeoutMs(),
                        v -> v >= 100 && v <= 600_000, "must be a whole number of milliseconds >= 100 and <= 600000"));
    }

    private static String uri(ConfigValues values, HealingConfig last) {
        Object v = values.raw(NOTIFY_URI);
        if (v == null) {
            return DEFAULTS.notifyUri();
        }
        String s = v.toString().trim();
        if (!URI.matcher(s).matches()) {
            values.refuse(NOTIFY_URI, v, "must be an endpoint URI such as log:name or https://host/path", last.notifyUri());
            return last.notifyUri();
        }
        return s;
    }

    private Set<String> approval(ConfigValues values, HealingConfig last) {
        Object v = values.raw(APPROVAL_ACTIONS);
        if (v == null) {
            return DEFAULTS.approvalActions();
        }
        List<String> names = names(v);
        if (names == null) {
            values.refuse(APPROVAL_ACTIONS, v, "must be comma-separated action names (a-z, 0-9, -)", last.approvalActions());
            return last.approvalActions();
        }
        return Set.copyOf(names);
    }

    private Map<String, List<String>> policies(ConfigValues values, HealingConfig last) {
        Map<String, List<String>> result = new TreeMap<>(DEFAULT_POLICIES);
        for (Map.Entry<String, ?> e : values.all().entrySet()) {
            if (!e.getKey().startsWith(POLICY_PREFIX)) {
                continue;
            }
            String kind = e.getKey().substring(POLICY_PREFIX.length());
            List<String> names = names(e.getValue());
            if (!KIND.matcher(kind).matches() || names == null) {
                List<String> kept = last.policies().get(kind);
                values.refuse(e.getKey(), e.getValue(), "must be comma-separated action names (a-z, 0-9, -) for a kind"
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

    /** Comma-separated names, empty allowed; null when one is malformed. The old name of path-penalty is read as it. */
    private List<String> names(Object v) {
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
            if (n.equals(BuiltInActions.PathPenalty.OLD_NAME)) {
                warn.accept("action '" + n + "' is now called '" + BuiltInActions.PathPenalty.NAME
                        + "' (it steers x0tta6bl4's own path queries only); read as that");
                n = BuiltInActions.PathPenalty.NAME;
            }
            out.add(n);
        }
        return List.copyOf(out);
    }
}
