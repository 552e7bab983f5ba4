package io.x0tta6bl4.api.event;

/** Severity of a health observation. */
public enum Severity {
    INFO, WARNING, CRITICAL
}
