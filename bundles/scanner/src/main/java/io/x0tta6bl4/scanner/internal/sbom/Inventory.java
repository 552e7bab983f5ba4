package io.x0tta6bl4.scanner.internal.sbom;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;

/**
 * The bundles of the running container's bill of materials: every installed bundle with the
 * Maven coordinates of what it runs now (see {@link #read}), those of the jars on its
 * {@code Bundle-ClassPath}, and the hashes of its current jar. Entries are read
 * with {@link Bundle#getEntry} and {@link Bundle#getEntryPaths}, which never resolve a bundle.
 * What a bundle yields is cached until the bundle changes (id and last-modified).
 */
public final class Inventory {

    private record Cached(long lastModified, Component component) {
    }

    private final Map<Long, Cached> cache = new ConcurrentHashMap<>();

    public List<Component> components(BundleContext context) {
        List<Component> out = new ArrayList<>();
        Map<Long, Boolean> seen = new LinkedHashMap<>();
        for (Bundle b : context.getBundles()) {
            seen.put(b.getBundleId(), true);
            Cached c = cache.get(b.getBundleId());
            if (c == null || c.lastModified() != b.getLastModified()) {
                c = new Cached(b.getLastModified(), read(b));
                cache.put(b.getBundleId(), c);
            }
            out.add(withState(c.component(), b));
        }
        cache.keySet().retainAll(seen.keySet());
        return out;
    }

    private static Component withState(Component c, Bundle b) {
        return c.withState(state(b));
    }

    /**
     * What the bundle runs now: {@code pom.properties} of its current revision, the URL that
     * content came from (the {@code Bundle-UpdateLocation} Karaf's {@code bundle:update} writes,
     * else the install location, trusted only while the current {@code Bundle-Version} agrees with
     * it), and, when neither names the bundle, a coordinate derived from its manifest.
     */
    static Component read(Bundle b) {
        Dictionary<String, String> headers = b.getHeaders("");
        Path frameworkJar = b.getBundleId() == 0 ? frameworkJar(b) : null;
        List<Coordinates> poms = new ArrayList<>();
        if (frameworkJar != null) {
            try (JarInputStream in = new JarInputStream(Files.newInputStream(frameworkJar))) {
                for (Properties p : pomPropertiesIn(in)) {
                    addTo(poms, p, "pom.properties", "META-INF/maven/.../pom.properties in the framework's jar "
                            + frameworkJar.getFileName());
                }
            } catch (IOException unreadable) {
                // the system bundle then has no coordinates
            }
        } else {
            for (Properties p : pomProperties(b, "META-INF/maven/")) {
                addTo(poms, p, "pom.properties", null);
            }
        }
        String location = b.getLocation();
        String update = headers.get("Bundle-UpdateLocation");
        boolean updatedFromElsewhere = update != null && !update.isBlank() && !update.trim().equals(location);
        String contentUrl = updatedFromElsewhere ? update.trim() : location;
        Coordinates fromUrl = bounded(Coordinates.fromUrl(contentUrl, updatedFromElsewhere ? "update-location" : "location"));
        Map<String, Coordinates> coords = new LinkedHashMap<>();
        if (fromUrl != null && poms.stream().noneMatch(c -> c.packageName().equals(fromUrl.packageName())
                && !c.version().equals(fromUrl.version()))) {
            String bundleVersion = headers.get(Constants.BUNDLE_VERSION);
            if (bundleVersion == null || ReleaseNumbers.isZero(bundleVersion)
                    || ReleaseNumbers.same(fromUrl.version(), bundleVersion)) {
                coords.put(fromUrl.gav(), fromUrl);
            } else {
                // kept after the content's own record, which wins when it names the same artifact
                poms.add(fromUrl.withConfidence(Confidence.LOW, contentUrl + ", though the bundle runs Bundle-Version "
                        + bundleVersion));
            }
        }
        for (Coordinates c : poms) {
            coords.putIfAbsent(c.gav(), c);
        }
        if (coords.isEmpty() && frameworkJar == null) {
            List<String> urls = new ArrayList<>();
            urls.add(contentUrl);
            urls.add(headers.get("Generated-By-Ops4j-Pax-From"));
            Coordinates derived = ManifestCoordinates.derive(headers, urls);
            if (derived != null) {
                coords.put(derived.gav(), derived);
            }
        }
        for (String jar : embeddedJars(b)) {
            URL url = b.getEntry(jar);
            if (url != null) {
                try (JarInputStream in = new JarInputStream(url.openStream())) {
                    List<Coordinates> embedded = new ArrayList<>();
                    for (Properties p : pomPropertiesIn(in)) {
                        addTo(embedded, p, jar, null);
                    }
                    embedded.forEach(c -> coords.putIfAbsent(c.gav(), c));
                } catch (IOException unreadable) {
                    // an embedded jar that cannot be read contributes no coordinates
                }
            }
        }
        String[] hashes = hashes(frameworkJar != null ? frameworkJar : jarOf(b));
        return new Component(b.getBundleId(), b.getSymbolicName() == null ? "(none)" : b.getSymbolicName(),
                b.getVersion().toString(), location, state(b), new ArrayList<>(coords.values()),
                hashes[0], hashes[1]);
    }

    /** The system bundle's content: the jar the framework's classes were loaded from, or null. */
    private static Path frameworkJar(Bundle system) {
        try {
            CodeSource cs = system.getClass().getProtectionDomain().getCodeSource();
            if (cs == null || cs.getLocation() == null) {
                return null;
            }
            Path p = Path.of(cs.getLocation().toURI());
            return Files.isRegularFile(p) ? p : null;
        } catch (URISyntaxException | IllegalArgumentException | SecurityException
                 | FileSystemNotFoundException e) {
            return null;
        }
    }

