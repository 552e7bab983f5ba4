package io.x0tta6bl4.scanner.internal.osv;

import java.util.Comparator;

import org.apache.maven.artifact.versioning.ComparableVersion;

/**
 * Maven's version ordering (maven-artifact's {@link ComparableVersion}): {@code 1.0-M1 < 1.0},
 * {@code 5.2.20.RELEASE == 5.2.20}, {@code 32.0.0 < 32.0.0-jre}, {@code 9.4.52 < 9.4.52.v20230823}.
 * OSV's "0" (the start of time) sorts before everything.
 */
public final class MavenVersions {

    public static final Comparator<String> ORDER = MavenVersions::compare;

    private MavenVersions() {
    }

    public static ComparableVersion parse(String version) {
        return new ComparableVersion(version.trim());
    }

    public static int compare(String a, String b) {
        return parse(a).compareTo(parse(b));
    }

    /** True for OSV's "introduced: 0", which means every version. */
    static boolean isZero(String version) {
        return "0".equals(version.trim());
    }
}
