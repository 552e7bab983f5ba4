package io.x0tta6bl4.scanner.internal.sbom;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The parts of the container that are no bundle: the Karaf release the distribution is
 * assembled from (advisories about Karaf itself are filed against
 * {@code org.apache.karaf:apache-karaf}) and the Java runtime, which OSV does not cover in its
 * Maven ecosystem: it is listed so the SBOM is complete, and says it is not checked.
 */
public final class Platform {

    public static final String KARAF_PACKAGE = "org.apache.karaf:apache-karaf";

    private Platform() {
    }

    /** @param property a framework or system property by name, null when unset */
    public static List<Component> components(UnaryOperator<String> property) {
        List<Component> out = new ArrayList<>();
        String karaf = property.apply("karaf.version");
        if (karaf != null && !karaf.isBlank() && karaf.length() <= ManifestCoordinates.MAX) {
            Coordinates c = new Coordinates("org.apache.karaf", "apache-karaf", karaf.trim(), "platform",
                    Confidence.HIGH, "karaf.version of the running container: the Karaf release it is assembled from");
            out.add(new Component(-1, Component.PLATFORM, "apache-karaf", karaf.trim(), property.apply("karaf.home"),
                    "running", List.of(c), null, null, Map.of()));
        }
        String version = property.apply("java.version");
        if (version != null) {
            Map<String, String> facts = new LinkedHashMap<>();
            put(facts, "vendor", property.apply("java.vendor"));
            put(facts, "runtime", property.apply("java.runtime.name"));
            put(facts, "runtime.version", property.apply("java.runtime.version"));
            put(facts, "vm", property.apply("java.vm.name"));
            put(facts, "vm.version", property.apply("java.vm.version"));
            facts.put("osv", "not checked: OSV has no Maven ecosystem advisories for the JDK; "
                    + "follow the vendor's security updates for it");
            out.add(new Component(-1, Component.RUNTIME, "java-runtime", version, property.apply("java.home"),
                    "running", List.of(), null, null, facts));
        }
        return out;
    }

    private static void put(Map<String, String> facts, String key, String value) {
        if (value != null) {
            facts.put(key, value);
        }
    }
}
