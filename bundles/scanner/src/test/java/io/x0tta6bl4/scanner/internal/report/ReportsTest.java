package io.x0tta6bl4.scanner.internal.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.x0tta6bl4.api.scanner.Finding;
import io.x0tta6bl4.api.scanner.FindingKind;
import io.x0tta6bl4.api.scanner.ScanReport;
import io.x0tta6bl4.api.scanner.Severity;
import io.x0tta6bl4.scanner.internal.sbom.Component;
import io.x0tta6bl4.scanner.internal.sbom.Coordinates;

import org.junit.jupiter.api.Test;

class ReportsTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void sarifHasOneRunPerScannerRulesAndResults() throws Exception {
        Finding v = new Finding("GHSA-599f-7c49-w659", FindingKind.VULNERABILITY, Severity.CRITICAL,
                "org.apache.commons.commons-text/1.9.0", "Arbitrary code execution", "1.9 in [1.5, 1.10.0)",
                "upgrade to 1.10.0", "bundles");
        Finding c = new Finding("CFG-DEFAULT-CREDENTIALS", FindingKind.MISCONFIGURATION, Severity.CRITICAL,
                "etc/users.properties", "default user", "karaf", "remove it", "config");
        ScanReport r = new ScanReport(0, 5, List.of("bundles", "config"), List.of(v, c), Map.of());
        JsonNode sarif = MAPPER.readTree(Sarif.write(r, "0.1.0"));
        assertEquals("2.1.0", sarif.get("version").asText());
        assertEquals(2, sarif.get("runs").size());
        JsonNode run = sarif.get("runs").get(0);
        assertEquals("x0tta6bl4-scanner/bundles", run.at("/tool/driver/name").asText());
        assertEquals("GHSA-599f-7c49-w659", run.at("/tool/driver/rules/0/id").asText());
        assertEquals("error", run.at("/results/0/level").asText());
        assertEquals("org.apache.commons.commons-text/1.9.0",
                run.at("/results/0/locations/0/logicalLocations/0/fullyQualifiedName").asText());
        assertTrue(run.at("/invocations/0/executionSuccessful").asBoolean());
    }

    @Test
    void cycloneDxNamesBundlesByTheirMavenCoordinatesAndNestsEmbeddedJars() throws Exception {
        Component c = new Component(7, "io.x0tta6bl4.healing", "0.1.0", "mvn:io.x0tta6bl4/x0tta6bl4-healing/0.1.0",
                "Active", List.of(Coordinates.fromLocation("mvn:io.x0tta6bl4/x0tta6bl4-healing/0.1.0"),
                new Coordinates("com.h2database", "h2", "2.3.232", "lib/h2-2.3.232.jar")),
                "da39a3ee5e6b4b0d3255bfef95601890afd80709",
                "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        JsonNode bom = MAPPER.readTree(CycloneDx.json(List.of(c), "0.1.0"));
        assertEquals("CycloneDX", bom.get("bomFormat").asText());
        assertEquals("1.6", bom.get("specVersion").asText());
        JsonNode comp = bom.at("/components/0");
        assertEquals("x0tta6bl4-healing", comp.get("name").asText());
        assertEquals("pkg:maven/io.x0tta6bl4/x0tta6bl4-healing@0.1.0", comp.get("purl").asText());
        assertEquals("SHA-256", comp.at("/hashes/1/alg").asText());
        assertEquals("pkg:maven/com.h2database/h2@2.3.232", comp.at("/components/0/purl").asText());
        assertEquals("high", property(comp, "x0tta6bl4:confidence"));
        assertEquals("the bundle's mvn: install location", property(comp, "x0tta6bl4:provenance"));
    }

    @Test
    void cycloneDxListsThePlatformAndSaysHowEachCoordinateWasDerived() throws Exception {
        List<Component> parts = new java.util.ArrayList<>(io.x0tta6bl4.scanner.internal.sbom.Platform.components(
                Map.of("karaf.version", "4.4.10", "java.version", "17.0.15", "java.vendor", "Debian")::get));
        parts.add(new Component(95, "wrap_file__x_commons-collections-3.2.jar", "0.0.0", "wrap:file:/x/commons-collections-3.2.jar",
                "Installed", List.of(new Coordinates(null, "commons-collections", "3.2", "manifest",
                io.x0tta6bl4.scanner.internal.sbom.Confidence.LOW, "derived: file name commons-collections-3.2.jar")),
                null, null));
        JsonNode bom = MAPPER.readTree(CycloneDx.json(parts, "0.1.0"));
        JsonNode karaf = bom.at("/components/0");
        assertEquals("framework", karaf.get("type").asText());
        assertEquals("pkg:maven/org.apache.karaf/apache-karaf@4.4.10", karaf.get("purl").asText());
        JsonNode jre = bom.at("/components/1");
        assertEquals("platform", jre.get("type").asText());
        assertEquals("17.0.15", jre.get("version").asText());
        assertEquals("Debian", property(jre, "x0tta6bl4:vendor"));
        assertTrue(property(jre, "x0tta6bl4:osv").contains("OSV has no Maven ecosystem advisories for the JDK"));
        JsonNode wrapped = bom.at("/components/2");
        assertEquals("commons-collections", wrapped.get("name").asText());
        assertTrue(wrapped.path("group").isMissingNode() && wrapped.path("purl").isMissingNode(), wrapped.toString());
        assertEquals("low", property(wrapped, "x0tta6bl4:confidence"));
        assertEquals("derived: file name commons-collections-3.2.jar", property(wrapped, "x0tta6bl4:provenance"));
    }

    private static String property(JsonNode component, String name) {
        for (JsonNode p : component.path("properties")) {
            if (p.path("name").asText().equals(name)) {
                return p.path("value").asText();
            }
        }
        return null;
    }
}
