package io.x0tta6bl4.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The topology page in a real headless Chromium (the Debian package, driven through its
 * chromedriver) against the distribution run with {@code bin/start} on the simulated mesh: it
 * draws all 30 nodes, turns a failed node red, and draws a requested path; a page of another
 * origin reads the meshviewer export as a map served elsewhere would. Screenshots go to
 * {@code itests/target/web-topology-*.png}.
 */
public class WebPageIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int SIZE = PlatformTestSupport.SIM_SIZE;

    private PageBrowser page;
    private KarafProcess karaf;
    private ChromeDriver browser;
    private WebHttp http;

    /** A 1x1 PNG: what a tile looks like does not matter, where the page asks for it and puts it does. */
    private static final byte[] TILE = java.util.Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    private HttpServer tiles;
    private final List<String> tilesAsked = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Before
    public void startDistributionAndBrowser() throws Exception {
        // the operator's tile server: the page fetches the map's tiles from it, the node never does
        tiles = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        tiles.createContext("/tiles/", exchange -> {
            tilesAsked.add(exchange.getRequestURI().getPath().substring("/tiles/".length()));
            exchange.getResponseHeaders().add("Content-Type", "image/png");
            exchange.sendResponseHeaders(200, TILE.length);
            exchange.getResponseBody().write(TILE);
            exchange.close();
        });
        tiles.start();
        page = PageBrowser.start("webpage", java.util.Map.of(
                "map.tiles", "http://127.0.0.1:" + tiles.getAddress().getPort() + "/tiles/{z}/{x}/{y}.png",
                "map.attribution", "tiles <b>of the test</b>"));
        karaf = page.karaf;
        browser = page.browser;
        http = page.http;
        String set = karaf.client("config:property-set -p io.x0tta6bl4.topology node.timeout.ms 1500");
        assertTrue(set, !set.contains("Error"));
    }

    @After
    public void stop() {
        if (page != null) {
            page.close();
        }
        if (tiles != null) {
            tiles.stop(0);
        }
    }

    @Test
    public void thePageDrawsTheMeshFollowsAFailedNodeAndDrawsAPath() throws Exception {
        long t0 = System.nanoTime();
        browser.get(http.base() + "/ui/");
        Await.until("the page drawing " + SIZE + " UP nodes", WAIT,
                () -> page.number("return window.cy ? cy.nodes('[state = \"UP\"]').length : -1") == SIZE,
                () -> page.summary());
        long drawnMs = (System.nanoTime() - t0) / 1_000_000;
        Await.until("the page following the topology stream", WAIT,
                () -> "stream".equals(page.script("return meshPage.mode")), () -> String.valueOf(page.script("return meshPage.mode")));
        assertEquals(SIZE, page.number("return cy.nodes().length"));
        assertTrue("edges drawn", page.number("return cy.edges().length") > SIZE);
        // the counts say what they count: the API's directed links, the drawing's node pairs
        java.util.regex.Matcher counts = java.util.regex.Pattern.compile(
                SIZE + " nodes \\(" + SIZE + " up\\), (\\d+) directed links \\((\\d+) node pairs drawn\\).*").matcher(page.summary());
        assertTrue(page.summary(), counts.matches());
        assertEquals(page.number("return cy.edges().length"), Long.parseLong(counts.group(2)));
        assertTrue(page.summary(), Long.parseLong(counts.group(1)) >= Long.parseLong(counts.group(2)));
        JsonNode whole = new ObjectMapper().readTree(http.get("/api/v1/topology").body());
        assertEquals("critical nodes marked as the API names them", whole.get("articulationPoints").size(),
                page.number("return cy.nodes('[?critical]').length"));
        // each node under its own name, gateways as hexagons (the legend says so)
        for (JsonNode n : whole.get("nodes")) {
            String id = n.get("id").asText();
            assertEquals(id, n.get("attributes").get("hostname").asText(),
                    page.script("return cy.getElementById('" + id + "').style('label')"));
        }
        assertEquals("node-07", page.script("return cy.getElementById('sim-07').style('label')"));
        assertEquals("node-07", page.script("return document.querySelector('#node-list option[value=\"sim-07\"]').label"));
        List<String> gateways = new java.util.ArrayList<>();
        for (JsonNode n : whole.get("nodes")) {
            if ("GATEWAY".equals(n.get("role").asText())) {
                gateways.add(n.get("id").asText());
            }
        }
        assertEquals(List.of("sim-10", "sim-20", "sim-30"), gateways);
        for (String g : gateways) {
            boolean critical = whole.get("articulationPoints").toString().contains("\"" + g + "\"");
            assertEquals(g, critical ? "diamond" : "hexagon", page.script("return cy.getElementById('" + g + "').style('shape')"));
        }
        String legend = browser.findElement(By.id("legend")).getText();
        assertTrue(legend, legend.contains("gateway") && legend.contains("bridge") && legend.contains("critical"));
        page.screenshot("web-topology-mesh.png");

        // fail all neighbours but one of a sparse node: the one left becomes critical
        List<String> around = cutOff(whole);
        String victim = around.get(0);
        String critical = around.get(around.size() - 1);
        long fetchesBefore = page.number("return meshPage.fetches");
        long t1 = System.nanoTime();
        for (String v : around.subList(0, around.size() - 1)) {
            String failed = karaf.client("sim:fail-node " + v);
            assertTrue(failed, failed.contains(v + " failed"));
        }
        Await.until(victim + " drawn DOWN", WAIT,
                () -> "DOWN".equals(page.script("return cy.getElementById('" + victim + "').data('state')")), () -> page.summary());
        long downMs = (System.nanoTime() - t1) / 1_000_000;
        assertEquals("pushed, not polled", "stream", page.script("return meshPage.mode"));
        assertTrue("the failure reached the page by a fetch on an announced version",
                page.number("return meshPage.fetches") > fetchesBefore);
        assertEquals("rgb(198,40,40)", page.script("return cy.getElementById('" + victim + "').style('background-color')"));
        Await.until((around.size() - 1) + " nodes drawn DOWN", WAIT,
                () -> page.number("return cy.nodes('[state = \"DOWN\"]').length") == around.size() - 1, () -> page.summary());
        Await.until(critical + " marked critical", WAIT,
                () -> "diamond".equals(page.script("return cy.getElementById('" + critical + "').style('shape')")),
                () -> page.summary());
        page.screenshot("web-topology-failed.png");

        // the ends by search: one by its hostname, one by its id
        browser.findElement(By.id("path-from")).clear();
        browser.findElement(By.id("path-from")).sendKeys("node-01");
        browser.findElement(By.id("path-to")).clear();
        browser.findElement(By.id("path-to")).sendKeys("sim-30");
        browser.findElement(By.id("path-go")).click();
        Await.until("the path drawn", WAIT, () -> page.number("return cy.edges('.path').length") > 0,
                () -> browser.findElement(By.id("path-result")).getText());
        JsonNode path = new ObjectMapper().readTree(http.get("/api/v1/topology/path?from=sim-01&to=sim-30").body());
        List<String> hops = new java.util.ArrayList<>();
        path.get("hops").forEach(h -> hops.add(h.asText()));
        assertEquals(hops.size() - 1, page.number("return cy.edges('.path').length"));
        assertEquals(hops.size(), page.number("return cy.nodes('.path').length"));
        for (String hop : hops) {
            assertEquals(hop, Boolean.TRUE, page.script("return cy.getElementById('" + hop + "').hasClass('path')"));
            assertEquals(hop + " stays round", page.script("return cy.getElementById('" + hop + "').style('height')"),
                    page.script("return cy.getElementById('" + hop + "').style('width')"));
        }
        assertTrue(browser.findElement(By.id("path-result")).getText().startsWith(String.join(" → ", hops)));
        // and its backup, which shares no link with its partner (the API's pair the page fetched, drawn dashed)
        JsonNode pair = new ObjectMapper().readTree((String) page.script("return JSON.stringify(meshPage.path)")).get("backup");
        String pathText = browser.findElement(By.id("path-result")).getText();
        if (pair.isNull()) {
            assertTrue(pathText, pathText.contains("no backup"));
        } else {
            List<String> backup = texts(pair.get("backup").get("hops"));
            assertEquals(pathText, backup.size() - 1, page.number("return cy.edges('.backup').length"));
            assertTrue(pathText, pathText.contains("backup " + String.join(" → ", backup)));
            List<String> partner = texts(pair.get("primary").get("hops"));
            for (int i = 1; i < backup.size(); i++) {
                String a = backup.get(i - 1);
                String b = backup.get(i);
                assertTrue(a + "-" + b + " drawn", page.number("return cy.getElementById('" + (a.compareTo(b) < 0 ? a + "--" + b
                        : b + "--" + a) + "').hasClass('backup') ? 1 : 0") == 1);
                for (int j = 1; j < partner.size(); j++) {
                    assertTrue(pathText, !(partner.get(j - 1).equals(a) && partner.get(j).equals(b))
                            && !(partner.get(j - 1).equals(b) && partner.get(j).equals(a)));
                }
            }
        }
        Path shot = page.screenshot("web-topology-path.png");
        String details = detailsPanels();
        page.screenshot("web-topology-panel.png");
        String map = mapView();
        String writes = writesFromThePanel();
        String ffrgb = meshviewerJsonFromAnotherOrigin();
        System.out.println("page drew " + SIZE + " nodes " + drawnMs + " ms after loading; " + victim
                + " drawn DOWN " + downMs + " ms after sim:fail-node (node.timeout.ms 1500); path "
                + String.join(" ", hops) + "; " + details + "; " + map + "; " + writes + "; " + ffrgb + "; screenshots in " + shot.getParent());
    }

    /** A node found by search and its panel, then a link's panel with its chart. */
    private String detailsPanels() throws IOException {
        browser.findElement(By.id("find")).clear();
        browser.findElement(By.id("find")).sendKeys("node-07\n");
        Await.until("sim-07's panel", WAIT, () -> browser.findElement(By.id("panel")).getText().contains("neighbours"),
                () -> browser.findElement(By.id("panel")).getText());
        String panel = browser.findElement(By.id("panel")).getText();
        assertTrue(panel, panel.contains("node-07 (sim-07)"));
        JsonNode node = new ObjectMapper().readTree(http.get("/api/v1/topology/nodes/sim-07").body());
        java.util.Set<String> peers = new java.util.TreeSet<>();
        node.get("linkList").forEach(l -> peers.add(l.get("from").asText().equals("sim-07") ? l.get("to").asText()
                : l.get("from").asText()));
        assertTrue(panel, panel.contains(peers.size() + " neighbours"));
        for (String peer : peers) {
            assertTrue(peer + " in " + panel, panel.contains(peer));
        }
        assertTrue("no identity installed attests nothing: " + panel, panel.contains("attestation: none recorded"));
        assertTrue(panel, panel.contains("hostname") && panel.contains("location.latitude"));
        String edge = (String) page.script("return cy.getElementById('sim-07').connectedEdges()[0].id()");
        page.script("cy.getElementById('" + edge + "').emit('tap')");
        Await.until("the link's panel with a chart of both directions", WAIT,
                () -> page.number("return document.querySelectorAll('#panel svg.chart polyline').length") == 2
                        && ((String) page.script("return document.querySelector('#panel polyline.ab').getAttribute('points')"))
                        .contains(" "), () -> browser.findElement(By.id("panel")).getText());
        String linkPanel = browser.findElement(By.id("panel")).getText();
        assertTrue(linkPanel, linkPanel.contains("quality") && linkPanel.contains("→"));
        return "panels: sim-07 with " + peers.size() + " neighbours, link " + edge;
    }

    /**
     * Writes from a node's panel go through the node's own checks: as a viewer the page reads the
     * node's incidents and quarantine, and its quarantine button is refused by the node (403, the
     * MAC stays free); as an operator the same button quarantines the MAC and the next panel
     * releases it. Each write carries the cross-site guard's header (a write without it is 403 too).
     */
    private String writesFromThePanel() throws Exception {
        String mac = "02:73:69:6d:00:07";
        page.credentials(PageBrowser.VIEWER);
        clickInPanel("sim-07", "quarantine " + mac);
        Await.until("the node refusing the viewer's quarantine", WAIT,
                () -> browser.findElement(By.id("panel")).getText().contains("needs a user with the write role"),
                () -> browser.findElement(By.id("panel")).getText());
        assertTrue("not quarantined by a viewer", !held(mac));

        page.credentials(PageBrowser.OPERATOR);
        clickInPanel("sim-07", "quarantine " + mac);
        Await.until("the operator's quarantine", WAIT, () -> buttonThere(mac + " quarantined"),
                () -> browser.findElement(By.id("panel")).getText());
        assertTrue("quarantined by the operator", held(mac));
        clickInPanel("sim-07", "release " + mac);
        Await.until("the operator's release", WAIT, () -> buttonThere(mac + " released"),
                () -> browser.findElement(By.id("panel")).getText());
        assertTrue("released", !held(mac));
        page.credentials(null);
        return "writes from the panel: " + mac + " refused for a viewer, quarantined and released by an operator";
    }

    private void clickInPanel(String node, String button) {
        page.script("meshPanel.showNode('" + node + "')");
        Await.until("the panel's read button", WAIT, () -> buttonThere("incidents and quarantine"),
                () -> browser.findElement(By.id("panel")).getText());
        browser.findElement(By.xpath("//aside[@id='panel']//button[starts-with(text(), 'incidents and quarantine')]")).click();
        Await.until("the button " + button, WAIT, () -> buttonThere(button), () -> browser.findElement(By.id("panel")).getText());
        browser.findElement(By.xpath("//aside[@id='panel']//button[text()='" + button + "']")).click();
    }

    private boolean buttonThere(String text) {
        return !browser.findElements(By.xpath("//aside[@id='panel']//button[starts-with(text(), '" + text + "')]")).isEmpty();
    }

    private boolean held(String mac) {
        WebHttp.Reply list = http.send("GET", "/api/v1/quarantine", PageBrowser.OPERATOR, null);
        assertEquals(list.body(), 200, list.status());
        return list.body().toLowerCase(java.util.Locale.ROOT).contains(mac);
    }

    /**
     * The map view: every node of the shipped configuration has a location, so all are drawn, on
     * the operator's tiles: the tile under each node (by its latitude and longitude, at the zoom
     * the page chose) was asked for and is drawn where the node is; the attribution is shown as
     * text. The graph view asks for none.
     */
    private String mapView() throws IOException {
        assertTrue("no tiles in the graph view: " + tilesAsked, tilesAsked.isEmpty());
        browser.findElement(By.id("view-map")).click();
        assertEquals("map", page.script("return meshLayout.mode()"));
        assertEquals(SIZE, page.number("return cy.nodes(':visible').length"));
        Await.until("the tiles under the mesh", WAIT, () -> page.number("return document.querySelectorAll('#tiles img').length") > 0
                && page.number("return Array.prototype.every.call(document.querySelectorAll('#tiles img'), function (i) { return i.complete; }) ? 1 : 0") == 1,
                tilesAsked::toString);
        long zoom = page.number("return meshTiles.zoom");
        // each node lies on the tile of its location, and that tile is drawn around it
        String misplaced = (String) page.script("var z = " + zoom + ", n = Math.pow(2, z), out = [];"
                + "cy.nodes().forEach(function (node) {"
                + "  var lat = parseFloat(node.data('lat')) * Math.PI / 180, lon = parseFloat(node.data('lon'));"
                + "  var x = Math.floor((lon + 180) / 360 * n), y = Math.floor((1 - Math.log(Math.tan(lat) + 1 / Math.cos(lat)) / Math.PI) / 2 * n);"
                + "  var img = Array.prototype.find.call(document.querySelectorAll('#tiles img'), function (i) {"
                + "    return i.src.indexOf('/tiles/' + z + '/' + x + '/' + y + '.png') > 0; });"
                + "  if (!img) { out.push(node.id() + ': no tile ' + z + '/' + x + '/' + y); return; }"
                + "  var r = node.renderedPosition(), left = parseFloat(img.style.left), top = parseFloat(img.style.top), size = parseFloat(img.style.width);"
                + "  if (r.x < left - 1 || r.x > left + size + 1 || r.y < top - 1 || r.y > top + size + 1) {"
                + "    out.push(node.id() + ' at ' + Math.round(r.x) + ',' + Math.round(r.y) + ' outside its tile ' + left + ',' + top + ' +' + size); } });"
                + "return out.join('; ');");
        assertEquals("", misplaced);
        for (String asked : tilesAsked) {
            assertTrue(asked, asked.matches(zoom + "/\\d+/\\d+\\.png"));
        }
        assertEquals("tiles <b>of the test</b>", browser.findElement(By.id("attribution")).getText());
        Path shot = page.screenshot("web-topology-map.png");
        browser.findElement(By.id("view-graph")).click();
        assertEquals(0, page.number("return document.querySelectorAll('#tiles img').length"));
        return "map view with " + SIZE + " nodes on " + tilesAsked.size() + " tiles of zoom " + zoom + " (" + shot.getFileName() + ")";
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new java.util.ArrayList<>();
        array.forEach(a -> out.add(a.asText()));
        return out;
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

}
