package io.x0tta6bl4.api.scanner;

/** What a finding is about; the name is the kind of the health event that reports it. */
public enum FindingKind {
    /** A component with a known vulnerability. */
    VULNERABILITY,
    /** A setting that weakens the node. */
    MISCONFIGURATION
}
