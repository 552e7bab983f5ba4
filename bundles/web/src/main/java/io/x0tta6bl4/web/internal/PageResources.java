package io.x0tta6bl4.web.internal;

import org.osgi.service.component.annotations.Component;

/**
 * The topology page: the bundle's {@code /web} folder served at {@code /ui/*} by the HTTP
 * Whiteboard's resource support ({@code /ui} redirects there, see {@link PageRedirect}).
 */
@Component(service = PageResources.class, property = {
    "osgi.http.whiteboard.resource.pattern=/ui/*",
    "osgi.http.whiteboard.resource.prefix=/web"})
public class PageResources {
}
