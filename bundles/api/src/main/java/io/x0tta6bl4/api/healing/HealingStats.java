package io.x0tta6bl4.api.healing;

import java.time.Duration;
import java.util.Map;

/**
 * What the knowledge store and the intake say.
 *
 * @param incidents      incidents known (open and closed)
 * @param open           incidents open now
 * @param resolved       incidents resolved
 * @param mttr           mean time to recover over resolved incidents, or null when none
 * @param eventsReceived health and topology events taken in
 * @param eventsDropped  events refused because the intake queue was full
 * @param deadLetters    executions that threw and went to the dead-letter channel
 * @param perAction      per action name: executions and how many were verified successful
 */
public record HealingStats(int incidents, int open, int resolved, Duration mttr, long eventsReceived,
                           long eventsDropped, long deadLetters, Map<String, ActionStats> perAction) {

    public HealingStats {
        perAction = perAction == null ? Map.of() : Map.copyOf(perAction);
    }

    /**
     * @param executions times it ran (dry runs and suppressions not counted)
     * @param successes  runs that succeeded and were verified (or needed no verification)
     * @param failures   runs that failed, threw, or did not verify
     */
    public record ActionStats(long executions, long successes, long failures) {

        /** Share of executions that succeeded, 0 when it never ran. */
        public double successRate() {
            return executions == 0 ? 0 : (double) successes / executions;
        }
    }
}
