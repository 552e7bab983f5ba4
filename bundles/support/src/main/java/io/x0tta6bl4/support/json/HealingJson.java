package io.x0tta6bl4.support.json;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

import io.x0tta6bl4.api.healing.ActionRecord;
import io.x0tta6bl4.api.healing.HealingStats;
import io.x0tta6bl4.api.healing.Incident;

/**
 * The JSON shape of each healing record, one for the shell's {@code --json} and the REST API
 * alike (see {@link TopologyJson} for the conventions).
 */
public final class HealingJson {

    private HealingJson() {
    }

    public static Map<String, Object> incident(Incident i) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", i.id());
        m.put("kind", i.kind());
        m.put("subject", i.subject());
        m.put("state", i.state().name());
        m.put("open", i.isOpen());
        m.put("severity", i.severity());
        m.put("detected", TopologyJson.instant(i.detected()));
        m.put("acted", TopologyJson.instant(i.acted()));
        m.put("resolved", TopologyJson.instant(i.resolved()));
        m.put("timeToRecoverMs", i.timeToRecover().map(d -> d.toMillis()).orElse(null));
        m.put("affected", new TreeSet<>(i.affected()));
        m.put("eventCount", i.eventCount());
        m.put("events", i.events());
        m.put("analysis", i.analysis());
        m.put("plan", i.plan());
        m.put("actions", i.actions().stream().map(HealingJson::action).toList());
        m.put("mergedInto", i.mergedInto());
        return m;
    }

    public static Map<String, Object> action(ActionRecord a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("action", a.action());
        m.put("attempt", a.attempt());
        m.put("started", TopologyJson.instant(a.started()));
        m.put("finished", TopologyJson.instant(a.finished()));
        m.put("outcome", a.outcome());
        m.put("verification", a.verification());
        m.put("details", a.details());
        return m;
    }

    public static Map<String, Object> stats(HealingStats s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("incidents", s.incidents());
        m.put("open", s.open());
        m.put("resolved", s.resolved());
        m.put("mttrMs", s.mttr() == null ? null : s.mttr().toMillis());
        m.put("eventsReceived", s.eventsReceived());
        m.put("eventsDropped", s.eventsDropped());
        m.put("deadLetters", s.deadLetters());
        Map<String, Object> per = new LinkedHashMap<>();
        s.perAction().forEach((name, a) -> {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("executions", a.executions());
            x.put("successes", a.successes());
            x.put("failures", a.failures());
            x.put("successRate", a.successRate());
            per.put(name, x);
        });
        m.put("actions", per);
        return m;
    }
}
