package io.x0tta6bl4.scanner.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.x0tta6bl4.api.scanner.Finding;
import io.x0tta6bl4.api.scanner.FindingKind;
import io.x0tta6bl4.api.scanner.ScanReport;
import io.x0tta6bl4.api.scanner.Scanner;
import io.x0tta6bl4.api.scanner.Severity;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

class ScannerManagerTest {

    @TempDir
    Path data;

    private final List<Event> posted = new CopyOnWriteArrayList<>();
    private final List<ScannerManager> managers = new ArrayList<>();

    private ScannerManager manager() {
        EventAdmin events = (EventAdmin) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {EventAdmin.class}, (p, m, a) -> posted.add((Event) a[0]));
        BundleContext context = (BundleContext) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {BundleContext.class}, (p, m, a) -> m.getName().equals("getDataFile")
                        ? new File(data.toFile(), (String) a[0]) : null);
        ScannerManager m = new ScannerManager(events, context, Map.of("scan.interval.minutes", "0"));
        managers.add(m);
        return m;
    }

    @AfterEach
    void stop() throws Exception {
        for (ScannerManager m : managers) {
            m.deactivate();
        }
    }

    private static Finding finding(String id, Severity s) {
        return new Finding(id, FindingKind.VULNERABILITY, s, "bundle/1.0", "t", "e", "f", "fake");
    }

    @Test
    void eachNewFindingIsPostedOnceAndAgainOnlyAfterItWentAway() throws Exception {
        List<Finding> now = new CopyOnWriteArrayList<>(List.of(finding("A", Severity.HIGH)));
        ScannerManager m = manager();
        m.addScanner(() -> List.copyOf(now), Map.of(Scanner.NAME, "fake"));
        m.scan(null);
        m.scan(null);
        assertEquals(1, posted.size());
        Event e = posted.get(0);
        assertEquals("x0tta6bl4/health/scanner/VULNERABILITY", e.getTopic());
        assertEquals("WARNING", e.getProperty("severity"));
        assertEquals("A: t", e.getProperty("details"));

        now.add(finding("B", Severity.CRITICAL));
        ScanReport r = m.scan("fake");
        assertEquals(List.of("B", "A"), r.findings().stream().map(Finding::id).toList(), "most severe first");
        assertEquals(2, posted.size());

        now.clear();
        m.scan(null);
        now.add(finding("A", Severity.HIGH));
        m.scan(null);
        assertEquals(3, posted.size(), "A came back");
    }

    @Test
    void aRestartDoesNotPostKnownFindingsAgain() throws Exception {
        ScannerManager first = manager();
        first.addScanner(() -> List.of(finding("A", Severity.LOW)), Map.of(Scanner.NAME, "fake"));
        first.scan(null);
        first.deactivate();
        managers.remove(first);
        ScannerManager second = manager();
        second.addScanner(() -> List.of(finding("A", Severity.LOW)), Map.of(Scanner.NAME, "fake"));
        second.scan(null);
        assertEquals(1, posted.size());
    }

    @Test
    void aFailingScannerKeepsItsFindingsAndDoesNotStopTheOthers() throws Exception {
        boolean[] fail = {false};
        ScannerManager m = manager();
        m.addScanner(() -> {
            if (fail[0]) {
                throw new IllegalStateException("disk gone");
            }
            return List.of(finding("A", Severity.LOW));
        }, Map.of(Scanner.NAME, "flaky"));
        m.addScanner(() -> List.of(finding("B", Severity.LOW)), Map.of(Scanner.NAME, "fine"));
        m.scan(null);
        fail[0] = true;
        ScanReport r = m.scan(null);
        assertEquals(Map.of("flaky", "disk gone"), r.errors());
        assertEquals(2, r.findings().size());
        assertEquals(2, m.findings().size());
    }

    @Test
    void unknownScannersAndScannersWithoutANameAreRefused() throws Exception {
        ScannerManager m = manager();
        m.addScanner(List::of, Map.of());
        assertTrue(m.scanners().isEmpty());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.scan("nope"));
        assertEquals("unknown scanner 'nope'; known: []", e.getMessage());
    }
}
