package io.x0tta6bl4.scanner.internal.sbom;

import java.net.URI;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Coordinates for a jar that carries no Maven record (no {@code pom.properties}, not installed
 * from {@code mvn:}), pieced together from what is left: the file name in the URL it came from
 * ({@code wrap:file:/.../commons-collections-3.2.jar}), a Maven repository path in that URL,
 * and the manifest ({@code Implementation-Version}, {@code Extension-Name},
 * {@code Bundle-SymbolicName}, {@code Bundle-Version}). Without these a wrapped jar was never
 * checked at all; with them it is, and the coordinate says how it was derived and how sure it is.
 */
public final class ManifestCoordinates {

    /** Longer values are not a version or name of a real artifact (the bound of an OSV version). */
    static final int MAX = 256;
    /** {@code artifactId-version.jar}: the version starts at the first dash followed by a digit. */
    private static final Pattern FILE = Pattern.compile("([A-Za-z][\\w.]*(?:-[A-Za-z_][\\w.]*)*)-(\\d[\\w.+-]*)\\.jar");
    private static final Pattern PLAIN = Pattern.compile("[\\w.+-]+");
    /** Folders under which a path is a Maven repository layout: Maven's, Karaf's system/, a remote's. */
    private static final Set<String> REPOSITORY_ROOTS = Set.of("repository", "system", "maven2", "m2");

    private ManifestCoordinates() {
    }

    /**
     * The derived coordinate, or null when neither an artifact id nor a version can be told.
     *
     * @param urls where the content came from, most recent first (update location, install
     *             location, the URL pax-url-wrap names in {@code Generated-By-Ops4j-Pax-From})
     */
    public static Coordinates derive(Dictionary<String, String> headers, List<String> urls) {
        String file = null;
        String artifact = null;
        String version = null;
        String group = null;
        boolean layout = false;
        for (String url : urls) {
            List<String> segments = pathSegments(url);
            if (segments.isEmpty()) {
                continue;
            }
            Matcher m = FILE.matcher(segments.get(segments.size() - 1));
            if (!m.matches()) {
                continue;
            }
            file = segments.get(segments.size() - 1);
            artifact = m.group(1);
            version = m.group(2);
            int n = segments.size();
            // .../<group as folders>/<artifact>/<version>/<artifact>-<version>[-classifier].jar
            if (n >= 3 && segments.get(n - 2).length() > 0 && file.startsWith(segments.get(n - 3) + "-" + segments.get(n - 2))) {
                artifact = segments.get(n - 3);
                version = segments.get(n - 2);
                group = groupFromLayout(segments.subList(0, n - 3));
                layout = group != null;
            }
            break;
        }
        String implementation = header(headers, "Implementation-Version");
        String bundleVersion = header(headers, "Bundle-Version");
        if (bundleVersion != null && ReleaseNumbers.isZero(bundleVersion)) {
            bundleVersion = null; // pax-url-wrap's default: says nothing
        }
        String headerVersion = implementation != null ? implementation
                : bundleVersion != null ? bundleVersion : header(headers, "Specification-Version");
        List<String> from = new ArrayList<>();
        boolean agrees = false;
        if (artifact == null) {
            artifact = header(headers, "Extension-Name");
            if (artifact == null || headerVersion == null) {
                return null;
            }
            version = headerVersion;
            from.add("artifact from Extension-Name, version from the manifest");
        } else {
            from.add((layout ? "Maven repository path " : "file name ") + file);
            agrees = headerVersion != null && ReleaseNumbers.same(version, headerVersion);
            if (agrees) {
                from.add((implementation != null ? "Implementation-Version " : "manifest version ") + headerVersion
                        + " agrees");
            } else if (headerVersion != null) {
                from.add("though the manifest says " + headerVersion);
            }
        }
        String bsn = header(headers, "Bundle-SymbolicName");
        if (group == null && bsn != null && !bsn.startsWith("wrap_")) {
            String name = bsn.split(";")[0].trim();
            if (name.endsWith("." + artifact) && name.length() > artifact.length() + 1) {
                group = name.substring(0, name.length() - artifact.length() - 1);
                from.add("group from Bundle-SymbolicName " + name);
            }
        }
        if (group == null) {
            from.add("group unknown: matched by artifact id");
        }
        if (!bounded(group) || !bounded(artifact) || !bounded(version) || artifact == null) {
            return null;
        }
        Confidence c = group != null && (layout || agrees) ? Confidence.MEDIUM : Confidence.LOW;
        return new Coordinates(group, artifact, version, "manifest", c, "derived: " + String.join(", ", from));
    }

    private static String header(Dictionary<String, String> headers, String name) {
        String v = headers.get(name);
        return v == null || v.isBlank() ? null : v.trim();
    }

    /** The folders after the last repository root, as a dotted group, or null when there is no root. */
    private static String groupFromLayout(List<String> folders) {
        int root = -1;
        for (int i = 0; i < folders.size(); i++) {
            if (REPOSITORY_ROOTS.contains(folders.get(i))) {
                root = i;
            }
        }
        if (root < 0 || root == folders.size() - 1) {
            return null;
        }
        return String.join(".", folders.subList(root + 1, folders.size()));
    }

    /** The path of a {@code file:}, {@code http(s):} or {@code wrap:} URL, without wrap instructions. */
    static List<String> pathSegments(String url) {
        if (url == null) {
            return List.of();
        }
        String u = url.trim();
        while (u.startsWith("wrap:")) {
            u = u.substring("wrap:".length());
        }
        int instructions = u.indexOf('$');
        if (instructions >= 0) {
            u = u.substring(0, instructions);
        }
        if (u.startsWith("mvn:")) {
            return List.of();
        }
        String path;
        try {
            path = URI.create(u).getPath();
        } catch (IllegalArgumentException notAUri) {
            path = u;
        }
        if (path == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String s : path.split("/")) {
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return out;
    }

    private static boolean bounded(String s) {
        return s == null || (s.length() <= MAX && PLAIN.matcher(s).matches());
    }
}
