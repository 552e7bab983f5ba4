package io.x0tta6bl4.scanner.internal.sbom;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maven coordinates of a bundle or of a jar embedded in it, and where they were read.
 *
 * @param origin {@code location} (the bundle's {@code mvn:} install location),
 *               {@code pom.properties} (embedded {@code META-INF/maven/.../pom.properties}) or
 *               {@code <jar on Bundle-ClassPath>} for coordinates of an embedded jar
 */
public record Coordinates(String groupId, String artifactId, String version, String origin) {

    // mvn:[repository!]groupId/artifactId/version[/type[/classifier]]
    private static final Pattern MVN = Pattern.compile("(?:wrap:)?mvn:(?:[^!]*!)?([^/!\\s]+)/([^/\\s]+)/([^/\\s$]+)(?:[/$].*)?");

    /** The OSV package name, {@code groupId:artifactId}. */
    public String packageName() {
        return groupId + ":" + artifactId;
    }

    /** The package URL, e.g. {@code pkg:maven/org.apache.commons/commons-text@1.9}. */
    public String purl() {
        return "pkg:maven/" + groupId + "/" + artifactId + "@" + version;
    }

    public String gav() {
        return groupId + ":" + artifactId + ":" + version;
    }

    /** Coordinates from a bundle location such as {@code mvn:g/a/v}, or null. */
    public static Coordinates fromLocation(String location) {
        if (location == null) {
            return null;
        }
        Matcher m = MVN.matcher(location.trim());
        if (!m.matches() || m.group(3).isEmpty()) {
            return null;
        }
        return new Coordinates(m.group(1), m.group(2), m.group(3), "location");
    }
}
