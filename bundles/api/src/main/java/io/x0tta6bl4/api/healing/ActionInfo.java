package io.x0tta6bl4.api.healing;

import java.util.List;

/**
 * An action the loop knows, built in or registered.
 *
 * @param name       its {@link RemediationAction#NAME}
 * @param kinds      the incident kinds it declares
 * @param disruptive see {@link RemediationAction#DISRUPTIVE}
 * @param approval   whether it waits for approval (its property or the configuration)
 * @param verify     see {@link RemediationAction#VERIFY}
 * @param origin     {@code built-in} or the registering bundle's symbolic name
 * @param changes    see {@link RemediationAction#CHANGES}; empty when the action does not say
 */
public record ActionInfo(String name, List<String> kinds, boolean disruptive, boolean approval, boolean verify,
                         String origin, String changes) {

    public ActionInfo {
        kinds = kinds == null ? List.of() : List.copyOf(kinds);
        changes = changes == null ? "" : changes;
    }

    /** The 1.1 shape, for callers built against it. */
    public ActionInfo(String name, List<String> kinds, boolean disruptive, boolean approval, boolean verify,
                      String origin) {
        this(name, kinds, disruptive, approval, verify, origin, "");
    }
}
