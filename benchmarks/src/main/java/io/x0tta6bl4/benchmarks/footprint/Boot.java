package io.x0tta6bl4.benchmarks.footprint;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/** One boot of one distribution: seconds to each boot point, and memory a fixed time after start. */
record Boot(String dist, String kind, double shellUp, double bootFinished, double nodeUp,
        double residentMiB, double heapMiB, double metaspaceMiB) {

    static final String HEADER = "dist     boot  first-answer  boot-finished  node-up   RSS MiB  heap-after-GC MiB  metaspace MiB";

    String row() {
        return String.format(Locale.ROOT, "%-8s %-5s %10.2f s %12.2f s %8s %9.1f %18.1f %14.1f", dist, kind, shellUp,
                bootFinished, Double.isNaN(nodeUp) ? "-" : String.format(Locale.ROOT, "%.2f s", nodeUp),
                residentMiB, heapMiB, metaspaceMiB);
    }

    /** Medians per distribution and boot kind, and ours against vanilla. */
    static List<String> summary(List<Boot> boots) {
        List<String> lines = new ArrayList<>();
        lines.add("medians:");
        for (String kind : List.of("cold", "warm")) {
            List<Boot> vanilla = boots.stream().filter(b -> b.dist().equals("vanilla") && b.kind().equals(kind)).toList();
            List<Boot> ours = boots.stream().filter(b -> b.dist().equals("ours") && b.kind().equals(kind)).toList();
            double vFirst = median(vanilla, Boot::shellUp);
            double vFinished = median(vanilla, Boot::bootFinished);
            double oFirst = median(ours, Boot::shellUp);
            double oFinished = median(ours, Boot::bootFinished);
            double oNode = median(ours, Boot::nodeUp);
            lines.add(String.format(Locale.ROOT,
                    "%s boot: vanilla first answer %.2f s, boot finished %.2f s; ours first answer %.2f s, boot finished %.2f s,"
                            + " node up %.2f s", kind, vFirst, vFinished, oFirst, oFinished, oNode));
            lines.add(String.format(Locale.ROOT,
                    "%s boot ratio ours/vanilla: node up / first answer %.2fx, first answer %.2fx, boot finished %.2fx",
                    kind, oNode / vFirst, oFirst / vFirst, oFinished / vFinished));
            lines.add(String.format(Locale.ROOT,
                    "%s memory: vanilla RSS %.1f MiB, heap %.1f MiB; ours RSS %.1f MiB, heap %.1f MiB, metaspace %.1f MiB",
                    kind, median(vanilla, Boot::residentMiB), median(vanilla, Boot::heapMiB),
                    median(ours, Boot::residentMiB), median(ours, Boot::heapMiB), median(ours, Boot::metaspaceMiB)));
        }
        return lines;
    }

    private static double median(List<Boot> boots, ToDoubleFunction<Boot> figure) {
        double[] v = boots.stream().mapToDouble(figure).sorted().toArray();
        if (v.length == 0) {
            return Double.NaN;
        }
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
