package io.x0tta6bl4.batman.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Passes a line on only the first time it is seen among the last {@link #REMEMBERED} distinct
 * lines: records a neighbour keeps in alfred are read again every round, and must not fill the
 * log. Lines are cut to {@link #MAX_LINE} characters. One caller thread.
 */
final class OnceLog {

    static final int REMEMBERED = 256;
    static final int MAX_LINE = 300;

    private final Consumer<String> out;
    private final Map<String, Boolean> seen = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED;
        }
    };

    OnceLog(Consumer<String> out) {
        this.out = out;
    }

    void accept(String line) {
        String cut = SignedFacts.oneLine(line, MAX_LINE);
        if (seen.put(cut, Boolean.TRUE) == null) {
            out.accept(cut);
        }
    }
}
