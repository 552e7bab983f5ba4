package io.x0tta6bl4.web.internal;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;

/**
 * {@code /health}: liveness (the framework runs and answers). {@code /ready}: readiness from
 * {@link ReadinessChecks}, 503 when a critical check fails, with every check in the body.
 */
@Component(service = Servlet.class, property = {
    "osgi.http.whiteboard.servlet.pattern=/health",
    "osgi.http.whiteboard.servlet.pattern=/ready",
    "osgi.http.whiteboard.servlet.name=x0tta6bl4-health"})
public class HealthServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient BundleContext context;
    private final transient ReadinessChecks checks;
    private final transient WebAccess access;

    @Activate
    public HealthServlet(BundleContext context, @Reference ServiceComponentRuntime scr,
                         @Reference PlatformServices services, @Reference WebAccess access) {
        this.context = context;
        this.access = access;
        this.checks = new ReadinessChecks(context, scr, services);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if ("/ready".equals(request.getServletPath())) {
            ready(response);
        } else {
            health(response);
        }
    }

    private void health(HttpServletResponse response) throws IOException {
        int state = context.getBundle(0).getState();
        boolean up = state == Bundle.ACTIVE;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", up ? "UP" : "DOWN");
        body.put("framework", up ? "ACTIVE" : "STOPPING");
        body.put("uptimeSeconds", ManagementFactory.getRuntimeMXBean().getUptime() / 1000);
        Json.write(response, up ? 200 : 503, body);
    }

    private void ready(HttpServletResponse response) throws IOException {
        List<Check> results = checks.run(access.settings().readyIdentity());
        boolean ready = ReadinessChecks.ready(results);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", ready ? "UP" : "DOWN");
        body.put("checks", results.stream().map(c -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", c.name());
            m.put("status", c.status());
            m.put("critical", c.critical());
            m.put("detail", c.detail());
            return m;
        }).toList());
        Json.write(response, ready ? 200 : 503, body);
    }
}
