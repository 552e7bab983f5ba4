package io.x0tta6bl4.web.internal;

import java.io.IOException;
import java.time.Instant;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import io.x0tta6bl4.api.topology.TopologyService;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code /meshviewer/nodes.json} and {@code /meshviewer/graph.json} (see {@link MeshviewerExport}). */
@Component(service = Servlet.class, property = {
    "osgi.http.whiteboard.servlet.pattern=/meshviewer/*",
    "osgi.http.whiteboard.servlet.name=x0tta6bl4-meshviewer"})
public class MeshviewerServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient PlatformServices services;

    @Activate
    public MeshviewerServlet(@Reference PlatformServices services) {
        this.services = services;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String file = request.getPathInfo() == null ? "" : request.getPathInfo();
        TopologyService topology = services.topology;
        if (!file.equals("/nodes.json") && !file.equals("/graph.json")) {
            Json.error(response, 404, "no file /meshviewer" + file + ": nodes.json and graph.json are served");
            return;
        }
        if (topology == null) {
            Json.error(response, 503, "topology is not installed or not running");
            return;
        }
        // Map tools in the browser fetch these from other origins.
        response.setHeader("Access-Control-Allow-Origin", "*");
        Json.write(response, 200, file.equals("/nodes.json")
                ? MeshviewerExport.nodes(topology.snapshot(), Instant.now())
                : MeshviewerExport.graph(topology.snapshot()));
    }
}
