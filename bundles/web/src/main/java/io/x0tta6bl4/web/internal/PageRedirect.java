package io.x0tta6bl4.web.internal;

import java.io.IOException;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.osgi.service.component.annotations.Component;

/** {@code /ui} and {@code /ui/} lead to the topology page. */
@Component(service = Servlet.class, property = {
    "osgi.http.whiteboard.servlet.pattern=/ui",
    "osgi.http.whiteboard.servlet.pattern=/ui/",
    "osgi.http.whiteboard.servlet.name=x0tta6bl4-ui"})
public class PageRedirect extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.sendRedirect(request.getContextPath() + "/ui/index.html");
    }
}
