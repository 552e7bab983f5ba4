package io.x0tta6bl4.web.internal;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.AbstractHandler;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * Puts {@link JsonErrorHandler} in as the Jetty server's error handler while this bundle runs,
 * and the one it found back when it stops. Pax Web 8 adds Jetty {@link Handler} services to its
 * server, which is the only way in to the server from a bundle; this handler answers no request
 * itself (a request it sees goes on to the servlet contexts untouched).
 */
@Component(service = Handler.class)
public class JettyErrors extends AbstractHandler {

    private JsonErrorHandler json;
    private Server installedOn;
    private ErrorHandler previous;

    @Override
    public void handle(String target, Request baseRequest, HttpServletRequest request, HttpServletResponse response) {
        // not handled here: the contexts answer
    }

    @Override
    protected synchronized void doStart() throws Exception {
        Server server = getServer();
        if (server != null && !(server.getErrorHandler() instanceof JsonErrorHandler)) {
            // a fresh one each time: Pax Web restarts its server around a Handler service, and a
            // Jetty handler once started cannot be given to a server again
            JsonErrorHandler fresh = new JsonErrorHandler();
            fresh.setServer(server);
            previous = server.getErrorHandler();
            server.setErrorHandler(fresh);
            json = fresh;
            installedOn = server;
        }
        super.doStart();
    }

    @Override
    protected void doStop() throws Exception {
        restore();
        super.doStop();
    }

    @Deactivate
    synchronized void restore() {
        Server server = installedOn;
        installedOn = null;
        if (server != null && server.getErrorHandler() == json) {
            server.setErrorHandler(previous);
        }
        json = null;
        previous = null;
    }
}
