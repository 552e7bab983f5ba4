package io.x0tta6bl4.healing.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.x0tta6bl4.api.healing.RemediationAction;

/** An action with the service properties that describe it. */
record ActionHandle(String name, RemediationAction action, List<String> kinds, boolean disruptive,
                    boolean approval, boolean verify, String origin, String changes) {

    static ActionHandle builtIn(String name, RemediationAction action, List<String> kinds, boolean disruptive,
                                boolean verify, String changes) {
        return new ActionHandle(name, action, kinds, disruptive, false, verify, "built-in", changes);
    }

    /** Reads the whiteboard properties; null when the name is missing. */
    static ActionHandle of(RemediationAction action, Map<String, ?> props, String origin) {
        Object name = props.get(RemediationAction.NAME);
        if (name == null || name.toString().isBlank()) {
            return null;
        }
        return new ActionHandle(name.toString().trim(), action, strings(props.get(RemediationAction.KINDS)),
                flag(props.get(RemediationAction.DISRUPTIVE), false), flag(props.get(RemediationAction.APPROVAL), false),
                flag(props.get(RemediationAction.VERIFY), true), origin, text(props.get(RemediationAction.CHANGES)));
    }

    boolean handles(String kind) {
        return kinds.contains(kind) || kinds.contains("*");
    }

    private static String text(Object v) {
        return v == null ? "" : v.toString().trim();
    }

    private static boolean flag(Object v, boolean fallback) {
        if (v instanceof Boolean b) {
            return b;
        }
        return v == null ? fallback : Boolean.parseBoolean(v.toString().trim());
    }

    private static List<String> strings(Object v) {
        List<String> out = new ArrayList<>();
        if (v instanceof String[] a) {
            for (String s : a) {
                out.add(s.trim());
            }
        } else if (v instanceof Iterable<?> it) {
            it.forEach(x -> out.add(x.toString().trim()));
        } else if (v != null) {
            for (String s : v.toString().split(",")) {
                if (!s.isBlank()) {
                    out.add(s.trim());
                }
            }
        }
        return List.copyOf(out);
    }
}
