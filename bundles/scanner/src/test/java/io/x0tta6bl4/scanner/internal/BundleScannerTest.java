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
import io.x0tta6bl4.scanner.internal.sbom.Coordinates;

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
        assertEquals("upgrade org.apache.commons:commons-text to 1.10.0 or later", f.fix());
        assertTrue(f.title().contains("CVE-2022-42889"));
        Finding h2 = found.get(1);
        assertEquals("GHSA-22wj-vf5f-wrvj", h2.id());
        assertTrue(h2.evidence().endsWith("(embedded lib/h2-2.1.214.jar)"), h2.evidence());
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
        Settings s = Settings.read(Settings.DEFAULTS, Map.of("scan.interval.minutes", "15"), warned::append);
        assertEquals(15, s.scanIntervalMinutes());
        s = Settings.read(s, Map.of("scan.interval.minutes", "often", "db.max.age.days", "3"), warned::append);
        assertEquals(15, s.scanIntervalMinutes());
        assertEquals(3, s.dbMaxAgeDays());
        assertEquals("refused scan.interval.minutes = 'often': must be a whole number from 0 to 10080; keeping 15",
                warned.toString());
    }
}
