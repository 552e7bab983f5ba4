package io.x0tta6bl4.api.healing;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/** The read and control side of the healing loop, used by the heal: commands. */
@ProviderType
public interface HealingService {

    /** Incidents, newest first; only open ones when {@code openOnly}. */
    List<Incident> incidents(boolean openOnly);

    Optional<Incident> incident(String id);

    /**
     * Lets the action an incident waits for run, once its condition is checked again.
     *
     * @throws IllegalArgumentException if there is no such incident
     * @throws IllegalStateException    if it is not awaiting approval, or its condition no longer
     *                                  holds (the message says why; the incident is then resolved
     *                                  and the action not run)
     */
    void approve(String id);

    boolean dryRun();

    /** Turns dry-run on or off until the configuration changes it again. */
    void setDryRun(boolean on);

    /** Incident kind to its configured ranked action names. */
    Map<String, List<String>> policies();

    /** The actions known now. */
    List<ActionInfo> actions();

    /**
     * The plugin anomaly detectors known now and how they behaved; the built-in detector is
     * not listed.
     *
     * @since 1.1
     */
    default List<DetectorInfo> detectors() {
        return List.of();
    }

    HealingStats stats();
}
