/**
 * The web bundle, private: servlets on Pax Web's whiteboard for {@code /health},
 * {@code /ready}, {@code /metrics} ({@code MetricsServlet}, the Prometheus client), the REST API
 * ({@code ApiServlet} with its {@code Route}s, {@code WebAccess} and {@code CrossSiteGuard}), the
 * meshviewer export and the topology page; {@code JettyErrors} and {@code ErrorPages} make every
 * error an answer in JSON.
 */
package io.x0tta6bl4.web.internal;
