package io.x0tta6bl4.benchmarks.footprint;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Boot time and memory of our distribution against vanilla Karaf, booted alternately on the
 * same machine (issue 20's footprint figures); then, optionally, our resident memory under the
 * simulator's churn and the live heap per simulated mesh size. Run by {@code benchmarks/footprint.sh}.
 *
 * <p>Boot is measured to three points: the first answered shell command ({@code version}); boot
 * finished (Karaf's {@code BootFinished} service, every boot feature installed and started); and,
 * for ours, the node up: {@code mesh:stats} shows the whole simulated mesh and {@code /ready}
 * answers 200. The comparison the issue asks for is ours' node up against vanilla's first answer.
 * Each distribution boots cold (a fresh unpack: features resolved, bundle cache written) and then
 * warm (the same folder again, as a node restarts).
 */
public final class FootprintBenchmark {

    private static final Duration BOOT_LIMIT = Duration.ofMinutes(5);
    private static final Duration RETENTION_WAIT = Duration.ofMinutes(10);
    private static final long POLL_MS = 200;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, String> options;
    private final Path work;
    private final Path javaHome = Path.of(System.getProperty("java.home"));
    private final KarafShell shell = new KarafShell();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private FootprintBenchmark(Map<String, String> options) {
        this.options = options;
        this.work = Path.of(options.getOrDefault("work", "benchmarks/target/footprint"));
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        if (!options.containsKey("ours") || !options.containsKey("vanilla")) {
            System.err.println("usage: FootprintBenchmark --ours <dist.tar.gz> --vanilla <apache-karaf-4.4.10.tar.gz>"
                    + " [--runs 3] [--settle 60] [--churn-minutes 0] [--sizes 1000,5000,10000] [--work dir]"
                    + " [--ours-java-opts '...'] [--vanilla-java-opts '...']");
            System.exit(2);
        }
        FootprintBenchmark benchmark = new FootprintBenchmark(options);
        try {
            benchmark.run();
        } finally {
            benchmark.shell.close();
        }
    }

    private void run() throws Exception {
        deleteTree(work);
        Files.createDirectories(work);
        System.out.printf("JVM of both: %s (%s), %d cores%n", javaHome, Runtime.version(),
                Runtime.getRuntime().availableProcessors());
        int runs = Integer.parseInt(options.getOrDefault("runs", "3"));
        List<Boot> boots = new ArrayList<>();
        if (runs > 0) {
            System.out.println(Boot.HEADER);
        }
        for (int r = 1; r <= runs; r++) {
            List<String> order = r % 2 == 1 ? List.of("vanilla", "ours") : List.of("ours", "vanilla");
            for (String dist : order) {
                KarafHome karaf = KarafHome.unpack(dist, Path.of(options.get(dist)), work.resolve(dist + "-" + r));
                for (String kind : List.of("cold", "warm")) {
                    Boot boot = boot(karaf, kind, 30);
                    boots.add(boot);
                    System.out.println(boot.row());
                }
            }
        }
        if (!boots.isEmpty()) {
            Boot.summary(boots).forEach(System.out::println);
        }
        int churn = Integer.parseInt(options.getOrDefault("churn-minutes", "0"));
        if (churn > 0) {
            churn(churn);
        }
        String sizes = options.getOrDefault("sizes", "");
        if (!sizes.isBlank()) {
            scale(Arrays.stream(sizes.split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray());
        }
    }

    /** Starts {@code karaf}, waits for the three boot points, lets it settle, reads memory, stops it. */
    private Boot boot(KarafHome karaf, String kind, int meshSize) throws Exception {
        boolean ours = karaf.label().equals("ours");
        karaf.start(javaHome, options.getOrDefault(karaf.label() + "-java-opts", ""));
        try {
            double shellUp = await(karaf, "the first answered command",
                    () -> shell.run(karaf, "version").isPresent());
            double bootFinished = await(karaf, "BootFinished",
                    () -> shell.run(karaf, "service:list org.apache.karaf.features.BootFinished").filter(o -> o.contains("BootFinished")).isPresent());
            double nodeUp = ours ? await(karaf, "the node up", () -> meshNodes(karaf) == meshSize && ready(karaf)) : Double.NaN;
            settle(karaf);
            double rss = karaf.residentMiB();
            KarafHome.HeapFigures heap = karaf.heapAfterFullGc(javaHome);
            return new Boot(karaf.label(), kind, shellUp, bootFinished, nodeUp, rss, heap.heapMiB(), heap.metaspaceMiB());
        } finally {
            karaf.stop();
        }
    }

    private void settle(KarafHome karaf) throws InterruptedException {
        double settle = Double.parseDouble(options.getOrDefault("settle", "60"));
        long left = (long) ((settle - karaf.elapsedSeconds()) * 1000);
        if (left > 0) {
            Thread.sleep(left); // memory is read a fixed time after start, the same for both
        }
    }

    /** Our resident memory and live heap once a minute while the 30-node simulator churns. */
    private void churn(int minutes) throws Exception {
        KarafHome karaf = KarafHome.unpack("ours", Path.of(options.get("ours")), work.resolve("ours-churn"));
        karaf.start(javaHome, options.getOrDefault("ours-java-opts", ""));
        try {
            await(karaf, "the node up", () -> meshNodes(karaf) == 30 && ready(karaf));
            System.out.println("churn of the 30-node simulator (every link, every second): minute, RSS MiB, heap after GC MiB");
            for (int m = 0; m <= minutes; m++) {
                if (m > 0) {
                    Thread.sleep(60_000); // one sample a minute of a process left alone
                }
                double rss = karaf.residentMiB();
                KarafHome.HeapFigures heap = karaf.heapAfterFullGc(javaHome);
                System.out.printf(Locale.ROOT, "churn %3d min  RSS %6.1f  heap %6.1f  metaspace %5.1f%n",
                        m, rss, heap.heapMiB(), heap.metaspaceMiB());
            }
        } finally {
            karaf.stop();
        }
    }

    /** Live heap at each simulated mesh size; after the last, the mesh shrinks to 30 nodes in the running node. */
    private void scale(int[] sizes) throws Exception {
        System.out.println("live heap by simulated mesh size (fresh node each, 60 s after the mesh is complete, after a full GC)");
        for (int i = 0; i < sizes.length; i++) {
            int size = sizes[i];
            KarafHome karaf = KarafHome.unpack("ours", Path.of(options.get("ours")), work.resolve("ours-" + size));
            simSize(karaf, size);
            karaf.start(javaHome, options.getOrDefault("ours-java-opts", ""));
            try {
                double complete = await(karaf, size + " nodes", () -> meshNodes(karaf) == size);
                Thread.sleep(60_000); // the same settling time at every size
                KarafHome.HeapFigures heap = karaf.heapAfterFullGc(javaHome);
                System.out.printf(Locale.ROOT, "size %6d  complete after %5.1f s  RSS %7.1f MiB  heap %7.1f MiB  metaspace %5.1f MiB%n",
                        size, complete, karaf.residentMiB(), heap.heapMiB(), heap.metaspaceMiB());
                if (i == sizes.length - 1) {
                    shrink(karaf);
                }
            } finally {
                karaf.stop();
            }
        }
    }

    private void shrink(KarafHome karaf) throws Exception {
        shell.run(karaf, "config:property-set -p io.x0tta6bl4.sim size 30").orElseThrow(
                () -> new IllegalStateException("config:property-set of the sim's size failed"));
        double start = karaf.elapsedSeconds();
        // the nodes that left are DOWN first and forgotten after the topology's retention (5 min)
        await(karaf, "30 nodes again", () -> meshNodes(karaf) == 30, RETENTION_WAIT);
        System.out.printf(Locale.ROOT, "shrunk to 30 nodes after %.1f s%n", karaf.elapsedSeconds() - start);
        Thread.sleep(60_000); // as long as at every size
        KarafHome.HeapFigures heap = karaf.heapAfterFullGc(javaHome);
        System.out.printf(Locale.ROOT, "size     30 (after the largest, same JVM)  RSS %7.1f MiB  heap %7.1f MiB  metaspace %5.1f MiB%n",
                karaf.residentMiB(), heap.heapMiB(), heap.metaspaceMiB());
    }

    private static void simSize(KarafHome karaf, int size) throws IOException {
        Path shipped;
        try (Stream<Path> files = Files.walk(karaf.home().resolve("system/io/x0tta6bl4/x0tta6bl4-config"))) {
            shipped = files.filter(p -> p.getFileName().toString().endsWith("-sim.cfg")).findFirst()
                    .orElseThrow(() -> new IOException("no sim configuration in the distribution's system/"));
        }
        Path cfg = karaf.etc("io.x0tta6bl4.sim.cfg");
        Files.copy(shipped, cfg);
        karaf.setProperty(cfg, "size", String.valueOf(size));
    }

    /** Nodes of our topology as {@code mesh:stats --json} reports them; -1 while it does not answer. */
    private int meshNodes(KarafHome karaf) {
        return shell.run(karaf, "mesh:stats --json").map(out -> {
            try {
                JsonNode stats = JSON.readTree(out.substring(Math.max(0, out.indexOf('{'))));
                return stats.path("nodes").asInt(-1);
            } catch (IOException e) {
                return -1;
            }
        }).orElse(-1);
    }

    private boolean ready(KarafHome karaf) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + karaf.httpPort() + "/ready"))
                    .timeout(Duration.ofSeconds(5)).build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    interface Check {
        boolean holds() throws Exception;
    }

    /** Seconds since start when {@code check} first held, polling every 200 ms for at most 5 minutes. */
    private static double await(KarafHome karaf, String what, Check check) throws Exception {
        return await(karaf, what, check, BOOT_LIMIT);
    }

    private static double await(KarafHome karaf, String what, Check check, Duration limit) throws Exception {
        double deadline = karaf.elapsedSeconds() + limit.toSeconds();
        while (true) {
            if (check.holds()) {
                return karaf.elapsedSeconds();
            }
            if (!karaf.alive()) {
                throw new IllegalStateException(karaf.label() + " exited before " + what + ": see " + karaf.home().resolve("server.out"));
            }
            if (karaf.elapsedSeconds() > deadline) {
                throw new IllegalStateException(karaf.label() + ": no " + what + " within " + limit.toMinutes() + " min");
            }
            Thread.sleep(POLL_MS); // the poll interval
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted((a, b) -> b.compareTo(a)).toList()) {
                Files.delete(p);
            }
        }
    }
}
