package io.x0tta6bl4.itests;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.apache.karaf.features.Dependency;
import org.apache.karaf.features.Feature;

/**
 * Builds version N+1 of installed bundles and features, as a release would ship them: the
 * same bundle with a higher Bundle-Version, and a features repository naming the new
 * versions. The bundle content comes from the bundle's own install location (the
 * distribution's system repository), so the test upgrades exactly what runs.
 */
final class UpgradeArtifacts {

    private final Path dir;

    UpgradeArtifacts(Path dir) {
        this.dir = dir;
    }

    /** A copy of the bundle at location with Bundle-Version set to version; cached per version. */
    Path bundle(String location, String symbolicName, String version) throws IOException {
        Path out = dir.resolve(symbolicName + "-" + version + ".jar");
        if (Files.exists(out)) {
            return out;
        }
        try (InputStream in = new URL(location).openStream(); JarInputStream jar = new JarInputStream(in)) {
            Manifest manifest = new Manifest(jar.getManifest());
            manifest.getMainAttributes().put(new Attributes.Name("Bundle-Version"), version);
            try (OutputStream os = Files.newOutputStream(out); JarOutputStream copy = new JarOutputStream(os, manifest)) {
                for (JarEntry e = jar.getNextJarEntry(); e != null; e = jar.getNextJarEntry()) {
                    copy.putNextEntry(new JarEntry(e.getName()));
                    jar.transferTo(copy);
                    copy.closeEntry();
                }
            }
        }
        return out;
    }

    /**
     * Publishes the bundle at location, with Bundle-Version set to version, as a release would
     * ship it: {@code mvn:<group>/<artifact>/<version>} in the container's system repository.
     * A release URI matters: Karaf treats {@code file:} and {@code http:} URIs like snapshots
     * and, since it records the checksum of a bundle updated to a new version only at the next
     * deployment, updates and refreshes such a bundle once more at the next features operation.
     */
    String release(String location, String symbolicName, String version) throws IOException {
        String[] gav = location.substring("mvn:".length()).split("/");
        if (!location.startsWith("mvn:") || gav.length < 3) {
            throw new IllegalArgumentException("not a mvn: location: " + location);
        }
        Path system = Path.of(System.getProperty("karaf.home"), System.getProperty("karaf.default.repository", "system"));
        Path target = system.resolve(gav[0].replace('.', '/')).resolve(gav[1]).resolve(version)
                .resolve(gav[1] + "-" + version + ".jar");
        Files.createDirectories(target.getParent());
        Files.copy(bundle(location, symbolicName, version), target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return "mvn:" + gav[0] + "/" + gav[1] + "/" + version;
    }

    /**
     * A features repository (one per name: adding a repository again replaces it) holding each given feature at version, with the same feature
     * dependencies and its x0tta6bl4 bundle replaced by the URI given for it.
     */
    Path repository(String name, String version, List<Feature> features, Map<String, String> bundleByFeature)
            throws IOException {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<features name=\"").append(name).append("-").append(version)
                .append("\" xmlns=\"http://karaf.apache.org/xmlns/features/v1.6.0\">\n");
        for (Feature f : features) {
            xml.append("  <feature name=\"").append(f.getName()).append("\" version=\"").append(version).append("\">\n");
            for (Dependency d : f.getDependencies()) {
                xml.append("    <feature>").append(d.getName()).append("</feature>\n");
            }
            f.getBundles().stream()
                    .filter(b -> !b.getLocation().startsWith("mvn:io.x0tta6bl4/"))
                    .forEach(b -> xml.append("    <bundle").append(b.isDependency() ? " dependency=\"true\"" : "")
                            .append(">").append(b.getLocation()).append("</bundle>\n"));
            xml.append("    <bundle>").append(bundleByFeature.get(f.getName())).append("</bundle>\n");
            xml.append("  </feature>\n");
        }
        xml.append("</features>\n");
        Path out = dir.resolve(name + "-" + version + "-features.xml");
        Files.writeString(out, xml);
        return out;
    }
}
