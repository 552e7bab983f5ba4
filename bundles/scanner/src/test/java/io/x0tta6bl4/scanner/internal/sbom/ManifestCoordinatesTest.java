package io.x0tta6bl4.scanner.internal.sbom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Coordinates derived for jars without a Maven record. The headers are those of the real
 * commons-collections 3.2 jar (Central has it without pom.properties) as pax-url-wrap leaves
 * them, and of commons-text 1.9.
 */
class ManifestCoordinatesTest {

    /** commons-collections-3.2.jar's own manifest plus what {@code wrap:} adds. */
    private static Dictionary<String, String> wrappedCollections(String wrapUrl) {
        Dictionary<String, String> h = new Hashtable<>();
        h.put("Extension-Name", "commons-collections");
        h.put("Implementation-Title", "Commons Collections");
        h.put("Implementation-Vendor", "Apache Software Foundation");
        h.put("Implementation-Vendor-Id", "org.apache");
        h.put("Implementation-Version", "3.2");
        h.put("Specification-Version", "3.2");
        h.put("Bundle-SymbolicName", "wrap_" + wrapUrl.replaceAll("[^A-Za-z0-9.-]", "_"));
        h.put("Bundle-Version", "0");
        h.put("Generated-By-Ops4j-Pax-From", wrapUrl);
        return h;
    }

    @Test
    void aWrappedJarFromAPlainFolderGetsArtifactAndVersionAndNoGroup() {
        String url = "wrap:file:/opt/x0tta6bl4/jars/commons-collections-3.2.jar";
        Coordinates c = ManifestCoordinates.derive(wrappedCollections(url), List.of(url));
        assertNull(c.groupId(), "Implementation-Vendor-Id org.apache is not its group");
        assertEquals("commons-collections", c.artifactId());
        assertEquals("3.2", c.version());
        assertEquals(Confidence.LOW, c.confidence());
        assertEquals("manifest", c.origin());
        assertEquals("derived: file name commons-collections-3.2.jar, Implementation-Version 3.2 agrees,"
                + " group unknown: matched by artifact id", c.provenance());
        assertEquals("?:commons-collections:3.2", c.gav());
        assertNull(c.purl());
    }

    @Test
    void aMavenRepositoryPathGivesTheGroup() {
        String url = "wrap:file:/root/.m2/repository/commons-collections/commons-collections/3.2/commons-collections-3.2.jar"
                + "$Bundle-SymbolicName=cc";
        Coordinates c = ManifestCoordinates.derive(wrappedCollections(url), List.of(url));
        assertEquals("commons-collections:commons-collections:3.2", c.gav());
        assertEquals(Confidence.MEDIUM, c.confidence());
        assertTrue(c.provenance().startsWith("derived: Maven repository path commons-collections-3.2.jar"), c.provenance());
    }

    @Test
    void aBundleFromAFileGetsItsGroupFromTheSymbolicName() {
        Dictionary<String, String> h = new Hashtable<>();
        h.put("Bundle-SymbolicName", "org.apache.commons.commons-compress");
        h.put("Bundle-Version", "1.21.0");
        h.put("Implementation-Version", "1.21");
        Coordinates c = ManifestCoordinates.derive(h, List.of("file:/srv/bundles/commons-compress-1.21.jar"));
        assertEquals("org.apache.commons:commons-compress:1.21", c.gav());
        assertEquals(Confidence.MEDIUM, c.confidence());
        h.put("Implementation-Version", "1.26.0");
        Coordinates disagreeing = ManifestCoordinates.derive(h, List.of("file:/srv/bundles/commons-compress-1.21.jar"));
        assertEquals(Confidence.LOW, disagreeing.confidence(), "file name and manifest disagree");
        assertTrue(disagreeing.provenance().contains("though the manifest says 1.26.0"), disagreeing.provenance());
    }

    @Test
    void withoutAFileNameTheExtensionNameAndImplementationVersionAreUsed() {
        String url = "wrap:file:/srv/jars/cc.jar";
        Coordinates c = ManifestCoordinates.derive(wrappedCollections(url), List.of(url));
        assertEquals("?:commons-collections:3.2", c.gav());
        assertEquals(Confidence.LOW, c.confidence());
        assertNull(ManifestCoordinates.derive(new Hashtable<>(), List.of("file:/srv/jars/thing.jar")), "nothing to go on");
    }

    @Test
    void anAbsurdFileNameYieldsNoCoordinate() {
        String url = "file:/srv/jars/x-1" + "1".repeat(1_000_000) + ".jar";
        long t0 = System.nanoTime();
        assertNull(ManifestCoordinates.derive(new Hashtable<>(), List.of(url)));
        assertTrue(System.nanoTime() - t0 < 2_000_000_000L);
    }

    @Test
    void releaseNumbersCompareMavenWithOsgiSpelling() {
        assertTrue(ReleaseNumbers.same("1.9", "1.9.0"));
        assertTrue(ReleaseNumbers.same("31.1-jre", "31.1.0.jre"));
        assertTrue(ReleaseNumbers.same("0.1.0-SNAPSHOT", "0.1.0.SNAPSHOT"));
        assertTrue(ReleaseNumbers.same("1.2.0", "1.2.0.202109301733"));
        assertFalse(ReleaseNumbers.same("3.2.2", "0.0.0"));
        assertFalse(ReleaseNumbers.same("1.9", "1.10.0"));
        assertTrue(ReleaseNumbers.isZero("0"));
        assertTrue(ReleaseNumbers.isZero("0.0.0"));
        assertFalse(ReleaseNumbers.isZero("0.1.0"));
    }
}
