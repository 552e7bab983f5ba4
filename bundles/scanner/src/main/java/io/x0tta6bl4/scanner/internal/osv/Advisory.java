package io.x0tta6bl4.scanner.internal.osv;

import java.util.List;

import io.x0tta6bl4.api.scanner.Severity;

/**
 * What the scanner keeps of one OSV advisory: enough to match and to explain, not the whole
 * document (details and references stay on disk), so ten thousands of them fit in a few MiB.
 *
 * @param id        e.g. {@code GHSA-599f-7c49-w659}
 * @param aliases   e.g. the CVE id
 * @param summary   one line
 * @param severity  from {@code database_specific.severity}, else from a CVSS v3 vector, else MEDIUM
 * @param modified  as written in the advisory (RFC 3339)
 * @param withdrawn true when the advisory was withdrawn: it never matches
 * @param affected  the Maven packages it names, each with its ranges and explicit versions
 */
public record Advisory(String id, List<String> aliases, String summary, Severity severity, String modified,
                       boolean withdrawn, List<Affected> affected) {

    /** Versions it holds: range events and listed versions of every affected package. */
    public int versionCount() {
        int n = 0;
        for (Affected a : affected) {
            n += a.versions().size();
            for (VersionRange r : a.ranges()) {
                n += r.size();
            }
        }
        return n;
    }

    /**
     * @param packageName {@code groupId:artifactId}
     * @param ranges      ECOSYSTEM (or SEMVER) ranges
     * @param versions    versions listed explicitly
     */
    public record Affected(String packageName, List<VersionRange> ranges, List<String> versions) {
    }
}
