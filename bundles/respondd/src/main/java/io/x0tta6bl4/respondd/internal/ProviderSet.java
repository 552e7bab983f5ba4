package io.x0tta6bl4.respondd.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import io.x0tta6bl4.api.respondd.RespondProvider;
import io.x0tta6bl4.support.config.ConfigValues;

/** The {@link RespondProvider} whiteboard: who serves which type, highest ranking first. */
final class ProviderSet {

    record Entry(RespondProvider provider, List<String> types, int ranking, String origin) {
    }

    private final List<Entry> entries = new CopyOnWriteArrayList<>();
    private final Consumer<String> log;
    private final LogBudget failures = new LogBudget(60_000);

    ProviderSet(Consumer<String> log) {
        this.log = log;
    }

    /** @return false when the service has no {@link RespondProvider#TYPES} and is ignored */
    boolean add(RespondProvider provider, Map<String, ?> properties, String origin) {
        List<String> types = ConfigValues.items(properties.get(RespondProvider.TYPES));
        if (types.isEmpty()) {
            return false;
        }
        Object r = properties.get("service.ranking");
        entries.add(new Entry(provider, types, r instanceof Integer i ? i : 0, origin));
        return true;
    }

    void remove(RespondProvider provider) {
        entries.removeIf(e -> e.provider == provider);
    }

    List<Entry> entries() {
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparingInt(Entry::ranking).reversed());
        return sorted;
    }

    /** The merged object of {@code type}; empty when nobody serves it. */
    Map<String, Object> part(String type) {
        List<Map<String, Object>> parts = new ArrayList<>();
        for (Entry e : entries()) {
            if (!e.types.contains(type)) {
                continue;
            }
            try {
                Map<String, Object> p = e.provider.provide(type);
                if (p != null) {
                    parts.add(p);
                }
            } catch (RuntimeException ex) {
                synchronized (failures) {
                    if (failures.allows(e.origin + type)) {
                        log.accept("respondd provider of " + e.origin + " failed on " + type + " (left out): " + ex);
                    }
                }
            }
        }
        return ReplyParts.merge(parts);
    }
}
