package io.x0tta6bl4.scanner.internal;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.x0tta6bl4.api.event.HealthEvent;
import io.x0tta6bl4.api.scanner.Finding;
import io.x0tta6bl4.api.scanner.ScanReport;
import io.x0tta6bl4.api.scanner.Scanner;
import io.x0tta6bl4.api.scanner.ScannerService;
import io.x0tta6bl4.support.io.AtomicFiles;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the whiteboard {@link Scanner}s one after the other on its worker thread, on request
 * and on schedule, keeps each scanner's current findings and posts a health event for every
 * finding that was not there before. Which findings were already reported is kept in the
 * bundle's data area, so a restart or update of the bundle does not report them again.
 */
@Component(service = ScannerService.class, configurationPid = "io.x0tta6bl4.scanner", immediate = true)
@Designate(ocd = ScannerConfiguration.class)
public class ScannerManager implements ScannerService {

    private static final Logger LOG = LoggerFactory.getLogger(ScannerManager.class);
    static final Comparator<Finding> MOST_SEVERE_FIRST = Comparator.comparing(Finding::severity).reversed()
            .thenComparing(Finding::id).thenComparing(Finding::subject);

    private final Map<String, Scanner> scanners = new ConcurrentHashMap<>();
    private final Map<String, List<Finding>> findings = new ConcurrentHashMap<>();
    private final Set<String> reported = ConcurrentHashMap.newKeySet();
    private final EventAdmin events;
    private final File reportedFile;
    private final ScheduledExecutorService worker;
    private volatile ScannerConfig settings = ScannerConfig.DEFAULTS;
    private volatile ScanReport last;
    private ScheduledFuture<?> schedule;

