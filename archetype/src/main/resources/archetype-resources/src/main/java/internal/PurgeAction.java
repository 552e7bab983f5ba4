package ${package}.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import io.x0tta6bl4.api.healing.ActionRequest;
import io.x0tta6bl4.api.healing.ActionResult;
import io.x0tta6bl4.api.healing.RemediationAction;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;

/**
 * A remediation action for {@code DISK_LOW}: deletes the regular files directly in the
 * configured directory that are older than the configured age, oldest first. The healing
 * loop calls it on one of its worker threads; it never follows links or enters directories.
 */
@Component(configurationPid = PluginConfig.PID, property = {
    RemediationAction.NAME + "=" + PurgeAction.NAME,
    RemediationAction.KINDS + "=" + DiskSpaceCheck.KIND,
    RemediationAction.DISRUPTIVE + ":Boolean=false",
    RemediationAction.APPROVAL + ":Boolean=false",
    RemediationAction.VERIFY + ":Boolean=true"
})
public class PurgeAction implements RemediationAction {

    static final String NAME = "purge";
    /** At most this many files per run, so one run stays short. */
    static final int MAX_FILES = 10_000;

    private volatile PluginConfig config;

    @Activate
    public PurgeAction(PluginConfig config) {
        this.config = config;
    }

    @Modified
    void modified(PluginConfig config) {
        this.config = config;
    }

    @Override
    public ActionResult execute(ActionRequest request) throws IOException {
        PluginConfig c = config;
        if (c.purge_directory() == null || c.purge_directory().isBlank()) {
            return ActionResult.skipped("purge.directory is not configured");
        }
        if (c.purge_min_age_minutes() < 0) {
            return ActionResult.failed("purge.min.age.minutes " + c.purge_min_age_minutes() + " must be >= 0");
        }
        Path dir = Path.of(c.purge_directory());
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return ActionResult.failed("purge.directory " + dir + " is not a directory");
        }
        Instant cutoff = Instant.now().minus(Duration.ofMinutes(c.purge_min_age_minutes()));
        long[] freed = purge(dir, cutoff);
        return ActionResult.succeeded("deleted " + freed[0] + " files (" + freed[1] + " bytes) from " + dir
                + " for " + request.subject());
    }

    /** Deletes regular files in dir last modified before cutoff, oldest first; returns {files, bytes}. */
    static long[] purge(Path dir, Instant cutoff) throws IOException {
        List<Path> old = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(f -> Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS))
                    .filter(f -> modified(f).isBefore(cutoff))
                    .sorted(Comparator.comparing(PurgeAction::modified))
                    .limit(MAX_FILES)
                    .forEach(old::add);
        }
        long count = 0;
        long bytes = 0;
        for (Path f : old) {
            long size = Files.readAttributes(f, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).size();
            if (Files.deleteIfExists(f)) {
                count++;
                bytes += size;
            }
        }
        return new long[] {count, bytes};
    }

    private static Instant modified(Path f) {
        try {
            return Files.getLastModifiedTime(f, LinkOption.NOFOLLOW_LINKS).toInstant();
        } catch (IOException e) {
            return Instant.MAX;
        }
    }
}
