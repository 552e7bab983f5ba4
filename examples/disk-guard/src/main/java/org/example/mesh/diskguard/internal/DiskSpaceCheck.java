package org.example.mesh.diskguard.internal;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.x0tta6bl4.api.event.HealthEvent;
import io.x0tta6bl4.api.event.Severity;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A health-event source: checks the free space of a file system on its own thread and posts
 * {@code x0tta6bl4/health/disk/DISK_LOW} while it is low (WARNING, CRITICAL below half the
 * limit) and once at INFO when it has recovered, which resolves the healing incident.
 */
@Component(configurationPid = PluginConfig.PID)
@Designate(ocd = PluginConfig.class)
public class DiskSpaceCheck {

    static final String AREA = "disk";
    static final String KIND = "DISK_LOW";
    static final String SOURCE = "disk-guard";

    /** A checked configuration. */
    record Settings(Path path, double minFreePercent, int intervalSeconds) {

        /** The settings, or empty with one line naming what was wrong. */
        static Optional<Settings> of(PluginConfig c, StringBuilder error) {
            if (c.check_path() == null || c.check_path().isBlank()) {
                error.append("check.path '").append(c.check_path()).append("' must name a path");
                return Optional.empty();
            }
            if (!(c.check_min_free_percent() > 0 && c.check_min_free_percent() < 100)) {
                error.append("check.min.free.percent ").append(c.check_min_free_percent()).append(" must lie in (0, 100)");
                return Optional.empty();
            }
            if (c.check_interval_seconds() < 1 || c.check_interval_seconds() > 3600) {
                error.append("check.interval.seconds ").append(c.check_interval_seconds()).append(" must lie in 1..3600");
                return Optional.empty();
            }
            return Optional.of(new Settings(Path.of(c.check_path()), c.check_min_free_percent(), c.check_interval_seconds()));
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(DiskSpaceCheck.class);

    private final EventAdmin events;
    private final ScheduledExecutorService timer;
    private volatile Settings settings;
    private ScheduledFuture<?> schedule;
    private boolean low;

    @Activate
    public DiskSpaceCheck(@Reference EventAdmin events, PluginConfig config) {
        this.events = events;
        // The check touches the disk, so it runs on a thread of its own, never on DS's.
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, SOURCE + "-check"));
        StringBuilder error = new StringBuilder();
        this.settings = Settings.of(config, error).orElseGet(() -> {
            LOG.warn("{}: {}; using the defaults", PluginConfig.PID, error);
            return new Settings(Path.of("/"), 5.0, 30);
        });
        reschedule();
    }

    @Modified
    void modified(PluginConfig config) {
        StringBuilder error = new StringBuilder();
        Optional<Settings> next = Settings.of(config, error);
        if (next.isEmpty()) {
            LOG.warn("{}: {}; keeping {}", PluginConfig.PID, error, settings);
            return;
        }
        settings = next.get();
        reschedule();
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        timer.shutdownNow();
        timer.awaitTermination(5, TimeUnit.SECONDS);
    }

    private synchronized void reschedule() {
        if (schedule != null) {
            schedule.cancel(false);
        }
        schedule = timer.scheduleWithFixedDelay(this::checkSafely, 0, settings.intervalSeconds(), TimeUnit.SECONDS);
    }

    private void checkSafely() {
        try {
            check();
        } catch (IOException | RuntimeException e) {
            LOG.warn("{}: cannot read the free space of {}: {}", PluginConfig.PID, settings.path(), e.toString());
        }
    }

    private void check() throws IOException {
        Settings s = settings;
        FileStore store = Files.getFileStore(s.path());
        double freePercent = 100.0 * store.getUsableSpace() / Math.max(1, store.getTotalSpace());
        Optional<Severity> severity = severity(freePercent, s.minFreePercent());
        if (severity.isPresent()) {
            low = true;
            post(s, severity.get(), freePercent);
        } else if (low) {
            low = false;
            post(s, Severity.INFO, freePercent);
        }
    }

    /** WARNING below the limit, CRITICAL below half of it, nothing above it. */
    static Optional<Severity> severity(double freePercent, double minFreePercent) {
        if (freePercent >= minFreePercent) {
            return Optional.empty();
        }
        return Optional.of(freePercent < minFreePercent / 2 ? Severity.CRITICAL : Severity.WARNING);
    }

    private void post(Settings s, Severity severity, double freePercent) {
        events.postEvent(event(s.path().toString(), severity, freePercent, s.minFreePercent(), System.currentTimeMillis()).toEvent());
    }

    /** The health event; {@link HealthEvent} fills in the keys every x0tta6bl4 health event carries. */
    static HealthEvent event(String subject, Severity severity, double freePercent, double minFreePercent, long now) {
        return new HealthEvent(AREA, KIND, subject, severity, SOURCE, now, freePercent, minFreePercent,
                String.format("%.1f%% free on %s (limit %.1f%%)", freePercent, subject, minFreePercent));
    }
}
