package io.x0tta6bl4.itests;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.charset.StandardCharsets;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Map;

import org.junit.Assume;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The distribution run with {@code bin/start} on the simulated mesh and a real headless
 * Chromium (the Debian package, through its chromedriver) on its topology page: what the page
 * itests share. In CI a missing browser fails; elsewhere the test skips and says why.
 */
final class PageBrowser implements AutoCloseable {

    static final Path CHROMIUM = Paths.get("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Paths.get("/usr/bin/chromedriver");
    private static final Duration BOOT_TIMEOUT = Duration.ofSeconds(120);

    /** user:password with the read role only, and with the write role too. */
    static final String VIEWER = "pageview:pageview-pw";
    static final String OPERATOR = "pageop:pageop-pw";

    final KarafProcess karaf;
    final WebHttp http;
    final ChromeDriver browser;

    private PageBrowser(KarafProcess karaf, WebHttp http, ChromeDriver browser) {
        this.karaf = karaf;
        this.http = http;
        this.browser = browser;
    }

    static void assumeBrowser() {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!present && "true".equals(System.getenv("CI"))) {
            throw new AssertionError(CHROMIUM + " or " + CHROMEDRIVER + " is missing: .ci/run installs chromium and chromium-driver");
        }
        Assume.assumeTrue("skipped: " + CHROMIUM + " and " + CHROMEDRIVER
                + " (Debian packages chromium, chromium-driver) are needed for the page test", present);
    }

    /**
     * Unpacks and starts the distribution, {@code sim} key-value pairs replacing lines of the
     * shipped config/io.x0tta6bl4.sim.cfg put into its etc/ before boot (never through Config Admin while it runs), and
     * opens a browser.
     */
    static PageBrowser start(String name, String... sim) throws Exception {
        return start(name, Map.of(), sim);
    }

    /** As {@link #start(String, String...)}, with {@code web} lines replaced in the shipped io.x0tta6bl4.web.cfg too. */
    static PageBrowser start(String name, Map<String, String> web, String... sim) throws Exception {
        assumeBrowser();
        KarafProcess karaf = KarafProcess.unpack(Paths.get(System.getProperty("x0tta6bl4.dist")),
                Paths.get("target", name + "-" + System.currentTimeMillis()));
        int port = FreePorts.next();
        KarafProcess.setProperty(karaf.home().resolve("etc/org.ops4j.pax.web.cfg"), "org.osgi.service.http.port", String.valueOf(port));
        if (sim.length > 0) {
            // the feature installs the file at first boot unless one is there (override="false"): put the shipped one
            Path cfg = karaf.home().resolve("etc/io.x0tta6bl4.sim.cfg");
            Files.copy(Paths.get("..", "config", "io.x0tta6bl4.sim.cfg"), cfg, StandardCopyOption.REPLACE_EXISTING);
            for (int i = 0; i + 1 < sim.length; i += 2) {
                KarafProcess.setProperty(cfg, sim[i], sim[i + 1]);
            }
        }
        if (!web.isEmpty()) {
            Path cfg = karaf.home().resolve("etc/io.x0tta6bl4.web.cfg");
            Files.copy(Paths.get("..", "config", "io.x0tta6bl4.web.cfg"), cfg, StandardCopyOption.REPLACE_EXISTING);
            for (Map.Entry<String, String> e : web.entrySet()) {
                KarafProcess.setProperty(cfg, e.getKey(), e.getValue());
            }
        }
        // a viewer (read role) and an operator (write role) for the page's reads and writes
        Files.writeString(karaf.home().resolve("etc/users.properties"), "\n" + VIEWER.replace(":", " = ") + ",viewer\n"
                + OPERATOR.replace(":", " = ") + ",admin,viewer\n", StandardCharsets.ISO_8859_1, StandardOpenOption.APPEND);
        karaf.start();
        WebHttp http = new WebHttp(port);
        try {
            Await.until("/ready 200", BOOT_TIMEOUT, () -> http.get("/ready").status() == 200, () -> http.get("/ready").toString());
            Path profile = Files.createTempDirectory(Paths.get("target").toAbsolutePath(), "chromium-profile-");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM.toFile());
            options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--disable-dev-shm-usage", "--window-size=1400,1000", "--user-data-dir=" + profile);
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
            return new PageBrowser(karaf, http, new ChromeDriver(service, options));
        } catch (Exception | AssertionError e) {
            karaf.destroy();
            throw e;
        }
    }

    Object script(String js) {
        return ((JavascriptExecutor) browser).executeScript(js);
    }

    /** A script that calls its last argument with the answer, waited for up to a minute. */
    Object asyncScript(String js) {
        browser.manage().timeouts().scriptTimeout(Duration.ofMinutes(1));
        return ((JavascriptExecutor) browser).executeAsyncScript(js);
    }

    /** From now on every request of the browser carries these credentials (user:password), or none. */
    void credentials(String user) {
        browser.executeCdpCommand("Network.enable", Map.of());
        browser.executeCdpCommand("Network.setExtraHTTPHeaders", Map.of("headers", user == null ? Map.of()
                : Map.of("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(user.getBytes(StandardCharsets.UTF_8)))));
    }

    long number(String js) {
        Object v = script(js);
        return v instanceof Number n ? n.longValue() : -1;
    }

    String summary() {
        try {
            return browser.findElement(By.id("summary")).getText();
        } catch (RuntimeException e) {
            return e.toString();
        }
    }

    Path screenshot(String name) throws IOException {
        File file = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Path target = Paths.get("target", name).toAbsolutePath();
        Files.copy(file.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
        return target;
    }

    @Override
    public void close() {
        try {
            browser.quit();
        } finally {
            karaf.destroy();
        }
    }
}
