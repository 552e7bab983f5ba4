package io.x0tta6bl4.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.interactions.WheelInput;

/**
 * The topology page at a large community's size: the distribution's simulator set to 1,000 nodes
 * (5 % of the links changing a second, as a real provider reports changes) before boot, the page
 * in headless Chromium. What the browser measured with its own clock ({@code performance.now()}
 * in the page, kept in {@code meshPage.metrics}) is printed; the bounds asserted are loose, so a
 * broken page fails and a slow machine does not: first draw, the time from receiving an update of
 * 50 or more changed node pairs to the frame after it was painted, and the frame time while
 * panning and zooming. Screenshots of the graph and the map at 1,000 nodes go to
 * {@code itests/target/web-topology-1000-*.png}.
 */
public class WebPageScaleIT {

    private static final int SIZE = 1000;
    private static final Duration WAIT = Duration.ofSeconds(90);

    private PageBrowser page;

    @Before
    public void start() throws Exception {
        page = PageBrowser.start("webpage-scale", "size", String.valueOf(SIZE), "churn", "0.05");
    }

    @After
    public void stop() {
        if (page != null) {
            page.close();
        }
    }

    @Test
    public void aThousandNodesDrawFastStayLegibleAndFollowUpdates() throws Exception {
        Await.until(SIZE + " nodes in the topology", WAIT,
                () -> page.http.get("/api/v1/topology/stats").body().contains("\"nodesUp\":" + SIZE),
                () -> page.http.get("/api/v1/topology/stats").body());
        page.browser.get(page.http.base() + "/ui/");
        Await.until("the page drawing " + SIZE + " nodes", WAIT,
                () -> page.number("return window.meshPage && meshPage.metrics.firstDraw !== null ? cy.nodes().length : -1") == SIZE,
                page::summary);
        long firstDraw = page.number("return meshPage.metrics.firstDraw");
        // no layout in the browser: every node where the node placed it (x, y of /topology/drawing)
        String atNodesPlace = "var d = arguments[arguments.length - 1]; fetch('../api/v1/topology/drawing').then(function (r) { return r.json(); })"
                + ".then(function (t) { d(t.nodes.filter(function (n) { var p = cy.getElementById(n.id).position();"
                + " return Math.round(p.x) === n.x && Math.round(p.y) === n.y; }).length); });";
        assertEquals("nodes drawn where the node placed them", SIZE, ((Number) page.asyncScript(atNodesPlace)).longValue());
        String places = "return JSON.stringify(cy.nodes().map(function (n) { return n.id() + '@' + Math.round(n.position('x')) + ','"
                + " + Math.round(n.position('y')); }).sort())";
        Object before = page.script(places);
        long fetched = page.number("return meshPage.metrics.firstFetched");
        long applied = page.number("return meshPage.metrics.applyMs");
        assertTrue("first draw " + firstDraw + " ms after navigation", firstDraw > 0 && firstDraw < 30_000);
        // legible when zoomed out: names hidden below 7 px (labels by zoom), critical nodes marked
        assertTrue("zoomed out to fit " + SIZE + " nodes", page.number("return cy.zoom() < 1 ? 1 : 0") == 1);
        long critical = page.number("return cy.nodes('[?critical]').length");

        // a reload draws the same picture (positions kept in the browser too), as fast
        page.browser.navigate().refresh();
        Await.until("the page drawing " + SIZE + " nodes again", WAIT,
                () -> page.number("return window.meshPage && meshPage.metrics.firstDraw !== null ? cy.nodes().length : -1") == SIZE,
                page::summary);
        long redraw = page.number("return meshPage.metrics.firstDraw");
        assertEquals("the same places after a reload", before, page.script(places));
        assertEquals(page.number("return meshPage.version >= 0 ? 1 : 0"), 1L);

        // updates: each fetched on an announced version, painted, timed
        Await.until("five updates of 50 or more changed node pairs", WAIT,
                () -> page.number("return meshPage.metrics.applies.slice(1).filter(function (a) { return a.changed >= 50 && a.ms > 0; }).length") >= 5,
                () -> String.valueOf(page.script("return JSON.stringify(meshPage.metrics.applies.slice(-5))")));
        assertEquals("pushed, not polled", "stream", page.script("return meshPage.mode"));
        @SuppressWarnings("unchecked")
        List<Object> ms = (List<Object>) page.script("return meshPage.metrics.applies.slice(1).filter(function (a) { "
                + "return a.changed >= 50 && a.ms > 0; }).map(function (a) { return a.ms; })");
        List<Long> updates = new ArrayList<>();
        ms.forEach(m -> updates.add(((Number) m).longValue()));
        updates.sort(null);
        long median = updates.get(updates.size() / 2);
        long changed = page.number("return Math.min.apply(null, meshPage.metrics.applies.slice(1).filter(function (a) { "
                + "return a.changed >= 50; }).map(function (a) { return a.changed; }))");
        assertTrue("median update " + median + " ms", median < 5_000);
        page.screenshot("web-topology-1000-graph.png");

        // pan by dragging and zoom by the wheel, as an operator does (the renderer's viewport mode
        // only applies to real input), while the page records the browser's frame intervals
        page.script("window.frameTimes = []; window.framing = true; var last = performance.now();"
                + "requestAnimationFrame(function step(now) { frameTimes.push(now - last); last = now;"
                + "  if (framing) { requestAnimationFrame(step); } });");
        WebElement graph = page.browser.findElement(By.id("graph"));
        Actions drag = new Actions(page.browser).moveToElement(graph).clickAndHold();
        for (int i = 0; i < 8; i++) {
            drag.moveByOffset(i % 2 == 0 ? 60 : -40, i % 4 < 2 ? 30 : -30);
        }
        drag.release().perform();
        Actions wheel = new Actions(page.browser);
        for (int i = 0; i < 10; i++) {
            wheel.scrollFromOrigin(WheelInput.ScrollOrigin.fromElement(graph), 0, i < 5 ? -200 : 200).pause(Duration.ofMillis(60));
        }
        wheel.perform();
        @SuppressWarnings("unchecked")
        Map<String, Object> frames = (Map<String, Object>) page.script("framing = false; var t = frameTimes.slice(1);"
                + "t.sort(function (a, b) { return a - b; }); var sum = t.reduce(function (a, b) { return a + b; }, 0);"
                + "return { frames: t.length, mean: sum / t.length, p95: t[Math.floor(t.length * 0.95)] };");
        double mean = ((Number) frames.get("mean")).doubleValue();
        assertTrue("frames " + frames, ((Number) frames.get("frames")).longValue() >= 5);

        // the map view: every simulated node has a location in the shipped configuration
        page.browser.findElement(By.id("view-map")).click();
        assertEquals(SIZE, page.number("return cy.nodes(':visible').length"));
        page.script("cy.fit(cy.nodes(':visible'), 30)");
        java.nio.file.Path shot = page.screenshot("web-topology-1000-map.png");

        System.out.printf("topology page at %d nodes (%d critical): first draw %d ms after navigation (topology fetched and parsed at %d ms, "
                        + "applied in %d ms, no layout in the browser: the node's positions), after a reload %d ms; "
                        + "updates of %d+ changed node pairs painted in %d ms (median of %d, max %d); pan/zoom %.1f ms a frame "
                        + "(%.0f fps, p95 %.1f ms, %s frames); screenshots in %s%n",
                SIZE, critical, firstDraw, fetched, applied, redraw, changed, median, updates.size(), updates.get(updates.size() - 1), mean,
                1000 / mean, ((Number) frames.get("p95")).doubleValue(), frames.get("frames"), shot.getParent());
    }
}
