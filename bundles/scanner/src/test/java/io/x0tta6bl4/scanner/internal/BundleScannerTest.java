package io.x0tta6bl4.scanner.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.x0tta6bl4.api.scanner.Finding;
import io.x0tta6bl4.api.scanner.FindingKind;
import io.x0tta6bl4.api.scanner.Severity;
import io.x0tta6bl4.scanner.internal.osv.Fixtures;
import io.x0tta6bl4.scanner.internal.osv.OsvDatabase;
import io.x0tta6bl4.scanner.internal.sbom.Component;
import io.x0tta6bl4.scanner.internal.sbom.Confidence;
import io.x0tta6bl4.scanner.internal.sbom.Coordinates;
import io.x0tta6bl4.scanner.internal.sbom.Platform;

import org.junit.jupiter.api.Test;

class BundleScannerTest {

    @Test
    void oneFindingPerAdvisoryAndBundleIncludingEmbeddedJars() throws Exception {
        OsvDatabase db = new OsvDatabase(Fixtures.all(), Instant.EPOCH, "fixtures");
        Component text = new Component(42, "org.apache.commons.commons-text", "1.9.0", "mvn:org.apache.commons/commons-text/1.9",
                "Active", List.of(Coordinates.fromLocation("mvn:org.apache.commons/commons-text/1.9"),
                new Coordinates("org.apache.commons", "commons-text", "1.9", "pom.properties")), null, null);
        Component healing = new Component(50, "io.x0tta6bl4.healing", "0.1.0", "mvn:io.x0tta6bl4/x0tta6bl4-healing/0.1.0",
                "Active", List.of(new Coordinates("com.h2database", "h2", "2.1.214", "lib/h2-2.1.214.jar")), null, null);
        Component fixed = new Component(43, "org.apache.commons.commons-text", "1.10.0", "mvn:org.apache.commons/commons-text/1.10.0",
                "Active", List.of(Coordinates.fromLocation("mvn:org.apache.commons/commons-text/1.10.0")), null, null);
        List<Finding> found = BundleScanner.match(List.of(text, healing, fixed), db);
        assertEquals(2, found.size());
        Finding f = found.get(0);
        assertEquals("GHSA-599f-7c49-w659", f.id());
        assertEquals(FindingKind.VULNERABILITY, f.kind());
        assertEquals(Severity.CRITICAL, f.severity());
        assertEquals("org.apache.commons.commons-text/1.9.0", f.subject());
        assertEquals("org.apache.commons:commons-text:1.9 in [1.5, 1.10.0)", f.evidence());
        assertEquals("upgrade org.apache.commons:commons-text to a version at or above 1.10.0", f.fix());
        assertTrue(f.title().contains("CVE-2022-42889"));
        Finding h2 = found.get(1);
        assertEquals("GHSA-22wj-vf5f-wrvj", h2.id());
        assertTrue(h2.evidence().endsWith("(embedded lib/h2-2.1.214.jar)"), h2.evidence());
    }

    /** The advisory says fixed in 9.4.52; Central has no 9.4.52, only 9.4.52.v20230823. */
    @Test
    void theFixHintAsksForAVersionAtOrAboveTheAdvisorysOwnSpelling() throws Exception {
        OsvDatabase db = new OsvDatabase(Fixtures.all(), Instant.EPOCH, "fixtures");
        Component jetty = new Component(7, "org.eclipse.jetty.openid", "9.4.51.v20230217",
                "mvn:org.eclipse.jetty/jetty-openid/9.4.51.v20230217", "Active",
                List.of(Coordinates.fromLocation("mvn:org.eclipse.jetty/jetty-openid/9.4.51.v20230217")), null, null);
        List<Finding> found = BundleScanner.match(List.of(jetty), db);
        assertEquals(1, found.size());
        assertEquals("GHSA-pwh8-58vv-vw48", found.get(0).id());
        assertEquals("upgrade org.eclipse.jetty:jetty-openid to a version at or above 9.4.52", found.get(0).fix());
    }

