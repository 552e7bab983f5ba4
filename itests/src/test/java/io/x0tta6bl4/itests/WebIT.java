package io.x0tta6bl4.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.x0tta6bl4.api.ebpf.MeshGuard;

import org.junit.Before;
import org.junit.FixMethodOrder;
import org.junit.Test;
import org.junit.runners.MethodSorters;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.osgi.framework.Bundle;

/**
 * The web bundle in the distribution on the simulated mesh: /health, /ready (and its 503 when
 * the topology bundle stops), /metrics checked by promtool, the REST API with its JSON errors and
 * authentication through the karaf JAAS realm, the meshviewer export, and a bundle update.
 */
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class WebIT extends PlatformTestSupport {

    static final String PORT_PROPERTY = "x0tta6bl4.web.port";
    static final String ADMIN = "webop:webop-pw";
    static final String VIEWER = "webview:webview-pw";
    static final Path PROMTOOL = Paths.get("/usr/bin/promtool");
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    private MeshGuard guard;

    private WebHttp http;

    @Override
    @Configuration
    public Option[] config() {
        int port = freePort();
        List<Option> options = new ArrayList<>(Arrays.asList(super.config()));
        options.add(editConfigurationFilePut("etc/org.ops4j.pax.web.cfg", "org.osgi.service.http.port",
                String.valueOf(port)));
        options.add(editConfigurationFilePut("etc/users.properties", "webop", "webop-pw,admin,viewer"));
        options.add(editConfigurationFilePut("etc/users.properties", "webview", "webview-pw,viewer"));
        options.add(systemProperty(PORT_PROPERTY).value(String.valueOf(port)));
        return options.toArray(new Option[0]);
    }

    @Before
    public void awaitWeb() {
        http = new WebHttp(Integer.getInteger(PORT_PROPERTY));
        Await.until("/ready answering 200", WAIT, () -> http.get("/ready").status() == 200,
                () -> http.get("/ready").toString());
    }

    @Test
    public void a_healthAndReadyAnswerJsonWithEveryCheck() throws Exception {
        awaitSimulatedMesh();
        WebHttp.Reply health = http.get("/health");
        assertEquals(health.toString(), 200, health.status());
        assertTrue(health.contentType(), health.contentType().startsWith("application/json"));
        assertEquals("UP", json(health).get("status").asText());

        JsonNode ready = json(http.get("/ready"));
        assertEquals("UP", ready.get("status").asText());
        List<String> names = new ArrayList<>();
        ready.get("checks").forEach(c -> names.add(c.get("name").asText()));
        assertTrue(names.toString(), names.containsAll(List.of("topology", "identity", "healing", "ebpf", "sim")));
        JsonNode topologyCheck = check(ready, "topology");
        assertTrue(topologyCheck.get("critical").asBoolean());
        assertTrue(topologyCheck.toString(), topologyCheck.get("detail").asText().contains(SIM_SIZE + " of " + SIM_SIZE));
    }

    @Test
    public void h_readyIs503WhileTheTopologyBundleIsStoppedAndHealthStays200() throws Exception {
        Bundle topologyBundle = bundle("io.x0tta6bl4.topology");
        assertNotNull(topologyBundle);
        topologyBundle.stop();
        try {
            Await.until("/ready 503", WAIT, () -> http.get("/ready").status() == 503, () -> http.get("/ready").toString());
            JsonNode ready = json(http.get("/ready"));
            assertEquals("DOWN", ready.get("status").asText());
            JsonNode t = check(ready, "topology");
            assertEquals("DOWN", t.get("status").asText());
            assertTrue(t.toString(), t.get("detail").asText().contains("RESOLVED"));
            assertEquals(200, http.get("/health").status());
            WebHttp.Reply nodes = http.get("/api/v1/topology/nodes");
            assertEquals(nodes.toString(), 503, nodes.status());
            assertEquals(503, json(nodes).get("status").asInt());
            assertEquals(503, http.get("/meshviewer/nodes.json").status());
        } finally {
            topologyBundle.start();
        }
        // last test: the injected TopologyService is the stopped instance now, so ask over HTTP
        Await.until("/ready 200 again", WAIT, () -> http.get("/ready").status() == 200, () -> http.get("/ready").toString());
        Await.until("the simulated mesh back in /api/v1/topology/stats", WAIT,
                () -> http.get("/api/v1/topology/stats").body().contains("\"nodesUp\":" + SIM_SIZE),
                () -> http.get("/api/v1/topology/stats").toString());
    }

    @Test
    public void c_metricsPassPromtoolAndCarryThePlatformsFigures() throws Exception {
        WebHttp.Reply metrics = http.get("/metrics");
        assertEquals(200, metrics.status());
        assertTrue(metrics.contentType(), metrics.contentType().startsWith("text/plain"));
        String text = metrics.body();
        for (String family : List.of("x0tta6bl4_topology_nodes{state=\"up\"} " + SIM_SIZE + ".0",
                "x0tta6bl4_topology_links ", "x0tta6bl4_topology_diameter_hops ", "x0tta6bl4_topology_link_quality_bucket{le=\"1.0\"} ",
                "x0tta6bl4_topology_articulation_points ", "x0tta6bl4_meshguard_quarantined ",
                "x0tta6bl4_identity_state{state=\"NONE\"} 1.0", "x0tta6bl4_healing_incidents_open ",
                "x0tta6bl4_healing_events_received_total ", "x0tta6bl4_scanner_findings{severity=\"CRITICAL\"} ",
                "x0tta6bl4_node_up{node=\"sim-01\"} 1.0", "x0tta6bl4_node_clients{node=\"sim-01\"} ",
                "x0tta6bl4_link_quality{iface=\"\",source=\"sim-01\",target=", "x0tta6bl4_metrics_series_left_out 0.0",
                "jvm_memory_used_bytes", "jvm_threads_current ")) {
            assertTrue("missing " + family + " in\n" + text, text.contains(family));
        }
        assertTrue("promtool is missing: .ci/run installs the Debian package prometheus", Files.isExecutable(PROMTOOL));
        Process p = new ProcessBuilder(PROMTOOL.toString(), "check", "metrics").redirectErrorStream(true).start();
        try (OutputStream in = p.getOutputStream()) {
            in.write(text.getBytes(StandardCharsets.UTF_8));
        }
        assertTrue("promtool did not finish", p.waitFor(30, TimeUnit.SECONDS));
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals("promtool check metrics: " + out, 0, p.exitValue());
        assertEquals("promtool lint findings: " + out, "", out.trim());

        // promtool itself refuses a broken exposition, so the check above can fail
        Process bad = new ProcessBuilder(PROMTOOL.toString(), "check", "metrics").redirectErrorStream(true).start();
        try (OutputStream in = bad.getOutputStream()) {
            in.write("x0tta6bl4_broken{le=\"1\" 1\n".getBytes(StandardCharsets.UTF_8));
        }
        assertTrue(bad.waitFor(30, TimeUnit.SECONDS));
        assertTrue(bad.exitValue() != 0);
    }

    @Test
    public void d_topologyReadsAndTheirJsonErrors() throws Exception {
        JsonNode nodes = json(ok(http.get("/api/v1/topology/nodes")));
        assertEquals(SIM_SIZE, nodes.size());
        JsonNode whole = json(ok(http.get("/api/v1/topology")));
        assertEquals(topology.snapshot().links().size(), whole.get("links").size(), topology.snapshot().links().size() / 10);
        JsonNode node = json(ok(http.get("/api/v1/topology/nodes/sim-07")));
        assertEquals("sim-07", node.get("id").asText());
        assertTrue(node.get("linkList").size() > 0);
        JsonNode stats = json(ok(http.get("/api/v1/topology/stats")));
        assertEquals(SIM_SIZE, stats.get("nodesUp").asInt());
        JsonNode links = json(ok(http.get("/api/v1/topology/links")));
        assertTrue(links.toString(), links.path("links").size() > 0);
        // the version of the snapshot the links were read from: the whole topology read after is as new or newer
        long version = links.path("version").asLong(-1);
        assertTrue(links.toString(), version > 0);
        assertTrue(json(ok(http.get("/api/v1/topology"))).path("version").asLong() >= version);

        // a link's history: the samples the topology keeps, the same the shell's mesh:link shows
        JsonNode first = links.path("links").get(0);
        JsonNode history = json(ok(http.get("/api/v1/topology/links/" + first.get("from").asText() + "/"
                + first.get("to").asText() + "/history")));
        // at least one, at most link.history.size (32 as shipped)
        assertTrue(history.toString(), history.get("samples").size() > 0 && history.get("samples").size() <= 32);
        assertTrue(history.toString(), history.get("samples").get(0).get("quality").isNumber());
        error(http.get("/api/v1/topology/links/sim-01/nope/history"), 404, "no history of link 'sim-01->nope'");

        JsonNode path = json(ok(http.get("/api/v1/topology/path?from=sim-01&to=sim-30")));
        assertEquals("sim-01", path.get("hops").get(0).asText());
        assertEquals("sim-30", path.get("hops").get(path.get("hops").size() - 1).asText());
        assertEquals(path.get("hops").size() - 1, path.get("hopCount").asInt());
        JsonNode hopPath = json(ok(http.get("/api/v1/topology/path?from=sim-01&to=sim-30&weigher=hops")));
        assertTrue(hopPath.get("hopCount").asInt() <= path.get("hopCount").asInt());
        JsonNode backup = json(ok(http.get("/api/v1/topology/path?from=sim-01&to=sim-30&backup=link"))).get("backup");
        assertFalse("the default mesh (seed 42) has two link-disjoint paths between them", backup.isNull());
        assertLinkDisjoint(backup);
        error(http.get("/api/v1/topology/path?from=sim-01&to=sim-30&backup=both"), 400, "'backup' must be link or node");

        error(http.get("/api/v1/topology/nodes/nope"), 404, "unknown node 'nope'");
        error(http.get("/api/v1/topology/nodes/bad%20id"), 400, "invalid node id");
        error(http.get("/api/v1/topology/path?from=sim-01"), 400, "'from' and 'to' are required");
        error(http.get("/api/v1/topology/path?from=sim-01&to=nope"), 404, "unknown node 'nope'");
        error(http.get("/api/v1/topology/path?from=sim-01&to=sim-02&weigher=nope"), 400, "unknown weigher 'nope'");
        error(http.get("/api/v1/nothing/here"), 404, "no resource /api/v1/nothing/here");
        error(http.send("DELETE", "/api/v1/topology/nodes", null, null), 405, "DELETE is not allowed");
        WebHttp.Reply missing = http.get("/meshviewer/other.json");
        error(missing, 404, "meshviewer.json, nodes.json and graph.json");
        assertEquals("a map elsewhere reads the 404 as a 404, not a CORS failure", "*", missing.allowOrigin());
    }

    /**
     * What Jetty answers itself, before or outside any servlet: a request line or header over
     * its limit, a path it will not decode or that climbs above the root, a path no servlet
     * serves. Each is the API's JSON error object, as a script reading the API expects.
     */
    @Test
    public void d2_errorsJettyAnswersItselfAreJsonToo() throws Exception {
        String longQuery = "/api/v1/topology/nodes?q=" + "a".repeat(10 * 1024);
        jettyError(http.raw(longQuery, Map.of()), 414, "URI Too Long");
        jettyError(http.raw("/api/v1/topology", Map.of("X-Big", "a".repeat(10 * 1024))), 431,
                "Request Header Fields Too Large");
        jettyError(http.raw("/api/v1/%2e%2e/%2e%2e/%2e%2e/etc/passwd", Map.of()), 400, "Bad Request");
        jettyError(http.raw("/api/v1/topology/nodes/%zz", Map.of()), 400, "Bad Request");
        jettyError(http.raw("/api/%2e%2e", Map.of()), 404, "Not Found");
        jettyError(http.raw("/nothing/here", Map.of()), 404, "Not Found");
        jettyError(http.raw("/ui/missing.js", Map.of()), 404, "Not Found");
        // the API's own errors keep their messages
        error(http.raw("/api/v1/topology/nodes/nope", Map.of()), 404, "unknown node 'nope'");
    }

    @Test
    public void e_writesAndSensitiveReadsNeedAnAuthenticatedUserWithTheRole() throws Exception {
        WebHttp.Reply anonymous = http.get("/api/v1/incidents");
        error(anonymous, 401, "authentication required");
        assertEquals("Basic realm=\"x0tta6bl4\"", anonymous.authenticate());
        error(http.send("GET", "/api/v1/incidents", "webop:wrong", null), 401, "authentication failed for user 'webop'");
        error(http.send("GET", "/api/v1/incidents?open=maybe", ADMIN, null), 400, "'open' must be true or false");
        assertTrue(json(ok(http.send("GET", "/api/v1/incidents?open=false", VIEWER, null))).isArray());
        error(http.send("GET", "/api/v1/incidents/inc-999999", VIEWER, null), 404, "no incident 'inc-999999'");
        error(http.send("POST", "/api/v1/incidents/inc-999999/approve", null, null), 401, "authentication required");
        error(http.send("POST", "/api/v1/incidents/inc-999999/approve", ADMIN, null), 404, "no incident 'inc-999999'");

        // dry-run: a viewer may read it, not change it
        error(http.send("PUT", "/api/v1/healing/dry-run", VIEWER, "{\"enabled\":true}"), 403, "lacks the role 'admin'");
        error(http.send("PUT", "/api/v1/healing/dry-run", ADMIN, "{\"enabled\":"), 400, "malformed JSON body");
        error(http.send("PUT", "/api/v1/healing/dry-run", ADMIN, "{\"on\":true}"), 400, "{\"enabled\": true|false}");
        boolean before = json(ok(http.get("/api/v1/healing/dry-run"))).get("dryRun").asBoolean();
        assertEquals(!before, json(ok(http.send("PUT", "/api/v1/healing/dry-run", ADMIN,
                "{\"enabled\":" + !before + "}"))).get("dryRun").asBoolean());
        assertEquals(!before, json(ok(http.get("/api/v1/healing"))).get("dryRun").asBoolean());
        ok(http.send("PUT", "/api/v1/healing/dry-run", ADMIN, "{\"enabled\":" + before + "}"));

        // quarantine through the mesh guard
        String mac = "02:73:69:6d:00:07";
        error(http.send("POST", "/api/v1/quarantine/" + mac, null, null), 401, "authentication required");
        error(http.send("POST", "/api/v1/quarantine/not-a-mac", ADMIN, null), 400, "is not a MAC address");
        WebHttp.Reply q = http.send("POST", "/api/v1/quarantine/02-73-69-6D-00-07", ADMIN, "{\"reason\":\"itest\"}");
        assertEquals(q.toString(), 201, q.status());
        assertTrue(guard.quarantined().contains(mac));
        assertEquals("itest", guard.quarantineReasons().get(mac));
        error(http.get("/api/v1/quarantine"), 401, "authentication required");
        assertTrue(ok(http.send("GET", "/api/v1/quarantine", VIEWER, null)).body().contains(mac));
        ok(http.send("DELETE", "/api/v1/quarantine/" + mac, ADMIN, null));
        assertFalse(guard.quarantined().contains(mac));
        error(http.send("DELETE", "/api/v1/quarantine/" + mac, ADMIN, null), 404, "is not quarantined");

        // findings of the scanner in the umbrella: authenticated reads
        error(http.get("/api/v1/findings"), 401, "authentication required");
        JsonNode findings = json(ok(http.send("GET", "/api/v1/findings", VIEWER, null)));
        assertTrue(findings.toString(), findings.get("findings").isArray());
        for (JsonNode f : findings.get("findings")) {
            assertTrue(f.toString(), f.hasNonNull("severity") && f.hasNonNull("subject") && f.hasNonNull("id"));
        }
    }

    /**
     * A page on another site makes the operator's browser send writes with the admin's cached
     * credentials: a form POST (a simple request, no custom header), a fetch from a sandboxed
     * frame (Origin: null) and a fetch from another origin. All are refused with 403 JSON before
     * anything changes; the same write with the header and the server's own origin goes through.
     */
    @Test
    public void e2_crossSiteWritesAreRefusedWhateverCredentialsTheyCarry() throws Exception {
        String mac = "02:73:69:6d:00:08";
        String form = "application/x-www-form-urlencoded";
        error(http.send("POST", "/api/v1/quarantine/" + mac, ADMIN, "reason=csrf",
                Map.of("Content-Type", form)), 403, "needs the header X-Requested-By");
        error(http.send("POST", "/api/v1/quarantine/" + mac, ADMIN, null,
                Map.of("Origin", "http://evil.example", "X-Requested-By", "x")), 403,
                "cross-origin write from 'http://evil.example' is refused");
        error(http.send("POST", "/api/v1/quarantine/" + mac, ADMIN, null,
                Map.of("Origin", "http://evil.example")), 403, "cross-origin write");
        error(http.send("POST", "/api/v1/quarantine/" + mac, ADMIN, null,
                Map.of("Origin", "null", "X-Requested-By", "x")), 403, "opaque origin");
        boolean dryRun = json(ok(http.get("/api/v1/healing/dry-run"))).get("dryRun").asBoolean();
        error(http.send("PUT", "/api/v1/healing/dry-run", ADMIN, "{\"enabled\":" + !dryRun + "}",
                Map.of("Origin", "http://evil.example", "X-Requested-By", "x")), 403, "cross-origin write");
        error(http.send("DELETE", "/api/v1/quarantine/" + mac, ADMIN, null, Map.of()), 403,
                "needs the header X-Requested-By");
        assertFalse(guard.quarantined().contains(mac));
        assertEquals(dryRun, json(ok(http.get("/api/v1/healing/dry-run"))).get("dryRun").asBoolean());

        // The same write from the server's own origin with the header is an operator's.
        WebHttp.Reply q = http.send("POST", "/api/v1/quarantine/" + mac, ADMIN, null,
                Map.of("Origin", http.base(), "X-Requested-By", "x0tta6bl4-ui"));
        assertEquals(q.toString(), 201, q.status());
        assertTrue(guard.quarantined().contains(mac));
        ok(http.send("DELETE", "/api/v1/quarantine/" + mac, ADMIN, null));
        assertFalse(guard.quarantined().contains(mac));
    }

    @Test
    public void f_meshviewerExportFollowsAFailedNode() throws Exception {
        JsonNode nodes = json(ok(http.get("/meshviewer/nodes.json")));
        assertEquals(2, nodes.get("version").asInt());
        assertEquals(SIM_SIZE, nodes.get("nodes").size());
        JsonNode graph = json(ok(http.get("/meshviewer/graph.json")));
        assertEquals(1, graph.get("version").asInt());
        JsonNode batadv = graph.get("batadv");
        assertEquals(SIM_SIZE, batadv.get("nodes").size());
        assertTrue(batadv.get("links").size() > 0);
        for (JsonNode link : batadv.get("links")) {
            assertTrue(link.toString(), link.get("tq").asDouble() >= 1);
            assertTrue(link.get("source").asInt() < SIM_SIZE && link.get("target").asInt() < SIM_SIZE);
        }

        WebHttp.Reply ffrgb = ok(http.get("/meshviewer/meshviewer.json"));
        assertEquals("*", ffrgb.allowOrigin());
        JsonNode viewer = json(ffrgb);
        assertTrue(viewer.toString(), viewer.get("timestamp").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d[+-]\\d{4}"));
        assertEquals(SIM_SIZE, viewer.get("nodes").size());
        java.util.Set<String> ids = new java.util.HashSet<>();
        int gateways = 0;
        for (JsonNode n : viewer.get("nodes")) {
            String id = n.get("node_id").asText();
            assertTrue("meshviewer takes [A-Za-z0-9.] ids only: " + n, id.matches("[A-Za-z0-9.]+"));
            assertEquals(n.toString(), n.get("network").get("mac").asText().replace(":", ""), id);
            assertTrue(n.toString(), n.get("hostname").asText().startsWith("node-"));
            ids.add(id);
            gateways += n.get("is_gateway").asBoolean() ? 1 : 0;
        }
        assertEquals("the simulated mesh's gateways sim-10, sim-20, sim-30", 3, gateways);
        assertTrue(viewer.get("links").size() > 0);
        for (JsonNode l : viewer.get("links")) {
            assertTrue(l.toString(), ids.contains(l.get("source").asText()) && ids.contains(l.get("target").asText()));
            assertTrue(l.toString(), l.get("source_tq").asDouble() > 0 && l.get("source_tq").asDouble() <= 1);
            assertTrue(l.toString(), l.get("target_tq").asDouble() >= 0 && l.get("target_tq").asDouble() <= 1);
        }

        shell().run("config:property-set -p io.x0tta6bl4.topology node.timeout.ms 1500").assertOk();
        shell().run("sim:fail-node sim-05").assertOk();
        try {
            Await.until("sim-05 offline in nodes.json", WAIT, () -> online("sim-05") == Boolean.FALSE);
        } finally {
            shell().run("sim:recover --all").assertOk();
        }
        Await.until("sim-05 online again", WAIT, () -> online("sim-05") == Boolean.TRUE);

        // the healing loop's incident about it, through the API
        String[] seen = {""};
        Await.until("a NODE_DOWN incident about sim-05 in /api/v1/incidents", WAIT, () -> {
            seen[0] = http.send("GET", "/api/v1/incidents", VIEWER, null).body();
            return seen[0].contains("\"kind\":\"NODE_DOWN\",\"subject\":\"sim-05\"");
        }, () -> seen[0]);
        for (JsonNode incident : JSON.readTree(seen[0])) {
            if (incident.get("subject").asText().equals("sim-05")) {
                JsonNode one = json(ok(http.send("GET", "/api/v1/incidents/" + incident.get("id").asText(), VIEWER, null)));
                assertEquals("sim-05", one.get("subject").asText());
                assertTrue(one.toString(), one.get("detected").asText().endsWith("Z"));
            }
        }
        assertTrue(http.get("/metrics").body().contains("x0tta6bl4_healing_incidents_known "));
    }

    /**
     * The page's push channel: Server-Sent Events of the topology's version, the current one on
     * connect and a new one as the simulated mesh changes; one stream over the limit is refused
     * with 503, and a closed client's stream is let go.
     */
    @Test
    public void f2_theTopologyStreamPushesVersionsWithinItsLimit() throws Exception {
        try (java.net.Socket first = stream()) {
            java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(first.getInputStream(),
                    StandardCharsets.UTF_8));
            assertTrue(head(in).startsWith("HTTP/1.1 200"));
            long one = nextVersion(in);
            long two = nextVersion(in);
            assertTrue(one + " then " + two, two > one);
            assertEquals("the version the stream announced is the topology's", true,
                    json(http.get("/api/v1/topology")).get("version").asLong() >= two);
            List<java.net.Socket> more = new java.util.ArrayList<>();
            try {
                for (int i = 1; i < 32; i++) {
                    more.add(stream());
                    assertTrue(head(new java.io.BufferedReader(new java.io.InputStreamReader(more.get(i - 1).getInputStream(),
                            StandardCharsets.UTF_8))).startsWith("HTTP/1.1 200"));
                }
                try (java.net.Socket over = stream()) {
                    java.io.BufferedReader r = new java.io.BufferedReader(new java.io.InputStreamReader(over.getInputStream(),
                            StandardCharsets.UTF_8));
                    assertTrue("the 33rd stream", head(r).startsWith("HTTP/1.1 503"));
                }
            } finally {
                for (java.net.Socket m : more) {
                    m.close();
                }
            }
        }
        Await.until("closed streams let go: a new one is accepted", WAIT, () -> {
            try (java.net.Socket again = stream()) {
                return head(new java.io.BufferedReader(new java.io.InputStreamReader(again.getInputStream(),
                        StandardCharsets.UTF_8))).startsWith("HTTP/1.1 200");
            } catch (IOException e) {
                return false;
            }
        });
    }

    private java.net.Socket stream() throws IOException {
        java.net.URI uri = java.net.URI.create(http.base());
        java.net.Socket s = new java.net.Socket(uri.getHost(), uri.getPort());
        s.setSoTimeout(20_000);
        s.getOutputStream().write(("GET /api/v1/topology/stream HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Accept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        return s;
    }

    /** The status line; the headers are read past. */
    private static String head(java.io.BufferedReader in) throws IOException {
        String status = in.readLine();
        for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
            // headers
        }
        return String.valueOf(status);
    }

    private static long nextVersion(java.io.BufferedReader in) throws IOException {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (line.startsWith("data: {\"version\":")) {
                return Long.parseLong(line.substring("data: {\"version\":".length(), line.length() - 1));
            }
        }
        throw new AssertionError("the stream ended");
    }

    @Test
    public void g_theEndpointsComeBackAfterAnUpdateOfTheWebBundle() throws Exception {
        Bundle web = bundle("io.x0tta6bl4.web");
        assertNotNull(web);
        web.update();
        Await.until("/ready 200 after the update", WAIT, () -> http.get("/ready").status() == 200,
                () -> http.get("/ready").toString());
        Await.until("/metrics after the update", WAIT, () -> http.get("/metrics").body().contains("x0tta6bl4_topology_nodes"));
        jettyError(http.raw("/%2e%2e/x", Map.of()), 400, "Bad Request");
        web.stop();
        Await.until("/health gone while stopped", WAIT, () -> http.get("/health").status() == 404,
                () -> http.get("/health").toString());
        Await.until("no stream thread while stopped", WAIT, () -> threadsNamed("x0tta6bl4-web").isEmpty(),
                () -> threadsNamed("x0tta6bl4-web").toString());
        WebHttp.Reply whileStopped = http.raw("/%2e%2e/x", Map.of());
        assertEquals(whileStopped.toString(), 400, whileStopped.status());
        assertFalse("Jetty's own handler is back: " + whileStopped, whileStopped.contentType().startsWith("application/json"));
        web.start();
        Await.until("/health back", WAIT, () -> http.get("/health").status() == 200);
        jettyError(http.raw("/%2e%2e/x", Map.of()), 400, "Bad Request");
        // Pax Web takes a servlet up at its first request: the stream thread starts with the first stream
        try (java.net.Socket s = stream()) {
            assertTrue(head(new java.io.BufferedReader(new java.io.InputStreamReader(s.getInputStream(),
                    StandardCharsets.UTF_8))).startsWith("HTTP/1.1 200"));
            Await.until("one stream thread, the started bundle's", WAIT,
                    () -> threadsNamed("x0tta6bl4-web").equals(List.of("x0tta6bl4-web-stream")),
                    () -> threadsNamed("x0tta6bl4-web").toString());
        }
    }

    @Test
    public void i_svidSecondsToExpiryOnceTheNodeHasAnIdentity() throws Exception {
        shell().run("identity:bootstrap x0tta6bl4.test").assertOk();
        Await.until("identity READY in the metrics", WAIT,
                () -> http.get("/metrics").body().contains("x0tta6bl4_identity_state{state=\"READY\"} 1.0"));
        String text = http.get("/metrics").body();
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("(?m)^x0tta6bl4_identity_svid_expiry_seconds (\\S+)$").matcher(text);
        assertTrue(text, m.find());
        assertTrue(m.group(1), Double.parseDouble(m.group(1)) > 60);
        JsonNode identityCheck = check(json(http.get("/ready")), "identity");
        assertEquals(identityCheck.toString(), "UP", identityCheck.get("status").asText());
        assertTrue(identityCheck.toString(), identityCheck.get("detail").asText().contains("READY"));
    }

    @Test
    public void j_configurationChangesApplyAtRuntimeAndABadValueKeepsTheLastGoodOne() throws Exception {
        shell().run("config:property-set -p io.x0tta6bl4.web auth.sensitive.reads false").assertOk();
        Await.until("incidents readable without credentials", WAIT,
                () -> http.get("/api/v1/incidents").status() == 200, () -> http.get("/api/v1/incidents").toString());
        // Felix FileInstall writes a change back to etc/ and then reads that file again: a change made
        // before it has done so can be undone by the file's older content (seen once in a clean-clone
        // run: sensitive reads stayed off). Wait for the write-back, then make both changes in one update.
        java.nio.file.Path cfg = java.nio.file.Path.of(System.getProperty("karaf.etc"), "io.x0tta6bl4.web.cfg");
        Await.until("the change written back to " + cfg, WAIT,
                () -> configText(cfg).matches("(?s).*auth\\.sensitive\\.reads\\s*=\\s*\"?false\"?.*"),
                () -> configText(cfg));
        shell().run("config:edit io.x0tta6bl4.web; config:property-set auth.write.role 'two words';"
                + " config:property-set auth.sensitive.reads true; config:update").assertOk();
        Await.until("incidents need credentials again", WAIT, () -> http.get("/api/v1/incidents").status() == 401);
        // the refused role left 'admin' in force: the admin may still write, the viewer may not
        boolean dryRun = json(ok(http.get("/api/v1/healing/dry-run"))).get("dryRun").asBoolean();
        ok(http.send("PUT", "/api/v1/healing/dry-run", ADMIN, "{\"enabled\":" + dryRun + "}"));
        error(http.send("PUT", "/api/v1/healing/dry-run", VIEWER, "{\"enabled\":" + dryRun + "}"), 403,
                "lacks the role 'admin'");
    }

    private static String configText(java.nio.file.Path cfg) {
        try {
            return java.nio.file.Files.readString(cfg);
        } catch (IOException e) {
            return "unreadable: " + e;
        }
    }

    @Test
    public void k_withoutTheHealingBundleItsEndpointsAnswer503AndTheRestStaysUp() throws Exception {
        Bundle healingBundle = bundle("io.x0tta6bl4.healing");
        assertNotNull(healingBundle);
        healingBundle.stop();
        try {
            Await.until("/api/v1/healing 503", WAIT, () -> http.get("/api/v1/healing").status() == 503);
            error(http.get("/api/v1/healing"), 503, "healing is not installed or not running");
            error(http.send("GET", "/api/v1/incidents", VIEWER, null), 503, "healing is not installed or not running");
            JsonNode ready = json(http.get("/ready"));
            assertEquals(ready.toString(), "UP", ready.get("status").asText());
            assertEquals("DOWN", check(ready, "healing").get("status").asText());
            String metrics = http.get("/metrics").body();
            assertFalse(metrics.contains("x0tta6bl4_healing_"));
            assertTrue(metrics.contains("x0tta6bl4_topology_nodes"));
        } finally {
            healingBundle.start();
        }
        Await.until("/api/v1/healing back", Duration.ofSeconds(60), () -> http.get("/api/v1/healing").status() == 200);
    }

    @Test
    public void l_perPeerXdpCountersOfAnAttachedGuardAreScrapedAndPassPromtool() throws Exception {
        String why = EbpfNetLab.unavailable();
        if (why != null) {
            System.out.println("SKIP " + getClass().getSimpleName() + ".l_ (veth pair for the XDP guard): " + why);
        }
        org.junit.Assume.assumeTrue(why, why == null);
        String id = Long.toString(System.nanoTime() % 100000, 36);
        String nsA = "xwa" + id;
        String nsB = "xwb" + id;
        String macA = "02:0e:00:00:0a:01";
        String at = nsB + "/wb" + id;
        try (EbpfNetLab lab = new EbpfNetLab()) {
            lab.namespace(nsA);
            lab.namespace(nsB);
            lab.veth(nsA, "wa" + id, macA, "10.232.1.1", nsB, "wb" + id, "02:0e:00:00:0a:02", "10.232.1.2");
            shell().run("ebpf:attach " + at).assertOk();
            try {
                String series = "x0tta6bl4_meshguard_packets_total{mac=\"" + macA + "\"} ";
                Await.until(series + "in /metrics", WAIT, () -> {
                    lab.ping(nsA, "10.232.1.2");
                    return http.get("/metrics").body().contains(series);
                });
                String text = http.get("/metrics").body();
                assertTrue(text, text.contains("x0tta6bl4_meshguard_dropped_total{mac=\"" + macA + "\"} 0.0"));
                assertTrue(text, text.contains("x0tta6bl4_meshguard_interfaces 1.0"));
                Process p = new ProcessBuilder(PROMTOOL.toString(), "check", "metrics").redirectErrorStream(true).start();
                try (OutputStream in = p.getOutputStream()) {
                    in.write(text.getBytes(StandardCharsets.UTF_8));
                }
                assertTrue(p.waitFor(30, TimeUnit.SECONDS));
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertEquals("promtool check metrics: " + out, 0, p.exitValue());
            } finally {
                shell().run("ebpf:detach " + at);
            }
        }
    }

    private Boolean online(String node) {
        try {
            for (JsonNode n : json(http.get("/meshviewer/nodes.json")).get("nodes")) {
                if (n.get("nodeinfo").get("node_id").asText().equals(node)) {
                    return n.get("flags").get("online").asBoolean();
                }
            }
            return null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static JsonNode check(JsonNode ready, String name) {
        for (JsonNode c : ready.get("checks")) {
            if (c.get("name").asText().equals(name)) {
                return c;
            }
        }
        throw new AssertionError("no check " + name + " in " + ready);
    }

    private static WebHttp.Reply ok(WebHttp.Reply reply) {
        assertTrue(reply.toString(), reply.status() >= 200 && reply.status() < 300);
        assertTrue(reply.toString(), reply.contentType().startsWith("application/json"));
        return reply;
    }

    private static void error(WebHttp.Reply reply, int status, String message) throws IOException {
        assertEquals(reply.toString(), status, reply.status());
        assertTrue(reply.toString(), reply.contentType().startsWith("application/json"));
        JsonNode body = json(reply);
        assertEquals(status, body.get("status").asInt());
        assertTrue(reply.toString(), body.get("message").asText().contains(message));
    }

    private static void jettyError(WebHttp.Reply reply, int status, String error) throws IOException {
        assertEquals(reply.toString(), status, reply.status());
        assertTrue(reply.toString(), reply.contentType().startsWith("application/json"));
        JsonNode body = json(reply);
        assertEquals(reply.toString(), status, body.path("status").asInt());
        assertEquals(reply.toString(), error, body.path("error").asText());
        assertTrue(reply.toString(), body.path("message").asText().length() <= 203);
    }

    private static JsonNode json(WebHttp.Reply reply) throws IOException {
        return JSON.readTree(reply.body());
    }

    private static int freePort() {
        return FreePorts.next();
    }

    /** The backup ends where its primary does and shares no link with it, in either direction. */
    private static void assertLinkDisjoint(JsonNode pair) {
        assertEquals(pair.toString(), "LINK", pair.get("disjointness").asText());
        java.util.Set<String> primary = new java.util.HashSet<>();
        JsonNode p = pair.get("primary").get("hops");
        for (int i = 1; i < p.size(); i++) {
            primary.add(undirected(p.get(i - 1).asText(), p.get(i).asText()));
        }
        JsonNode b = pair.get("backup").get("hops");
        assertEquals(pair.toString(), p.get(p.size() - 1).asText(), b.get(b.size() - 1).asText());
        for (int i = 1; i < b.size(); i++) {
            assertFalse(pair.toString(), primary.contains(undirected(b.get(i - 1).asText(), b.get(i).asText())));
        }
    }

    private static String undirected(String a, String b) {
        return a.compareTo(b) < 0 ? a + "|" + b : b + "|" + a;
    }
}
