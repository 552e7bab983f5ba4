package io.x0tta6bl4.healing.internal;

import java.util.Map;
import java.util.TreeMap;

import io.x0tta6bl4.api.healing.ActionRecord;
import io.x0tta6bl4.api.healing.HealingStats;

/**
 * The K of MAPE-K: what healing has learned of its actions, per action and incident kind, from
 * the outcomes of their runs: how many ran to an outcome and how many of those were verified
 * successful. Planning ranks a kind's remedial actions by it. Not thread-safe: the engine's lock
 * guards it.
 */
final class ActionKnowledge {

    /** {@code action|kind|n} and {@code action|kind|s}; an empty kind counts the action over all kinds. */
    private final TreeMap<String, Long> counts = new TreeMap<>();

    /** Counts a finished run; a pending, dry, suppressed or rolled-back one is no outcome and counts nothing. */
    void learn(ActionRecord a, String kind) {
        String o = a.outcome();
        String v = a.verification();
        boolean success;
        if (o.equals("FAILED") || v.equals("NOT_VERIFIED")) {
            success = false;
        } else if (o.equals("SUCCEEDED") && (v.equals("VERIFIED") || v.equals("N/A"))) {
            success = true;
        } else {
            return;
        }
        count(a.action() + "|" + kind, success);
        count(a.action() + "|", success);
    }

    private void count(String key, boolean success) {
        counts.merge(key + "|n", 1L, Long::sum);
        if (success) {
            counts.merge(key + "|s", 1L, Long::sum);
        }
    }

    /** Laplace-smoothed share of verified successes of the action for the kind. */
    double successRate(String action, String kind) {
        long n = counts.getOrDefault(action + "|" + kind + "|n", 0L);
        long s = counts.getOrDefault(action + "|" + kind + "|s", 0L);
        return (s + 1.0) / (n + 2.0);
    }

    /** Per action, over all kinds: runs, successes, failures. */
    Map<String, HealingStats.ActionStats> perAction() {
        Map<String, HealingStats.ActionStats> per = new TreeMap<>();
        for (Map.Entry<String, Long> e : counts.entrySet()) {
            String[] k = e.getKey().split("\\|", -1);
            if (!k[1].isEmpty() || !k[2].equals("n")) {
                continue;
            }
            long n = e.getValue();
            long s = counts.getOrDefault(k[0] + "||s", 0L);
            per.put(k[0], new HealingStats.ActionStats(n, s, n - s));
        }
        return per;
    }
}
