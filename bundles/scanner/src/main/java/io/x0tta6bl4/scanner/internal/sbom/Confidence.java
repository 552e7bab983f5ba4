package io.x0tta6bl4.scanner.internal.sbom;

import java.util.Locale;

/**
 * How sure the SBOM is of a coordinate. Only {@link #HIGH} coordinates were read from Maven's
 * own record of the artifact; the others were pieced together from a manifest or a file name,
 * and a finding on them says so.
 */
public enum Confidence {
    /** {@code pom.properties} in the content, or the {@code mvn:} URL the content came from. */
    HIGH,
    /** Group, artifact and version all derived, from a Maven repository path or two headers that agree. */
    MEDIUM,
    /** Artifact and version derived, the group unknown (matched by artifact id alone) or only one source. */
    LOW;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
