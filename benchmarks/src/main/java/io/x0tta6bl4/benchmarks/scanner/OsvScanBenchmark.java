package io.x0tta6bl4.benchmarks.scanner;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import io.x0tta6bl4.api.scanner.Finding;
import io.x0tta6bl4.scanner.internal.BundleScanner;
import io.x0tta6bl4.scanner.internal.osv.Advisory;
import io.x0tta6bl4.scanner.internal.osv.OsvDatabase;
import io.x0tta6bl4.scanner.internal.osv.OsvParser;
import io.x0tta6bl4.scanner.internal.sbom.Component;
import io.x0tta6bl4.scanner.internal.sbom.Coordinates;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The vulnerability part of a full scan: every Maven coordinate of the distribution's bundles
 * (and of the jars embedded in them) matched against an OSV database of {@code advisories}
 * advisories, through the scanner's package index ({@code indexed}), against the plain
 * baseline, a linear match over every advisory for each coordinate ({@code linear}), in the
 * same run. {@code load} is reading the advisories' JSON and building the index (what a
 * {@code scan:db-import} or a restart costs).
 * <p>
 * The real OSV Maven export cannot be downloaded here, so the database is synthetic, shaped
 * like the real advisories (GHSA-like ids, aliases, summary, {@code database_specific.severity},
 * one to three affected entries with ECOSYSTEM ranges of introduced/fixed/last_affected events,
 * some with explicit versions), over 4,000 packages; the components are 120 bundles with 312
 * coordinates in all (the distribution has 116 bundles), a tenth of them on advisory
 * packages. Both ways must report the same findings, which setup checks.
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar OsvScanBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class OsvScanBenchmark {

    @Param({"10000"})
    int advisories;

    private List<String> json;
    private List<Advisory> parsed;
    private OsvDatabase db;
    private List<Component> components;

    @Setup
    public void setUp() throws Exception {
        Random rnd = new Random(42);
        json = new ArrayList<>();
        for (int i = 0; i < advisories; i++) {
            json.add(advisory(i, rnd));
        }
        long before = usedHeap();
        parsed = parse(json);
        db = new OsvDatabase(parsed, Instant.EPOCH, "synthetic");
        long heap = usedHeap() - before;
        components = components(rnd);
        List<Finding> a = BundleScanner.match(components, db);
        List<Finding> b = linear();
        if (!a.equals(b) || a.isEmpty()) {
            throw new IllegalStateException("indexed and linear disagree: " + a.size() + " vs " + b.size());
        }
        System.out.println();
        System.out.println("findings: " + a.size() + " from " + components.size() + " bundles, "
                + components.stream().mapToInt(c -> c.coordinates().size()).sum() + " coordinates, "
                + db.advisories() + " advisories on " + db.packages() + " packages, "
                + heap / (1024 * 1024) + " MiB of heap for the parsed advisories and the index");
    }

    @Benchmark
    public List<Finding> indexed() {
        return BundleScanner.match(components, db);
    }

    @Benchmark
    public List<Finding> linear() {
        return BundleScanner.match(components, (pkg, version) -> OsvDatabase.matchLinear(parsed, pkg, version));
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 2)
    @Measurement(iterations = 5)
    public OsvDatabase load() throws Exception {
        return new OsvDatabase(parse(json), Instant.EPOCH, "synthetic");
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }

    private static List<Advisory> parse(List<String> docs) throws Exception {
        List<Advisory> out = new ArrayList<>(docs.size());
        for (int i = 0; i < docs.size(); i++) {
            out.add(OsvParser.parse("GHSA-" + i + ".json",
                    new ByteArrayInputStream(docs.get(i).getBytes(StandardCharsets.UTF_8))));
        }
        return out;
    }

    static String pkg(int p) {
        return "org.example.g" + (p % 300) + ":lib-" + p;
    }

    static String advisory(int i, Random rnd) {
        String[] sev = {"LOW", "MODERATE", "HIGH", "CRITICAL"};
        StringBuilder affected = new StringBuilder();
        int entries = 1 + rnd.nextInt(3);
        for (int e = 0; e < entries; e++) {
            int major = 1 + rnd.nextInt(4);
            String events = rnd.nextInt(5) == 0
                    ? "{\"introduced\":\"0\"},{\"last_affected\":\"" + major + "." + rnd.nextInt(10) + ".RELEASE\"}"
                    : "{\"introduced\":\"" + major + ".0.0-M1\"},{\"fixed\":\"" + major + "." + (1 + rnd.nextInt(9))
                    + "." + rnd.nextInt(20) + "\"}";
            affected.append(e > 0 ? "," : "").append("{\"package\":{\"ecosystem\":\"Maven\",\"name\":\"")
                    .append(pkg(rnd.nextInt(4000))).append("\"},\"ranges\":[{\"type\":\"ECOSYSTEM\",\"events\":[")
                    .append(events).append("]}]")
                    .append(rnd.nextInt(10) == 0 ? ",\"versions\":[\"" + major + ".0.0\",\"" + major + ".0.1\"]" : "")
                    .append('}');
        }
        return "{\"schema_version\":\"1.4.0\",\"id\":\"GHSA-syn-" + i + "\",\"modified\":\"2024-0"
                + (1 + rnd.nextInt(9)) + "-01T00:00:00Z\",\"published\":\"2023-01-01T00:00:00Z\","
                + "\"aliases\":[\"CVE-2099-" + i + "\"],\"summary\":\"synthetic advisory " + i + "\","
                + "\"details\":\"Shaped like a GitHub-reviewed advisory.\",\"affected\":[" + affected + "],"
                + "\"database_specific\":{\"cwe_ids\":[\"CWE-20\"],\"severity\":\"" + sev[rnd.nextInt(4)]
                + "\",\"github_reviewed\":true}}";
    }

    private static List<Component> components(Random rnd) {
        List<Component> out = new ArrayList<>();
        for (int b = 0; b < 120; b++) {
            List<Coordinates> coords = new ArrayList<>();
            int n = b % 10 == 0 ? 8 : 2; // a few bundles embed several jars, like healing and scanner
            for (int j = 0; j < n; j++) {
                boolean onAdvisoryPackage = rnd.nextInt(10) == 0;
                String ga = onAdvisoryPackage ? pkg(rnd.nextInt(4000)) : "org.other.g" + b + ":own-" + j;
                String[] parts = ga.split(":");
                String version = (1 + rnd.nextInt(4)) + "." + rnd.nextInt(10) + "." + rnd.nextInt(20);
                coords.add(new Coordinates(parts[0], parts[1], version, j == 0 ? "location" : "lib/" + parts[1] + ".jar"));
            }
            out.add(new Component(b, "bundle.b" + b, "1.0.0", "mvn:x/b" + b + "/1.0.0", "Active", coords, null, null));
        }
        return out;
    }
}