    @Activate
    public ScannerManager(@Reference EventAdmin events, BundleContext context, Map<String, Object> properties) {
        this.events = events;
        this.reportedFile = context.getDataFile("reported-findings.txt");
        this.worker = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "x0tta6bl4-scanner-worker"));
        worker.execute(this::loadReported);
        configure(properties);
    }

    @Modified
    void modified(Map<String, Object> properties) {
        configure(properties);
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        worker.shutdownNow();
        if (!worker.awaitTermination(10, TimeUnit.SECONDS)) {
            LOG.warn("scanner worker did not stop within 10 s");
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addScanner(Scanner scanner, Map<String, Object> props) {
        Object name = props.get(Scanner.NAME);
        if (name == null || name.toString().isBlank()) {
            LOG.warn("ignoring scanner {} without the service property {}", scanner.getClass().getName(), Scanner.NAME);
            return;
        }
        Scanner old = scanners.put(name.toString(), scanner);
        if (old != null) {
            LOG.warn("scanner '{}' registered twice; the newer one replaces the older", name);
        }
    }

    void removeScanner(Scanner scanner, Map<String, Object> props) {
        Object name = props.get(Scanner.NAME);
        if (name != null && scanners.remove(name.toString(), scanner)) {
            findings.remove(name.toString());
        }
    }

    private synchronized void configure(Map<String, Object> properties) {
        ScannerConfig old = settings;
        settings = ScannerConfig.read(old, properties, LOG::warn);
        if (schedule != null && old.scanIntervalMinutes() == settings.scanIntervalMinutes()
                && old.scanInitialDelayS() == settings.scanInitialDelayS()) {
            return;
        }
        if (schedule != null) {
            schedule.cancel(false);
            schedule = null;
        }
        int every = settings.scanIntervalMinutes();
        if (every > 0) {
            schedule = worker.scheduleWithFixedDelay(this::scheduledScan, settings.scanInitialDelayS(),
                    every * 60L, TimeUnit.SECONDS);
        }
    }

    private void scheduledScan() {
        try {
            ScanReport r = runScan(null);
            LOG.info("scheduled scan: {} findings in {} ms{}", r.findings().size(), r.durationMs(),
                    r.errors().isEmpty() ? "" : ", failed: " + r.errors());
        } catch (RuntimeException e) {
            LOG.warn("scheduled scan failed: {}", e.toString());
        }
    }

    @Override
    public ScanReport scan(String scanner) throws InterruptedException {
        if (scanner != null && !scanners.containsKey(scanner)) {
            throw new IllegalArgumentException("unknown scanner '" + scanner + "'; known: " + scanners());
        }
        try {
            return worker.submit(() -> runScan(scanner)).get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("scan failed: " + e.getCause(), e.getCause());
        }
    }

    private ScanReport runScan(String only) {
        long start = System.currentTimeMillis();
        List<String> ran = new ArrayList<>();
        Map<String, String> errors = new TreeMap<>();
        List<Finding> all = new ArrayList<>();
        for (Map.Entry<String, Scanner> e : new TreeMap<>(scanners).entrySet()) {
            String name = e.getKey();
            if (only != null && !only.equals(name)) {
                continue;
            }
            ran.add(name);
            try {
                List<Finding> found = dedupe(e.getValue().scan());
                findings.put(name, found);
                all.addAll(found);
                report(found);
            } catch (Exception | LinkageError ex) {
                errors.put(name, ex.getMessage() == null ? ex.toString() : ex.getMessage());
                all.addAll(findings.getOrDefault(name, List.of()));
                LOG.warn("scanner '{}' failed: {}", name, ex.toString());
            }
        }
        forgetResolved();
        all.sort(MOST_SEVERE_FIRST);
        ScanReport r = new ScanReport(start, System.currentTimeMillis() - start, ran, all, errors);
        last = r;
        return r;
    }

    private static List<Finding> dedupe(List<Finding> found) {
        Map<String, Finding> byKey = new LinkedHashMap<>();
        for (Finding f : found == null ? List.<Finding>of() : found) {
            byKey.putIfAbsent(f.key(), f);
        }
        return List.copyOf(byKey.values());
    }

    /** Posts every finding not reported before. */
    private void report(List<Finding> found) {
        boolean changed = false;
        for (Finding f : found) {
            if (reported.add(f.key())) {
                changed = true;
                events.postEvent(HealthEvent.of(HEALTH_AREA, f.kind().name(), f.subject(), f.severity().health(),
                        f.scanner()).withDetails(f.id() + ": " + f.title()).toEvent());
            }
        }
        if (changed) {
            saveReported();
        }
    }

    /** A finding that went away is reported again should it come back. */
    private void forgetResolved() {
        Set<String> current = new HashSet<>();
        findings.values().forEach(l -> l.forEach(f -> current.add(f.key())));
        Set<String> live = new HashSet<>(scanners.keySet());
        if (reported.removeIf(k -> live.contains(k.substring(0, k.indexOf('|'))) && !current.contains(k))) {
            saveReported();
        }
    }

    private void loadReported() {
        try {
            if (reportedFile != null && reportedFile.isFile()) {
                reported.addAll(Files.readAllLines(reportedFile.toPath(), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            LOG.warn("cannot read {}: {}; findings will be reported again", reportedFile, e.getMessage());
        }
    }

    private void saveReported() {
        if (reportedFile == null) {
            return;
        }
        try {
            StringBuilder lines = new StringBuilder();
            new TreeSet<>(reported).forEach(k -> lines.append(k).append('\n'));
            AtomicFiles.write(reportedFile.toPath(), lines.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            LOG.warn("cannot write {}: {}", reportedFile, e.getMessage());
        }
    }

    @Override
    public List<Finding> findings() {
        List<Finding> all = new ArrayList<>();
        findings.values().forEach(all::addAll);
        all.sort(MOST_SEVERE_FIRST);
        return all;
    }

    @Override
    public Set<String> scanners() {
        return new TreeSet<>(scanners.keySet());
    }

    @Override
    public ScanReport lastReport() {
        return last;
    }
}
