package io.x0tta6bl4.web.internal;

import java.io.IOException;
import java.time.Instant;
import java.util.Set;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import io.x0tta6bl4.api.topology.TopologyService;
import io.x0tta6bl4.api.topology.TopologySnapshot;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code /meshviewer/meshviewer.json} (meshviewer v10 and later, see {@link MeshviewerFfrgb}) and the older
 * {@code nodes.json} and {@code graph.json} (see {@link MeshviewerExport}).
 */
@Component(service = Servlet.class, property = {
    "osgi.http.whiteboard.servlet.pattern=/meshviewer/*",
    "osgi.http.whiteboard.servlet.name=x0tta6bl4-meshviewer"})
public class MeshviewerServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Set<String> FILES = Set.of("/meshviewer.json", "/nodes.json", "/graph.json");

    private final transient PlatformServices services;

    @Activate
    public MeshviewerServlet(@Reference PlatformServices services) {
        this.services = services;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        // Map tools in the browser fetch these from other origins; an error without the header
        // reads there as a CORS failure instead of the error it is.
        response.setHeader("Access-Control-Allow-Origin", "*");
        String file = request.getPathInfo() == null ? "" : request.getPathInfo();
        if (!FILES.contains(file)) {
            Json.error(response, 404, "no file /meshviewer" + file + ": meshviewer.json, nodes.json and graph.json are served");
            return;
        }
        TopologyService topology = services.topology;
        if (topology == null) {
            Json.error(response, 503, "topology is not installed or not running");
            return;
        }
        TopologySnapshot snapshot = topology.snapshot();
        Json.write(response, 200, switch (file) {
            case "/meshviewer.json" -> MeshviewerFfrgb.of(snapshot, Instant.now());
            case "/nodes.json" -> MeshviewerExport.nodes(snapshot, Instant.now());
            default -> MeshviewerExport.graph(snapshot);
        });
    }
}
