package io.x0tta6bl4.scanner.internal.sbom;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One part of the running container as the SBOM sees it: an installed bundle, or a part of the
 * platform that is no bundle (the Karaf release, the Java runtime).
 *
 * @param bundleId    the bundle's id; -1 for a platform part
 * @param kind        {@code bundle}, {@code platform} (the Karaf release) or {@code runtime} (the JVM)
 * @param coordinates its own Maven coordinates and those of the jars embedded in it; empty when unknown
 * @param sha1        of the bundle's jar, or null when the jar could not be read
 * @param properties  facts of a platform part (vendor, what the scanner cannot check about it); empty for bundles
 */
public record Component(long bundleId, String kind, String symbolicName, String version, String location,
                        String state, List<Coordinates> coordinates, String sha1, String sha256, Map<String, String> properties) {

    public static final String BUNDLE = "bundle";
    public static final String PLATFORM = "platform";
    public static final String RUNTIME = "runtime";

    public Component {
        coordinates = List.copyOf(coordinates);
        properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    }

    /** An installed bundle. */
    public Component(long bundleId, String symbolicName, String version, String location, String state,
                     List<Coordinates> coordinates, String sha1, String sha256) {
        this(bundleId, BUNDLE, symbolicName, version, location, state, coordinates, sha1, sha256, Map.of());
    }

    /** How findings name it: {@code symbolic-name/version}. */
    public String subject() {
        return symbolicName + "/" + version;
    }

    Component withState(String newState) {
        return new Component(bundleId, kind, symbolicName, version, location, newState, coordinates, sha1, sha256, properties);
    }
}
