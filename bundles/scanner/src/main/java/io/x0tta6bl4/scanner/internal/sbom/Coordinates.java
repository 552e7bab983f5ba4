package io.x0tta6bl4.scanner.internal.sbom;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maven coordinates of a bundle, of a jar embedded in it or of the platform, where they were
 * read and how sure that is.
 *
 * @param groupId    null when it could not be derived: the coordinate is then matched by artifact id
 * @param origin     a short key: {@code pom.properties}, {@code location} (the {@code mvn:} install
 *                   location), {@code update-location} (the {@code mvn:} URL of the last
 *                   {@code bundle:update}), {@code manifest} (derived from headers and file name),
 *                   {@code platform}, or the path of a jar on {@code Bundle-ClassPath}
 * @param confidence how sure the coordinate is
 * @param provenance one line saying what it was derived from
 */
public record Coordinates(String groupId, String artifactId, String version, String origin,
                          Confidence confidence, String provenance) {

    // mvn:[repository!]groupId/artifactId/version[/type[/classifier]]
    private static final Pattern MVN = Pattern.compile("(?:wrap:)?mvn:(?:[^!]*!)?([^/!\\s]+)/([^/\\s]+)/([^/\\s$]+)(?:[/$].*)?");

    /** A coordinate read from Maven's own record; the provenance names the origin. */
    public Coordinates(String groupId, String artifactId, String version, String origin) {
        this(groupId, artifactId, version, origin, Confidence.HIGH, defaultProvenance(origin));
    }

    private static String defaultProvenance(String origin) {
        return switch (origin) {
            case "location" -> "the bundle's mvn: install location";
            case "update-location" -> "Bundle-UpdateLocation, the mvn: URL of the last bundle:update";
            case "pom.properties" -> "META-INF/maven/.../pom.properties in the jar the bundle runs";
            default -> "META-INF/maven/.../pom.properties in " + origin;
        };
    }

    /** The OSV package name, {@code groupId:artifactId}, or null when the group is unknown. */
    public String packageName() {
        return groupId == null ? null : groupId + ":" + artifactId;
    }

    /** The package URL, e.g. {@code pkg:maven/org.apache.commons/commons-text@1.9}, or null when the group is unknown. */
    public String purl() {
        return groupId == null ? null : "pkg:maven/" + groupId + "/" + artifactId + "@" + version;
    }

    /** {@code g:a:v}; {@code ?:a:v} when the group is unknown. */
    public String gav() {
        return (groupId == null ? "?" : groupId) + ":" + artifactId + ":" + version;
    }

    /** Whether it names a jar embedded in the bundle rather than the bundle itself. */
    public boolean embedded() {
        return origin.endsWith(".jar");
    }

    public Coordinates withConfidence(Confidence c, String why) {
        return new Coordinates(groupId, artifactId, version, origin, c, why);
    }

    /** Coordinates from a bundle location such as {@code mvn:g/a/v}, or null. */
    public static Coordinates fromLocation(String location) {
        return fromUrl(location, "location");
    }

    /** Coordinates from a {@code mvn:} or {@code wrap:mvn:} URL, with this origin, or null. */
    public static Coordinates fromUrl(String url, String origin) {
        if (url == null) {
            return null;
        }
        Matcher m = MVN.matcher(url.trim());
        if (!m.matches() || m.group(3).isEmpty()) {
            return null;
        }
        return new Coordinates(m.group(1), m.group(2), m.group(3), origin);
    }
}
