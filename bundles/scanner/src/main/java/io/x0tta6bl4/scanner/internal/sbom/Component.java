package io.x0tta6bl4.scanner.internal.sbom;

import java.util.List;

/**
 * One installed bundle as the SBOM sees it.
 *
 * @param coordinates its own Maven coordinates and those of the jars embedded in it; empty when unknown
 * @param sha1        of the bundle's jar, or null when the jar could not be read
 */
public record Component(long bundleId, String symbolicName, String version, String location, String state,
                        List<Coordinates> coordinates, String sha1, String sha256) {

    public Component {
        coordinates = List.copyOf(coordinates);
    }

    /** How findings name the bundle: {@code symbolic-name/version}. */
    public String subject() {
        return symbolicName + "/" + version;
    }
}
