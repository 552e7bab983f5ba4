import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Sums the surefire and failsafe XML reports under a tree into one line:
 * {@code tests: run N, passed P, failed F, skipped S}. Exits 1 when a test failed or
 * nothing ran at all.
 */
public class TestSummary {

    private static final Pattern SUITE = Pattern.compile("<testsuite\\b[^>]*>");

    public static void main(String[] args) throws IOException {
        Path root = Path.of(args.length > 0 ? args[0] : ".");
        int run = 0, failed = 0, skipped = 0, suites = 0;
        List<Path> reports;
        try (Stream<Path> files = Files.walk(root)) {
            reports = files.filter(p -> p.getFileName().toString().matches("TEST-.*\\.xml"))
                    .filter(p -> p.toString().contains("surefire-reports") || p.toString().contains("failsafe-reports"))
                    .toList();
        }
        for (Path report : reports) {
            Matcher m = SUITE.matcher(Files.readString(report));
            if (!m.find()) {
                continue;
            }
            String tag = m.group();
            suites++;
            run += attr(tag, "tests");
            failed += attr(tag, "failures") + attr(tag, "errors");
            skipped += attr(tag, "skipped");
        }
        int passed = run - failed - skipped;
        System.out.printf("tests: run %d, passed %d, failed %d, skipped %d (%d test classes)%n",
                run, passed, failed, skipped, suites);
        System.exit(failed > 0 || run == 0 ? 1 : 0);
    }

    private static int attr(String tag, String name) {
        Matcher m = Pattern.compile("\\b" + name + "=\"(\\d+)\"").matcher(tag);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }
}
