package io.x0tta6bl4.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import org.junit.After;
import org.junit.Assume;
import org.junit.Before;
import org.junit.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The topology page in a real headless Chromium (the Debian package, driven through its
 * chromedriver) against the distribution run with {@code bin/start} on the simulated mesh: it
 * draws all 30 nodes, turns a failed node red, and draws a requested path; a page of another
 * origin reads the meshviewer export as a map served elsewhere would. Screenshots go to
 * {@code itests/target/web-topology-*.png}.
 */
public class WebPageIT {

    static final Path CHROMIUM = Paths.get("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Paths.get("/usr/bin/chromedriver");
    private static final Duration BOOT_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int SIZE = PlatformTestSupport.SIM_SIZE;

    private KarafProcess karaf;
    private ChromeDriver browser;
    private WebHttp http;
    private Path profile;

    @Before
    public void startDistributionAndBrowser() throws Exception {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!present && "true".equals(System.getenv("CI"))) {
            throw new AssertionError(CHROMIUM + " or " + CHROMEDRIVER + " is missing: .ci/run installs chromium and chromium-driver");
        }
        Assume.assumeTrue("skipped: " + CHROMIUM + " and " + CHROMEDRIVER
                + " (Debian packages chromium, chromium-driver) are needed for the page test", present);
        String dist = System.getProperty("x0tta6bl4.dist");
        karaf = KarafProcess.unpack(Paths.get(dist), Paths.get("target", "webpage-" + System.currentTimeMillis()));
        int port = freePort();
        setHttpPort(karaf.home().resolve("etc/org.ops4j.pax.web.cfg"), port);
        karaf.start();
        http = new WebHttp(port);
        Await.until("/ready 200", BOOT_TIMEOUT, () -> http.get("/ready").status() == 200, () -> http.get("/ready").toString());
        String set = karaf.client("config:property-set -p io.x0tta6bl4.topology node.timeout.ms 1500");
        assertTrue(set, !set.contains("Error"));

        profile = Files.createTempDirectory(Paths.get("target").toAbsolutePath(), "chromium-profile-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1400,1000", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @After
    public void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (karaf != null) {
            karaf.destroy();
        }
    }

    @Test
    public void thePageDrawsTheMeshFollowsAFailedNodeAndDrawsAPath() throws Exception {
        long t0 = System.nanoTime();
        browser.get(http.base() + "/ui/");
        Await.until("the page drawing " + SIZE + " UP nodes", WAIT,
                () -> number("return window.cy ? cy.nodes('[state = \"UP\"]').length : -1") == SIZE,
                () -> summary());
        long drawnMs = (System.nanoTime() - t0) / 1_000_000;
        Await.until("the page following the topology stream", WAIT,
                () -> "stream".equals(script("return meshPage.mode")), () -> String.valueOf(script("return meshPage.mode")));
        assertEquals(SIZE, number("return cy.nodes().length"));
        assertTrue("edges drawn", number("return cy.edges().length") > SIZE);
        // the counts say what they count: the API's directed links, the drawing's node pairs
        java.util.regex.Matcher counts = java.util.regex.Pattern.compile(
                SIZE + " nodes \\(" + SIZE + " up\\), (\\d+) directed links \\((\\d+) node pairs drawn\\).*").matcher(summary());
        assertTrue(summary(), counts.matches());
        assertEquals(number("return cy.edges().length"), Long.parseLong(counts.group(2)));
        assertTrue(summary(), Long.parseLong(counts.group(1)) >= Long.parseLong(counts.group(2)));
        JsonNode whole = new ObjectMapper().readTree(http.get("/api/v1/topology").body());
        assertEquals("critical nodes marked as the API names them", whole.get("articulationPoints").size(),
                number("return cy.nodes('[?critical]').length"));
        // each node under its own name, gateways as hexagons (the legend says so)
        for (JsonNode n : whole.get("nodes")) {
            String id = n.get("id").asText();
            assertEquals(id, n.get("attributes").get("hostname").asText(),
                    script("return cy.getElementById('" + id + "').style('label')"));
        }
        assertEquals("node-07", script("return cy.getElementById('sim-07').style('label')"));
        assertEquals("node-07", script("return document.querySelector('#node-list option[value=\"sim-07\"]').label"));
        List<String> gateways = new java.util.ArrayList<>();
        for (JsonNode n : whole.get("nodes")) {
            if ("GATEWAY".equals(n.get("role").asText())) {
                gateways.add(n.get("id").asText());
            }
        }
        assertEquals(List.of("sim-10", "sim-20", "sim-30"), gateways);
        for (String g : gateways) {
            boolean critical = whole.get("articulationPoints").toString().contains("\"" + g + "\"");
            assertEquals(g, critical ? "diamond" : "hexagon", script("return cy.getElementById('" + g + "').style('shape')"));
        }
        String legend = browser.findElement(By.id("legend")).getText();
        assertTrue(legend, legend.contains("gateway") && legend.contains("bridge") && legend.contains("critical"));
        screenshot("web-topology-mesh.png");

        // fail all neighbours but one of a sparse node: the one left becomes critical
        List<String> around = cutOff(whole);
        String victim = around.get(0);
        String critical = around.get(around.size() - 1);
        long fetchesBefore = number("return meshPage.fetches");
        long t1 = System.nanoTime();
        for (String v : around.subList(0, around.size() - 1)) {
            String failed = karaf.client("sim:fail-node " + v);
            assertTrue(failed, failed.contains(v + " failed"));
        }
        Await.until(victim + " drawn DOWN", WAIT,
                () -> "DOWN".equals(script("return cy.getElementById('" + victim + "').data('state')")), () -> summary());
        long downMs = (System.nanoTime() - t1) / 1_000_000;
        assertEquals("pushed, not polled", "stream", script("return meshPage.mode"));
        assertTrue("the failure reached the page by a fetch on an announced version",
                number("return meshPage.fetches") > fetchesBefore);
        assertEquals("rgb(198,40,40)", script("return cy.getElementById('" + victim + "').style('background-color')"));
        Await.until((around.size() - 1) + " nodes drawn DOWN", WAIT,
                () -> number("return cy.nodes('[state = \"DOWN\"]').length") == around.size() - 1, () -> summary());
        Await.until(critical + " marked critical", WAIT,
                () -> "diamond".equals(script("return cy.getElementById('" + critical + "').style('shape')")),
                () -> summary());
        screenshot("web-topology-failed.png");

        // the ends by search: one by its hostname, one by its id
        browser.findElement(By.id("path-from")).clear();
        browser.findElement(By.id("path-from")).sendKeys("node-01");
        browser.findElement(By.id("path-to")).clear();
        browser.findElement(By.id("path-to")).sendKeys("sim-30");
        browser.findElement(By.id("path-go")).click();
        Await.until("the path drawn", WAIT, () -> number("return cy.edges('.path').length") > 0,
                () -> browser.findElement(By.id("path-result")).getText());
        JsonNode path = new ObjectMapper().readTree(http.get("/api/v1/topology/path?from=sim-01&to=sim-30").body());
        List<String> hops = new java.util.ArrayList<>();
        path.get("hops").forEach(h -> hops.add(h.asText()));
        assertEquals(hops.size() - 1, number("return cy.edges('.path').length"));
        assertEquals(hops.size(), number("return cy.nodes('.path').length"));
        for (String hop : hops) {
            assertEquals(hop, Boolean.TRUE, script("return cy.getElementById('" + hop + "').hasClass('path')"));
            assertEquals(hop + " stays round", script("return cy.getElementById('" + hop + "').style('height')"),
                    script("return cy.getElementById('" + hop + "').style('width')"));
        }
        assertTrue(browser.findElement(By.id("path-result")).getText().startsWith(String.join(" → ", hops)));
        Path shot = screenshot("web-topology-path.png");
        String ffrgb = meshviewerJsonFromAnotherOrigin();
        System.out.println("page drew " + SIZE + " nodes " + drawnMs + " ms after loading; " + victim
                + " drawn DOWN " + downMs + " ms after sim:fail-node (node.timeout.ms 1500); path "
                + String.join(" ", hops) + "; " + ffrgb + "; screenshots in " + shot.getParent());
    }

    /**
     * As a meshviewer served from another origin reads the node: a page of a second server on
     * loopback fetches {@code /meshviewer/meshviewer.json} and a missing file, and checks the
     * export field by field against the ffrgb shape (src/test/resources/webpage/ffrgb-check.js).
     */
    @SuppressWarnings("unchecked")
    private String meshviewerJsonFromAnotherOrigin() throws IOException {
        HttpServer elsewhere = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        byte[] page = "<!doctype html><title>a map elsewhere</title>".getBytes(StandardCharsets.UTF_8);
        elsewhere.createContext("/", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "text/html");
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        elsewhere.start();
        try {
            browser.get("http://127.0.0.1:" + elsewhere.getAddress().getPort() + "/");
            browser.manage().timeouts().scriptTimeout(WAIT);
            String check = new String(WebPageIT.class.getResourceAsStream("/webpage/ffrgb-check.js").readAllBytes(),
                    StandardCharsets.UTF_8);
            java.util.Map<String, Object> result = (java.util.Map<String, Object>)
                    ((JavascriptExecutor) browser).executeAsyncScript(check, http.base());
            assertEquals("meshviewer.json against the ffrgb shape", List.of(), result.get("problems"));
            assertEquals((long) SIZE, result.get("nodes"));
            assertTrue(result.toString(), (Long) result.get("links") > 0);
            assertEquals("a 404 a map elsewhere can read", 404L, result.get("missingStatus"));
            return "meshviewer.json from another origin: " + result.get("nodes") + " nodes, " + result.get("links")
                    + " links, no problems";
        } finally {
            elsewhere.stop(0);
        }
    }

    /**
     * For the node with the fewest neighbours (away from sim-01 and sim-30): all its neighbours
     * but the last, to fail, then the last, which becomes the node's only way into the mesh.
     */
    private static List<String> cutOff(JsonNode whole) {
        java.util.Map<String, java.util.TreeSet<String>> neighbours = new java.util.TreeMap<>();
        for (JsonNode l : whole.get("links")) {
            neighbours.computeIfAbsent(l.get("from").asText(), k -> new java.util.TreeSet<>()).add(l.get("to").asText());
            neighbours.computeIfAbsent(l.get("to").asText(), k -> new java.util.TreeSet<>()).add(l.get("from").asText());
        }
        List<String> ends = List.of("sim-01", "sim-30");
        return neighbours.entrySet().stream()
                .filter(e -> !ends.contains(e.getKey()) && e.getValue().size() >= 2
                        && e.getValue().stream().noneMatch(ends::contains))
                .min(java.util.Comparator.comparingInt(e -> e.getValue().size()))
                .map(e -> List.copyOf(e.getValue()))
                .orElseThrow(() -> new AssertionError("no node to cut off in " + neighbours));
    }

    private String summary() {
        try {
            return browser.findElement(By.id("summary")).getText();
        } catch (RuntimeException e) {
            return e.toString();
        }
    }

    private Object script(String js) {
        return ((JavascriptExecutor) browser).executeScript(js);
    }

    private long number(String js) {
        Object v = script(js);
        return v instanceof Number n ? n.longValue() : -1;
    }

    private Path screenshot(String name) throws IOException {
        File file = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Path target = Paths.get("target", name).toAbsolutePath();
        Files.copy(file.toPath(), target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return target;
    }

    private static void setHttpPort(Path cfg, int port) throws IOException {
        String text = Files.readString(cfg, StandardCharsets.ISO_8859_1);
        String replaced = text.replaceAll("(?m)^org\\.osgi\\.service\\.http\\.port\\s*=.*$",
                "org.osgi.service.http.port = " + port);
        if (replaced.equals(text)) {
            throw new IllegalStateException(cfg + " has no org.osgi.service.http.port line");
        }
        Files.writeString(cfg, replaced, StandardCharsets.ISO_8859_1);
    }

    private static int freePort() {
        return FreePorts.next();
    }

}
