package io.x0tta6bl4.scanner.internal.osv;

import org.apache.maven.artifact.versioning.ComparableVersion;

/** One event of an OSV range: introduced, fixed, last_affected or limit, at a version. */
record RangeEvent(Type type, String version, ComparableVersion parsed) {

    enum Type {
        INTRODUCED("introduced"), FIXED("fixed"), LAST_AFFECTED("last_affected"), LIMIT("limit");

        final String json;

        Type(String json) {
            this.json = json;
        }
    }

    static RangeEvent of(Type type, String version) {
        return new RangeEvent(type, version, MavenVersions.isZero(version) ? null : MavenVersions.parse(version));
    }

    /** Orders by version, "0" first. */
    int compareVersion(RangeEvent other) {
        if (parsed == null || other.parsed == null) {
            return parsed == other.parsed ? 0 : parsed == null ? -1 : 1;
        }
        return parsed.compareTo(other.parsed);
    }

    @Override
    public String toString() {
        return type.json + " " + version;
    }
}
