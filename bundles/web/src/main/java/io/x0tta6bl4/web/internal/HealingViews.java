package io.x0tta6bl4.web.internal;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

import io.x0tta6bl4.api.healing.ActionRecord;
import io.x0tta6bl4.api.healing.HealingStats;
import io.x0tta6bl4.api.healing.Incident;

/** JSON shapes of healing records. */
final class HealingViews {

    private HealingViews() {
    }

    static Map<String, Object> incident(Incident i) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", i.id());
        m.put("kind", i.kind());
        m.put("subject", i.subject());
        m.put("state", i.state().name());
        m.put("open", i.isOpen());
        m.put("severity", i.severity());
        m.put("detected", iso(i.detected()));
        m.put("acted", iso(i.acted()));
        m.put("resolved", iso(i.resolved()));
        m.put("timeToRecoverMs", i.timeToRecover().map(d -> d.toMillis()).orElse(null));
        m.put("affected", new TreeSet<>(i.affected()));
        m.put("eventCount", i.eventCount());
        m.put("events", i.events());
        m.put("analysis", i.analysis());
        m.put("plan", i.plan());
        m.put("actions", i.actions().stream().map(HealingViews::action).toList());
        m.put("mergedInto", i.mergedInto());
        return m;
    }

    static Map<String, Object> action(ActionRecord a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("action", a.action());
        m.put("attempt", a.attempt());
        m.put("started", iso(a.started()));
        m.put("finished", iso(a.finished()));
        m.put("outcome", a.outcome());
        m.put("verification", a.verification());
        m.put("details", a.details());
        return m;
    }

    static Map<String, Object> stats(HealingStats s, boolean dryRun) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("incidents", s.incidents());
        m.put("open", s.open());
        m.put("resolved", s.resolved());
        m.put("mttrMs", s.mttr() == null ? null : s.mttr().toMillis());
        m.put("dryRun", dryRun);
        Map<String, Object> actions = new LinkedHashMap<>();
        s.perAction().forEach((name, a) -> actions.put(name, Map.of("executions", a.executions(),
                "successes", a.successes(), "failures", a.failures())));
        m.put("actions", actions);
        return m;
    }

    private static String iso(Instant t) {
        return t == null ? null : t.toString();
    }
}