    /** A coordinate derived without its group is matched by artifact id, and the finding says how sure it is. */
    @Test
    void aDerivedCoordinateWithoutGroupIsMatchedByArtifactIdAndSaysSo() throws Exception {
        OsvDatabase db = new OsvDatabase(Fixtures.all(), Instant.EPOCH, "fixtures");
        Coordinates derived = new Coordinates(null, "commons-collections", "3.2", "manifest", Confidence.LOW,
                "derived: file name commons-collections-3.2.jar, group unknown: matched by artifact id");
        Component wrapped = new Component(9, "wrap_file__x_commons-collections-3.2.jar", "0.0.0",
                "wrap:file:/x/commons-collections-3.2.jar", "Installed", List.of(derived), null, null);
        List<Finding> found = BundleScanner.match(List.of(wrapped), db);
        assertEquals(1, found.size(), found.toString());
        Finding f = found.get(0);
        assertEquals("GHSA-6hgm-866r-3cjv", f.id());
        assertTrue(f.evidence().startsWith("commons-collections:commons-collections:3.2 in "), f.evidence());
        assertTrue(f.evidence().endsWith("(coordinate of low confidence, derived: file name commons-collections-3.2.jar,"
                + " group unknown: matched by artifact id)"), f.evidence());
        assertEquals("upgrade commons-collections:commons-collections to a version at or above 3.2.2", f.fix());
        // the benchmark's matcher takes package names only: no group, no match
        assertEquals(List.of(), BundleScanner.match(List.of(wrapped), db::match));
    }

    /** The Karaf release is a component of its own, matched against org.apache.karaf:apache-karaf. */
    @Test
    void theKarafReleaseIsMatchedAndTheJavaRuntimeIsListedUnchecked() throws Exception {
        Map<String, String> props = Map.of("karaf.version", "4.4.10", "karaf.home", "/opt/x0tta6bl4",
                "java.version", "17.0.15", "java.vendor", "Debian", "java.runtime.version", "17.0.15+6-Debian-1deb12u1");
        List<Component> platform = Platform.components(props::get);
        assertEquals(2, platform.size());
        Component karaf = platform.get(0);
        assertEquals("platform", karaf.kind());
        assertEquals("org.apache.karaf:apache-karaf:4.4.10", karaf.coordinates().get(0).gav());
        Component jre = platform.get(1);
        assertEquals("runtime", jre.kind());
        assertEquals("17.0.15", jre.version());
        assertEquals("Debian", jre.properties().get("vendor"));
        assertTrue(jre.properties().get("osv").startsWith("not checked: OSV has no Maven ecosystem advisories for the JDK"));
        assertTrue(jre.coordinates().isEmpty());
        OsvDatabase db = new OsvDatabase(List.of(Fixtures.parse("{\"id\": \"TEST-KARAF-1\", \"summary\": \"s\","
                + " \"affected\": [{\"package\": {\"ecosystem\": \"Maven\", \"name\": \"org.apache.karaf:apache-karaf\"},"
                + " \"ranges\": [{\"type\": \"ECOSYSTEM\", \"events\": [{\"introduced\": \"4.4.0\"}, {\"fixed\": \"4.4.11\"}]}]}]}")),
                Instant.EPOCH, "test");
        List<Finding> found = BundleScanner.match(platform, db);
        assertEquals(1, found.size());
        assertEquals("apache-karaf/4.4.10", found.get(0).subject());
        assertEquals("upgrade org.apache.karaf:apache-karaf to a version at or above 4.4.11", found.get(0).fix());
        assertEquals(List.of(), Platform.components(Map.<String, String>of()::get), "outside Karaf and a JVM: nothing");
    }

    @Test
    void locationsParse() {
        assertEquals("org.apache.commons:commons-text:1.9", Coordinates.fromLocation("mvn:org.apache.commons/commons-text/1.9").gav());
        assertEquals("g:a:1.0", Coordinates.fromLocation("mvn:https://repo.example/m2!g/a/1.0/jar").gav());
        assertEquals("g:a:1.0", Coordinates.fromLocation("wrap:mvn:g/a/1.0$Bundle-SymbolicName=x").gav());
        assertEquals(null, Coordinates.fromLocation("file:/tmp/x.jar"));
        assertEquals("pkg:maven/g/a@1.0", Coordinates.fromLocation("mvn:g/a/1.0").purl());
    }

    @Test
    void aBadSettingKeepsTheLastGoodOne() {
        StringBuilder warned = new StringBuilder();
        ScannerConfig s = ScannerConfig.read(ScannerConfig.DEFAULTS, Map.of("scan.interval.minutes", "15"), warned::append);
        assertEquals(15, s.scanIntervalMinutes());
        s = ScannerConfig.read(s, Map.of("scan.interval.minutes", "often", "db.max.age.days", "3"), warned::append);
        assertEquals(15, s.scanIntervalMinutes());
        assertEquals(3, s.dbMaxAgeDays());
        assertEquals("Refused scan.interval.minutes=often: must be a whole number within 0..10080; keeping scan.interval.minutes=15",
                warned.toString());
    }
}