    /** Null for a coordinate no real artifact has (longer than a version may be in an advisory). */
    private static Coordinates bounded(Coordinates c) {
        if (c == null || c.groupId().length() > ManifestCoordinates.MAX || c.artifactId().length() > ManifestCoordinates.MAX
                || c.version().length() > ManifestCoordinates.MAX) {
            return null;
        }
        return c;
    }

    private static void addTo(List<Coordinates> out, Properties p, String origin, String provenance) {
        String g = p.getProperty("groupId");
        String a = p.getProperty("artifactId");
        String v = p.getProperty("version");
        if (g == null || a == null || v == null || g.isBlank() || a.isBlank() || v.isBlank()) {
            return;
        }
        Coordinates c = new Coordinates(g.trim(), a.trim(), v.trim(), origin);
        if (provenance != null) {
            c = c.withConfidence(Confidence.HIGH, provenance);
        }
        if (bounded(c) != null) {
            out.add(c);
        }
    }

    private static List<Properties> pomProperties(Bundle b, String root) {
        List<Properties> out = new ArrayList<>();
        Enumeration<String> groups = b.getEntryPaths(root);
        while (groups != null && groups.hasMoreElements()) {
            Enumeration<String> artifacts = b.getEntryPaths(groups.nextElement());
            while (artifacts != null && artifacts.hasMoreElements()) {
                URL pom = b.getEntry(artifacts.nextElement() + "pom.properties");
                if (pom != null) {
                    try (InputStream in = pom.openStream()) {
                        Properties p = new Properties();
                        p.load(in);
                        out.add(p);
                    } catch (IOException unreadable) {
                        // skip it
                    }
                }
            }
        }
        return out;
    }

    private static List<Properties> pomPropertiesIn(JarInputStream jar) throws IOException {
        List<Properties> out = new ArrayList<>();
        for (JarEntry e = jar.getNextJarEntry(); e != null; e = jar.getNextJarEntry()) {
            String n = e.getName();
            if (n.startsWith("META-INF/maven/") && n.endsWith("/pom.properties")) {
                Properties p = new Properties();
                p.load(jar);
                out.add(p);
            }
        }
        return out;
    }

    /** The jars named on {@code Bundle-ClassPath}, other than the bundle itself ({@code .}). */
    static List<String> embeddedJars(Bundle b) {
        String header = b.getHeaders("").get(Constants.BUNDLE_CLASSPATH);
        List<String> out = new ArrayList<>();
        if (header == null) {
            return out;
        }
        for (String part : header.split(",")) {
            String path = part.split(";")[0].trim();
            if (!path.isEmpty() && !path.equals(".") && path.endsWith(".jar")) {
                out.add(path.startsWith("/") ? path.substring(1) : path);
            }
        }
        return out;
    }

    /** SHA-1 and SHA-256 of the bundle's jar as the framework stored it, or nulls. */
    private static String[] hashes(Path jar) {
        if (jar == null) {
            return new String[2];
        }
        try (InputStream raw = Files.newInputStream(jar)) {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            try (DigestInputStream in = new DigestInputStream(new DigestInputStream(raw, sha1), sha256)) {
                in.transferTo(OutputStream.nullOutputStream());
            }
            return new String[] {HexFormat.of().formatHex(sha1.digest()), HexFormat.of().formatHex(sha256.digest())};
        } catch (IOException | NoSuchAlgorithmException e) {
            return new String[2];
        }
    }

    /**
     * The jar the bundle runs: Felix keeps each bundle's current revision as
     * {@code cache/bundle<N>/version<M>.<R>/bundle.jar} beside the bundle's data folder. Only
     * when there is none (a {@code reference:} install) is a {@code file:} location read: after
     * an update that file is no longer what runs.
     */
    static Path jarOf(Bundle b) {
        Path cached = cachedJar(b);
        if (cached != null) {
            return cached;
        }
        String loc = b.getLocation();
        if (loc != null && (loc.startsWith("file:") || loc.startsWith("reference:file:"))) {
            try {
                Path p = Path.of(URI.create(loc.substring(loc.indexOf("file:"))));
                if (Files.isRegularFile(p)) {
                    return p;
                }
            } catch (IllegalArgumentException | FileSystemNotFoundException notAPath) {
                // no jar to hash
            }
        }
        return null;
    }

    private static Path cachedJar(Bundle b) {
        File data = b.getDataFile("");
        if (data == null || data.getParentFile() == null) {
            return null;
        }
        File[] revisions = data.getParentFile().listFiles((d, n) -> n.startsWith("version"));
        if (revisions == null || revisions.length == 0) {
            return null;
        }
        File newest = revisions[0];
        for (File r : revisions) {
            if (revisionOf(r.getName()) > revisionOf(newest.getName())) {
                newest = r;
            }
        }
        Path jar = newest.toPath().resolve("bundle.jar");
        return Files.isRegularFile(jar) ? jar : null;
    }

    private static double revisionOf(String name) {
        try {
            String[] parts = name.substring("version".length()).split("\\.");
            return Long.parseLong(parts[0]) * 1e6 + (parts.length > 1 ? Long.parseLong(parts[1]) : 0);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    static String state(Bundle b) {
        return switch (b.getState()) {
            case Bundle.ACTIVE -> "Active";
            case Bundle.RESOLVED -> "Resolved";
            case Bundle.INSTALLED -> "Installed";
            case Bundle.STARTING -> "Starting";
            case Bundle.STOPPING -> "Stopping";
            default -> "Uninstalled";
        };
    }
}
