package io.x0tta6bl4.meshlab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The lab's timeline (every step with its time since the lab started) and its summary table
 * (each check with its measured time, the limit the test enforces and the peer figure),
 * printed as it goes and written to {@code report.md}.
 */
final class Report {

    record Check(String name, String result, Duration measured, String limit, String peer) {
    }

    private final long start = System.nanoTime();
    private final Path file;
    private final List<String> timeline = new ArrayList<>();
    private final List<Check> checks = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    Report(Path file) {
        this.file = file;
    }

    /** Milliseconds since the lab started. */
    long now() {
        return (System.nanoTime() - start) / 1_000_000;
    }

    synchronized void step(String what) {
        String line = String.format("%8.1f s  %s", now() / 1000.0, what);
        timeline.add(line);
        System.out.println("meshlab " + line);
    }

    synchronized void check(String name, String result, Duration measured, String limit, String peer) {
        checks.add(new Check(name, result, measured, limit, peer));
        step("check " + name + ": " + result + (measured == null ? "" : " in " + seconds(measured)));
    }

    synchronized void note(String text) {
        notes.add(text);
    }

    static String seconds(Duration d) {
        return d == null ? "-" : String.format("%.1f s", d.toMillis() / 1000.0);
    }

    synchronized void write() throws IOException {
        StringBuilder b = new StringBuilder("# x0tta6bl4 mesh lab report\n\n## Summary\n\n");
        b.append("| check | result | measured | enforced limit | batman-adv / peer |\n|---|---|---|---|---|\n");
        for (Check c : checks) {
            b.append("| ").append(c.name()).append(" | ").append(c.result()).append(" | ").append(seconds(c.measured()))
                    .append(" | ").append(c.limit()).append(" | ").append(c.peer()).append(" |\n");
        }
        b.append("\n## Timeline\n\n```\n");
        timeline.forEach(l -> b.append(l).append('\n'));
        b.append("```\n");
        for (String n : notes) {
            b.append('\n').append(n).append('\n');
        }
        Files.createDirectories(file.getParent());
        Files.writeString(file, b.toString());
        System.out.println(b);
    }
}
