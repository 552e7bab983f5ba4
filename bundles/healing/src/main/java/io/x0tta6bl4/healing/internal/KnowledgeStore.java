package io.x0tta6bl4.healing.internal;

import java.io.File;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import io.x0tta6bl4.api.healing.ActionRecord;
import io.x0tta6bl4.api.healing.Incident;
import io.x0tta6bl4.api.healing.IncidentState;

import org.apache.camel.util.json.JsonArray;
import org.apache.camel.util.json.JsonObject;
import org.apache.camel.util.json.Jsoner;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * Incidents persisted in an H2 MVStore file (one JSON document per incident, keyed by id),
 * so they survive restarts and bundle updates. Commits are explicit, on the caller's thread:
 * the store runs no background writer thread of its own. Without a file it keeps nothing
 * (for tests and benchmarks). Thread-safe.
 */
final class KnowledgeStore implements AutoCloseable {

    private final MVStore store;
    private final MVMap<String, String> incidents;

    private KnowledgeStore(MVStore store) {
        this.store = store;
        this.incidents = store == null ? null : store.openMap("incidents");
    }

    static KnowledgeStore open(File file) {
        file.getParentFile().mkdirs();
        MVStore s = new MVStore.Builder().fileName(file.getAbsolutePath()).autoCommitDisabled().open();
        return new KnowledgeStore(s);
    }

    static KnowledgeStore inMemory() {
        return new KnowledgeStore(null);
    }

    synchronized List<Incident> load() {
        List<Incident> out = new ArrayList<>();
        if (incidents == null) {
            return out;
        }
        for (String json : incidents.values()) {
            out.add(decode(json));
        }
        return out;
    }

    synchronized void save(Collection<Incident> changed, Collection<String> removed) {
        if (incidents == null || (changed.isEmpty() && removed.isEmpty())) {
            return;
        }
        for (Incident i : changed) {
            incidents.put(i.id(), encode(i));
        }
        for (String id : removed) {
            incidents.remove(id);
        }
        store.commit();
    }

    @Override
    public synchronized void close() {
        if (store != null && !store.isClosed()) {
            store.close();
        }
    }

    static String encode(Incident i) {
        JsonObject o = new JsonObject();
        o.put("id", i.id());
        o.put("kind", i.kind());
        o.put("subject", i.subject());
        o.put("state", i.state().name());
        o.put("severity", i.severity());
        o.put("detected", i.detected().toEpochMilli());
        o.put("acted", i.acted() == null ? null : i.acted().toEpochMilli());
        o.put("resolved", i.resolved() == null ? null : i.resolved().toEpochMilli());
        o.put("affected", new JsonArray(new ArrayList<>(i.affected())));
        o.put("eventCount", i.eventCount());
        o.put("events", new JsonArray(i.events()));
        o.put("analysis", i.analysis());
        o.put("plan", new JsonArray(i.plan()));
        JsonArray actions = new JsonArray();
        for (ActionRecord a : i.actions()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("action", a.action());
            m.put("attempt", a.attempt());
            m.put("started", a.started().toEpochMilli());
            m.put("finished", a.finished() == null ? null : a.finished().toEpochMilli());
            m.put("outcome", a.outcome());
            m.put("verification", a.verification());
            m.put("details", a.details());
            actions.add(new JsonObject(m));
        }
        o.put("actions", actions);
        o.put("mergedInto", i.mergedInto());
        return Jsoner.serialize(o);
    }

    @SuppressWarnings("unchecked")
    static Incident decode(String json) {
        JsonObject o;
        try {
            o = (JsonObject) Jsoner.deserialize(json);
        } catch (Exception e) {
            throw new IllegalArgumentException("unreadable incident record: " + e.getMessage(), e);
        }
        List<ActionRecord> actions = new ArrayList<>();
        for (Object x : (List<Object>) o.get("actions")) {
            Map<String, Object> a = (Map<String, Object>) x;
            actions.add(new ActionRecord((String) a.get("action"), ((Number) a.get("attempt")).intValue(),
                    instant(a.get("started")), instant(a.get("finished")), (String) a.get("outcome"),
                    (String) a.get("verification"), (String) a.get("details")));
        }
        return new Incident((String) o.get("id"), (String) o.get("kind"), (String) o.get("subject"),
                IncidentState.valueOf((String) o.get("state")), (String) o.get("severity"),
                instant(o.get("detected")), instant(o.get("acted")), instant(o.get("resolved")),
                new LinkedHashSet<>(strings(o.get("affected"))), ((Number) o.get("eventCount")).intValue(),
                strings(o.get("events")), (String) o.get("analysis"), strings(o.get("plan")), actions,
                (String) o.get("mergedInto"));
    }

    private static List<String> strings(Object v) {
        List<String> out = new ArrayList<>();
        if (v instanceof List<?> l) {
            l.forEach(x -> out.add(String.valueOf(x)));
        }
        return out;
    }

    private static Instant instant(Object v) {
        return v instanceof Number n ? Instant.ofEpochMilli(n.longValue()) : null;
    }
}
