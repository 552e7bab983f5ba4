package io.x0tta6bl4.scanner.internal.sbom;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
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
 * The software bill of materials of the running container: every installed bundle with its
 * Maven coordinates (from the install location, from embedded {@code pom.properties}, and
 * from the jars on its {@code Bundle-ClassPath}) and the hashes of its jar. Entries are read
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
        return new Component(c.bundleId(), c.symbolicName(), c.version(), c.location(), state(b), c.coordinates(),
                c.sha1(), c.sha256());
    }

    static Component read(Bundle b) {
        Map<String, Coordinates> coords = new LinkedHashMap<>();
        Coordinates fromLocation = Coordinates.fromLocation(b.getLocation());
        if (fromLocation != null) {
            coords.put(fromLocation.gav(), fromLocation);
        }
        for (Properties p : pomProperties(b, "META-INF/maven/")) {
            Coordinates c = add(coords, p, "pom.properties");
            // the jar's own pom.properties wins over the install location, which an update does not change
            if (c != null && fromLocation != null && c.packageName().equals(fromLocation.packageName())
                    && !c.version().equals(fromLocation.version())) {
                coords.remove(fromLocation.gav());
            }
        }
        for (String jar : embeddedJars(b)) {
            URL url = b.getEntry(jar);
            if (url != null) {
                try (JarInputStream in = new JarInputStream(url.openStream())) {
                    for (Properties p : pomPropertiesIn(in)) {
                        add(coords, p, jar);
                    }
                } catch (IOException unreadable) {
                    // an embedded jar that cannot be read contributes no coordinates
                }
            }
        }
        String[] hashes = hashes(b);
        return new Component(b.getBundleId(), b.getSymbolicName() == null ? "(none)" : b.getSymbolicName(),
                b.getVersion().toString(), b.getLocation(), state(b), new ArrayList<>(coords.values()),
                hashes[0], hashes[1]);
    }

    private static Coordinates add(Map<String, Coordinates> coords, Properties p, String origin) {
        String g = p.getProperty("groupId");
        String a = p.getProperty("artifactId");
        String v = p.getProperty("version");
        if (g == null || a == null || v == null || g.isBlank() || a.isBlank() || v.isBlank()) {
            return null;
        }
        Coordinates c = new Coordinates(g.trim(), a.trim(), v.trim(), origin);
        coords.putIfAbsent(c.gav(), c);
        return c;
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
    private static String[] hashes(Bundle b) {
        Path jar = jarOf(b);
        if (jar == null) {
            return new String[2];
        }
        try (InputStream raw = Files.newInputStream(jar)) {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            try (DigestInputStream in = new DigestInputStream(new DigestInputStream(raw, sha1), sha256)) {
                in.transferTo(java.io.OutputStream.nullOutputStream());
            }
            return new String[] {HexFormat.of().formatHex(sha1.digest()), HexFormat.of().formatHex(sha256.digest())};
        } catch (IOException | NoSuchAlgorithmException e) {
            return new String[2];
        }
    }

    /**
     * The jar file: Felix keeps each bundle's current revision as
     * {@code cache/bundle<N>/version<M>.<R>/bundle.jar} beside the bundle's data folder; a
     * {@code file:} location names it directly.
     */
    static Path jarOf(Bundle b) {
        String loc = b.getLocation();
        if (loc != null && loc.startsWith("file:")) {
            try {
                Path p = Path.of(java.net.URI.create(loc));
                if (Files.isRegularFile(p)) {
                    return p;
                }
            } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException notAPath) {
                // fall back to the framework's copy
            }
        }
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
