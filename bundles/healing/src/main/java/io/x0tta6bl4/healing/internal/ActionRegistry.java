package io.x0tta6bl4.healing.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import io.x0tta6bl4.api.healing.RemediationAction;

/**
 * Built-in and whiteboard actions by name. A registered action with the name of a built-in
 * one takes precedence while it is registered; two registered with one name: the first
 * stays, the second waits. Thread-safe.
 */
final class ActionRegistry {

    private final Map<String, ActionHandle> builtIn = new ConcurrentHashMap<>();
    private final List<ActionHandle> registered = new CopyOnWriteArrayList<>();

    void addBuiltIn(ActionHandle handle) {
        builtIn.put(handle.name(), handle);
    }

    void add(ActionHandle handle) {
        registered.add(handle);
    }

    void remove(RemediationAction action) {
        registered.removeIf(h -> h.action() == action);
    }

    ActionHandle get(String name) {
        for (ActionHandle h : registered) {
            if (h.name().equals(name)) {
                return h;
            }
        }
        return builtIn.get(name);
    }

    /** Every action in force, one per name, sorted by name. */
    List<ActionHandle> all() {
        Map<String, ActionHandle> byName = new ConcurrentHashMap<>(builtIn);
        for (ActionHandle h : registered) {
            byName.putIfAbsent(h.name(), h);
            if (byName.get(h.name()).origin().equals("built-in")) {
                byName.put(h.name(), h);
            }
        }
        List<ActionHandle> out = new ArrayList<>(byName.values());
        out.sort(Comparator.comparing(ActionHandle::name));
        return out;
    }

    /** Registered actions that declare the kind, in registration order. */
    Collection<ActionHandle> declaring(String kind) {
        List<ActionHandle> out = new ArrayList<>();
        for (ActionHandle h : registered) {
            if (h.handles(kind) && out.stream().noneMatch(x -> x.name().equals(h.name()))) {
                out.add(h);
            }
        }
        return out;
    }
}
