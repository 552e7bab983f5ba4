package io.x0tta6bl4.web.internal;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import io.x0tta6bl4.api.ebpf.MacAddresses;
import io.x0tta6bl4.api.ebpf.MeshGuard;
import io.x0tta6bl4.api.healing.HealingService;
import io.x0tta6bl4.api.topology.CriticalElements;
import io.x0tta6bl4.api.topology.Disjointness;
import io.x0tta6bl4.api.topology.LinkId;
import io.x0tta6bl4.api.topology.LinkSample;
import io.x0tta6bl4.api.topology.Node;
import io.x0tta6bl4.api.topology.NodeId;
import io.x0tta6bl4.api.topology.Path;
import io.x0tta6bl4.api.topology.TopologyService;
import io.x0tta6bl4.api.topology.TopologySnapshot;
import io.x0tta6bl4.web.internal.Route.Access;
import io.x0tta6bl4.web.internal.Route.Call;
import io.x0tta6bl4.web.internal.Route.Reply;
import io.x0tta6bl4.support.json.HealingJson;
import io.x0tta6bl4.support.json.TopologyJson;
import io.x0tta6bl4.support.json.RoutedPath;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The REST API under {@code /api/v1}: JSON in and out, every error as JSON with its status.
 * Writes need a user with the write role; incidents, findings and the quarantine list a user
 * with the read role (see {@link WebAccess}).
 */
@Component(service = Servlet.class, property = {
    "osgi.http.whiteboard.servlet.pattern=/api/v1/*",
    "osgi.http.whiteboard.servlet.name=x0tta6bl4-api"})
