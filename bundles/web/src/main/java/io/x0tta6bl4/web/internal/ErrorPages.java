package io.x0tta6bl4.web.internal;

import java.io.IOException;

import javax.servlet.RequestDispatcher;
import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.osgi.service.component.annotations.Component;

/**
 * The error page of the default servlet context for every 4xx and 5xx a servlet sends with
 * {@code sendError} (a path no servlet serves, a resource missing under {@code /ui/}): the
 * API's JSON error object instead of the container's HTML page.
 */
@Component(service = Servlet.class, property = {
    "osgi.http.whiteboard.servlet.errorPage=4xx",
    "osgi.http.whiteboard.servlet.errorPage=5xx",
    "osgi.http.whiteboard.servlet.name=x0tta6bl4-errors"})
public class ErrorPages extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer i ? i : response.getStatus();
        Object message = request.getAttribute(RequestDispatcher.ERROR_MESSAGE);
        Json.error(response, status, JsonErrorHandler.message(status, message == null ? null : message.toString()));
    }
}
