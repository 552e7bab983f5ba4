package io.x0tta6bl4.respondd.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Merges the providers' parts of one reply type: objects key by key, and for any other value
 * the first part (the highest-ranked provider, as the caller orders them) wins, so the
 * batman-adv provider's {@code node_id} overrides the system provider's fallback.
 */
final class ReplyParts {

    /** Deeper than any respondd object (Gluon's go four levels down). */
    static final int MAX_DEPTH = 16;

    private ReplyParts() {
    }

    /** @param parts highest ranking first */
    static Map<String, Object> merge(List<Map<String, Object>> parts) {
        Map<String, Object> into = new LinkedHashMap<>();
        for (Map<String, Object> part : parts) {
            mergeInto(into, part, 0);
        }
        return into;
    }

    @SuppressWarnings("unchecked")
    private static void mergeInto(Map<String, Object> into, Map<String, Object> part, int depth) {
        if (depth > MAX_DEPTH) {
            return;
        }
        for (Map.Entry<String, Object> e : part.entrySet()) {
            Object have = into.get(e.getKey());
            Object add = e.getValue();
            if (add == null) {
                continue;
            }
            if (have == null) {
                into.put(e.getKey(), add instanceof Map<?, ?> m ? copy((Map<String, Object>) m, depth + 1) : add);
            } else if (have instanceof Map<?, ?> h && add instanceof Map<?, ?> a) {
                mergeInto((Map<String, Object>) h, (Map<String, Object>) a, depth + 1);
            }
        }
    }

    private static Map<String, Object> copy(Map<String, Object> m, int depth) {
        Map<String, Object> out = new LinkedHashMap<>();
        mergeInto(out, m, depth);
        return out;
    }
}
