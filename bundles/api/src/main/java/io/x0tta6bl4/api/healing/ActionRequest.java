package io.x0tta6bl4.api.healing;

import java.util.Map;
import java.util.Objects;

/**
 * What an action is asked to do.
 *
 * @param incidentId the incident it serves
 * @param kind       the incident kind, e.g. {@code NODE_DOWN}
 * @param subject    what the incident is about: node id, link {@code a->b}, bundle, ...
 * @param attempt    1 for the first action tried on this incident, then 2, 3, ...
 * @param context    facts gathered during analysis, e.g. {@code mac}, {@code address}, {@code affected}
 */
public record ActionRequest(String incidentId, String kind, String subject, int attempt, Map<String, String> context) {

    public ActionRequest {
        Objects.requireNonNull(incidentId, "incidentId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(subject, "subject");
        context = context == null ? Map.of() : Map.copyOf(context);
    }
}