public class ApiServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ApiServlet.class);

    private final transient PlatformServices services;
    private final transient WebAccess access;
    private final transient ScannerFindings findings;
    private final transient List<Route> routes = new ArrayList<>();
    private final transient DrawingPositions positions = new DrawingPositions();

    @Activate
    public ApiServlet(@Reference PlatformServices services, @Reference WebAccess access,
                      @Reference ScannerFindings findings) {
        this.services = services;
        this.access = access;
        this.findings = findings;
        routes.add(Route.of("GET", "topology", Access.PUBLIC, c -> topology()));
        routes.add(Route.of("GET", "topology/drawing", Access.PUBLIC, c -> {
            TopologyService topology = services.requireTopology();
            TopologySnapshot snapshot = topology.snapshot();
            return TopologyDrawing.of(snapshot, topology.critical(), positions.place(snapshot));
        }));
        routes.add(Route.of("GET", "page", Access.PUBLIC, c -> page()));
        routes.add(Route.of("GET", "topology/nodes", Access.PUBLIC, c -> nodes()));
        routes.add(Route.of("GET", "topology/nodes/{}", Access.PUBLIC, c -> node(c.param(0))));
        routes.add(Route.of("GET", "topology/links", Access.PUBLIC, c -> links()));
        routes.add(Route.of("GET", "topology/links/{}/{}/history", Access.PUBLIC, c -> history(c.param(0), c.param(1))));
        routes.add(Route.of("GET", "topology/stats", Access.PUBLIC,
                c -> TopologyJson.statistics(services.requireTopology().statistics())));
        routes.add(Route.of("GET", "topology/path", Access.PUBLIC, this::path));
        routes.add(Route.of("GET", "incidents", Access.SENSITIVE_READ, this::incidents));
        routes.add(Route.of("GET", "incidents/{}", Access.SENSITIVE_READ, c -> incident(c.param(0))));
        routes.add(Route.of("POST", "incidents/{}/approve", Access.WRITE, this::approve));
        routes.add(Route.of("GET", "healing", Access.PUBLIC, c -> healing()));
        routes.add(Route.of("GET", "healing/dry-run", Access.PUBLIC,
                c -> Map.of("dryRun", services.requireHealing().dryRun())));
        routes.add(Route.of("PUT", "healing/dry-run", Access.WRITE, this::setDryRun));
        routes.add(Route.of("GET", "quarantine", Access.SENSITIVE_READ, c -> quarantine()));
        routes.add(Route.of("POST", "quarantine/{}", Access.WRITE, this::quarantine));
        routes.add(Route.of("DELETE", "quarantine/{}", Access.WRITE, this::release));
        routes.add(Route.of("GET", "findings", Access.SENSITIVE_READ, c -> findings()));
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            Object body = dispatch(request);
            if (body instanceof Reply reply) {
                Json.write(response, reply.status(), reply.body());
            } else {
                Json.write(response, 200, body);
            }
        } catch (ApiException e) {
            if (e.status() == 401) {
                response.setHeader("WWW-Authenticate", "Basic realm=\"x0tta6bl4\"");
            }
            Json.error(response, e.status(), e.getMessage());
        } catch (IllegalArgumentException e) {
            Json.error(response, 400, e.getMessage());
        } catch (IllegalStateException e) {
            Json.error(response, 409, e.getMessage());
        } catch (Exception e) {
            LOG.warn("{} {} failed", request.getMethod(), request.getRequestURI(), e);
            Json.error(response, 500, "internal error: " + e);
        }
    }

    private Object dispatch(HttpServletRequest request) throws Exception {
        // Before the login: a forged cross-site write is refused whatever credentials the browser adds.
        String crossSite = CrossSiteGuard.refusal(request.getMethod(), request.getHeader("Origin"),
                request.getHeader(CrossSiteGuard.HEADER), request.getScheme(), request.getHeader("Host"));
        if (crossSite != null) {
            throw new ApiException(403, crossSite);
        }
        String[] path = Route.split(request.getPathInfo());
        boolean pathKnown = false;
        for (Route route : routes) {
            List<String> params = route.match(path);
            if (params == null) {
                continue;
            }
            pathKnown = true;
            if (!route.method().equals(request.getMethod())) {
                continue;
            }
            String user = switch (route.access()) {
                case PUBLIC -> null;
                case SENSITIVE_READ -> {
                    access.requireSensitiveRead(request);
                    yield null;
                }
                case WRITE -> access.requireWrite(request);
            };
            return route.handler().handle(new Call(request, params, user));
        }
        if (pathKnown) {
            throw new ApiException(405, request.getMethod() + " is not allowed on /api/v1/" + String.join("/", path));
        }
        throw ApiException.notFound("no resource /api/v1/" + String.join("/", path));
    }

    private Object topology() {
        TopologyService topology = services.requireTopology();
        return TopologyViews.whole(topology.snapshot(), topology.critical());
    }

    private Object nodes() {
        TopologyService topology = services.requireTopology();
        return TopologyViews.nodes(topology.snapshot(), topology.critical());
    }

    private Object node(String raw) {
        TopologyService topology = services.requireTopology();
        NodeId id = nodeId(raw);
        TopologySnapshot snapshot = topology.snapshot();
        Node node = snapshot.node(id).orElseThrow(() -> unknownNode(id));
        CriticalElements critical = topology.critical();
        Map<String, Object> body = TopologyViews.node(node, snapshot.linksFrom(id).size(), critical);
        body.put("linkList", snapshot.linksOf(id).stream().map(l -> TopologyViews.link(l, critical)).toList());
        // what attestation proved about the node (its SPIFFE ID), as mesh:node shows it; absent without identity
        services.attestations().flatMap(a -> a.result(id))
                .ifPresent(r -> body.put("attestation", TopologyJson.attestation(r)));
        return body;
    }

    /** The links with the version and time of the snapshot they were read from. */
    private Object links() {
        TopologyService topology = services.requireTopology();
        CriticalElements critical = topology.critical();
        TopologySnapshot snapshot = topology.snapshot();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", snapshot.version());
        m.put("time", snapshot.time().toString());
        m.put("links", snapshot.links().values().stream().map(l -> TopologyViews.link(l, critical)).toList());
        return m;
    }

    private Object path(Call call) {
        TopologyService topology = services.requireTopology();
        HttpServletRequest r = call.request();
        String fromRaw = r.getParameter("from");
        String toRaw = r.getParameter("to");
        if (fromRaw == null || fromRaw.isBlank() || toRaw == null || toRaw.isBlank()) {
            throw ApiException.badRequest("query parameters 'from' and 'to' are required, e.g. ?from=sim-01&to=sim-30");
        }
        NodeId from = nodeId(fromRaw);
        NodeId to = nodeId(toRaw);
        for (NodeId id : List.of(from, to)) {
            if (topology.node(id).isEmpty()) {
                throw unknownNode(id);
            }
        }
        String weigher = r.getParameter("weigher");
        if (weigher != null && !topology.weighers().contains(weigher)) {
            throw ApiException.badRequest("unknown weigher '" + weigher + "'; known: "
                    + new TreeSet<>(topology.weighers()));
        }
        Disjointness backup = backup(r.getParameter("backup"));
        Optional<Path> path = weigher == null ? topology.path(from, to) : topology.path(from, to, weigher);
        Path model = path.orElseThrow(() -> ApiException.notFound("no path from " + from + " to " + to
                + ": they are not connected"));
        // from this node, the mesh routing's first hop, the model's beside it (as mesh:path shows it)
        Map<String, Object> json = RoutedPath.of(topology, topology.node(from).orElseThrow(() -> unknownNode(from)),
                topology.node(to).orElseThrow(() -> unknownNode(to)), model, weigher).json();
        if (backup != null && !from.equals(to)) {
            // the pair of least total cost that shares nothing of that kind, as mesh:disjoint finds it;
            // null where the mesh has none (a bridge or a critical node lies between the ends)
            json.put("backup", topology.disjointPaths(from, to, backup, weigher).map(pair -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("disjointness", pair.disjointness().name());
                m.put("primary", TopologyJson.path(pair.primary()));
                m.put("backup", TopologyJson.path(pair.backup()));
                return m;
            }).orElse(null));
        }
        return json;
    }

    private static Disjointness backup(String raw) {
        if (raw == null) {
            return null;
        }
        return switch (raw) {
            case "link" -> Disjointness.LINK;
            case "node" -> Disjointness.NODE;
            default -> throw ApiException.badRequest("query parameter 'backup' must be link or node, was '"
                    + (raw.length() > 40 ? raw.substring(0, 40) + "..." : raw) + "'");
        };
    }

    private Object incidents(Call call) {
        String open = call.request().getParameter("open");
        if (open != null && !open.equals("true") && !open.equals("false")) {
            throw ApiException.badRequest("query parameter 'open' must be true or false, was '" + open + "'");
        }
        return services.requireHealing().incidents(Boolean.parseBoolean(open)).stream()
                .map(HealingJson::incident).toList();
    }

    private Object incident(String id) {
        return services.requireHealing().incident(id).map(HealingJson::incident)
                .orElseThrow(() -> ApiException.notFound("no incident '" + id + "'"));
    }

    private Object approve(Call call) {
        HealingService healing = services.requireHealing();
        String id = call.param(0);
        if (healing.incident(id).isEmpty()) {
            throw ApiException.notFound("no incident '" + id + "'");
        }
        healing.approve(id);
        LOG.info("incident {} approved by '{}' through the REST API", id, call.user());
        return HealingJson.incident(healing.incident(id).orElseThrow());
    }

    /** The topology page's settings from the configuration: the map's tiles, empty for none. */
    private Object page() {
        WebConfig settings = access.settings();
        return Map.of("mapTiles", settings.mapTiles(), "mapAttribution", settings.mapAttribution());
    }

    private Object healing() {
        HealingService healing = services.requireHealing();
        Map<String, Object> m = HealingJson.stats(healing.stats());
        m.put("dryRun", healing.dryRun());
        return m;
    }

    private Object setDryRun(Call call) throws IOException {
        JsonNode body = body(call.request());
        JsonNode enabled = body.get("enabled");
        if (enabled == null || !enabled.isBoolean()) {
            throw ApiException.badRequest("expected a JSON body {\"enabled\": true|false}");
        }
        HealingService healing = services.requireHealing();
        healing.setDryRun(enabled.booleanValue());
        LOG.info("healing dry-run set to {} by '{}' through the REST API", enabled.booleanValue(), call.user());
        return Map.of("dryRun", healing.dryRun());
    }

    private Object quarantine() {
        MeshGuard guard = services.requireGuard();
        return new TreeSet<>(guard.quarantined()).stream().map(mac -> Map.of("mac", mac,
                "reason", guard.quarantineReasons().getOrDefault(mac, ""))).toList();
    }

    private Object quarantine(Call call) throws IOException {
        MeshGuard guard = services.requireGuard();
        String mac = MacAddresses.normalize(call.param(0));
        JsonNode body = call.request().getContentLength() > 0 ? body(call.request()) : null;
        String reason = body != null && body.hasNonNull("reason") ? body.get("reason").asText()
                : "REST API by " + call.user();
        guard.quarantine(mac, reason);
        LOG.info("{} quarantined by '{}' through the REST API: {}", mac, call.user(), reason);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mac", mac);
        m.put("quarantined", true);
        m.put("reason", reason);
        m.put("time", Instant.now().toString());
        return new Reply(201, m);
    }

    private Object release(Call call) {
        MeshGuard guard = services.requireGuard();
        String mac = MacAddresses.normalize(call.param(0));
        if (!guard.release(mac)) {
            throw ApiException.notFound(mac + " is not quarantined");
        }
        LOG.info("{} released by '{}' through the REST API", mac, call.user());
        return Map.of("mac", mac, "quarantined", false);
    }

    private Object findings() {
        return findings.findings().orElseThrow(() -> ApiException.unavailable("scanner"));
    }

    private static JsonNode body(HttpServletRequest request) throws IOException {
        try {
            JsonNode node = Json.MAPPER.readTree(request.getInputStream());
            if (node == null || !node.isObject()) {
                throw ApiException.badRequest("expected a JSON object body");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("malformed JSON body: " + e.getOriginalMessage());
        }
    }

    /** A link's recent samples, oldest first: what the topology keeps (link.history.size), from before the page opened too. */
    private Object history(String from, String to) {
        LinkId id = new LinkId(nodeId(from), nodeId(to));
        List<LinkSample> samples = services.requireTopology().history(id);
        if (samples.isEmpty()) {
            throw ApiException.notFound("no history of link '" + id.from() + "->" + id.to() + "'");
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("from", id.from().value());
        m.put("to", id.to().value());
        m.put("samples", samples.stream().map(TopologyJson::sample).toList());
        return m;
    }

    private static NodeId nodeId(String raw) {
        try {
            return NodeId.of(raw);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    private static ApiException unknownNode(NodeId id) {
        return ApiException.notFound("unknown node '" + id + "'");
    }
}
