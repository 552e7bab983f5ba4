package io.x0tta6bl4.web.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.servlet.AsyncContext;
import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import io.x0tta6bl4.api.topology.TopologyService;
import io.x0tta6bl4.support.concurrent.NamedThreads;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code /api/v1/topology/stream}: Server-Sent Events carrying the topology's version, so the
 * page fetches the topology when it changed instead of polling. Each event is
 * {@code id: <version>}, {@code event: version}, {@code data: {"version": <version>}}; the
 * current version is sent on connect, so a client that missed events (or reconnects) compares
 * and resyncs. One thread ({@value #THREAD}) checks the version every {@value #CHECK_MS} ms
 * (a burst of changes is one event), sends a comment every {@value #HEARTBEAT_MS} ms so proxies
 * keep the stream, and ends a stream after {@value #LIFETIME_MS} ms (the browser reconnects),
 * so a client that stops reading costs a bounded amount. At most {@value #MAX_STREAMS} streams;
 * one more is answered 503.
 */
@Component(service = Servlet.class, property = {
    "osgi.http.whiteboard.servlet.pattern=/api/v1/topology/stream",
    "osgi.http.whiteboard.servlet.name=x0tta6bl4-topology-stream",
    "osgi.http.whiteboard.servlet.asyncSupported=true"})
public class TopologyStreamServlet extends HttpServlet {

    static final String THREAD = "x0tta6bl4-web-stream";
    static final int MAX_STREAMS = 32;
    static final long CHECK_MS = 250;
    static final long HEARTBEAT_MS = 15_000;
    static final long LIFETIME_MS = 10 * 60_000;
    private static final long serialVersionUID = 1L;

    private final transient PlatformServices services;
    private final transient List<Stream> streams = new CopyOnWriteArrayList<>();
    /** Makes a new stream's check of the limit and its taking a slot one step. */
    private final transient Object admission = new Object();
    private final transient ScheduledExecutorService executor;
    /** Stream thread only. */
    private transient long lastBeat = System.nanoTime();

    /** One client: its context and the version it was last sent. Writes hold its lock. */
    private static final class Stream {
        final AsyncContext context;
        final long openedNanos = System.nanoTime();
        volatile long sent = -1;

        Stream(AsyncContext context) {
            this.context = context;
        }
    }

    @Activate
    public TopologyStreamServlet(@Reference PlatformServices services) {
        this.services = services;
        this.executor = NamedThreads.single(THREAD);
        executor.scheduleWithFixedDelay(this::tick, CHECK_MS, CHECK_MS, TimeUnit.MILLISECONDS);
    }

    @Deactivate
    void deactivate() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Stream s : streams) {
            close(s);
        }
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        TopologyService topology = services.topology;
        if (topology == null) {
            Json.error(response, 503, "topology is not installed or not running");
            return;
        }
        Stream s;
        // the slot is taken before the client sees its 200: counted after the write, a client that
        // opened its last stream and at once one more could be let in over the limit (seen in CI)
        synchronized (admission) {
            if (streams.size() >= MAX_STREAMS) {
                Json.error(response, 503, "at most " + MAX_STREAMS + " topology streams at a time; poll /api/v1/topology");
                return;
            }
            response.setStatus(200);
            response.setContentType("text/event-stream");
            response.setCharacterEncoding("UTF-8");
            response.setHeader("Cache-Control", "no-store");
            AsyncContext context = request.startAsync();
            context.setTimeout(0); // ended by LIFETIME_MS, not by the container
            s = new Stream(context);
            streams.add(s);
        }
        // held while the first event goes out, so the ticker's first send to it waits and finds it sent
        synchronized (s) {
            // retry: how soon the browser reconnects after a stream ends
            if (!send(s, "retry: 2000\n", topology.snapshot().version())) {
                streams.remove(s);
                close(s);
            }
        }
    }

    int streams() {
        return streams.size();
    }

    private void tick() {
        TopologyService topology = services.topology;
        long now = System.nanoTime();
        boolean beat = now - lastBeat > HEARTBEAT_MS * 1_000_000;
        if (beat) {
            lastBeat = now;
        }
        long version = topology == null ? -1 : topology.snapshot().version();
        for (Stream s : streams) {
            boolean ok = topology != null && now - s.openedNanos <= LIFETIME_MS * 1_000_000
                    && (s.sent != version ? send(s, "", version) : !beat || send(s, ":\n\n", -1));
            if (!ok) {
                streams.remove(s);
                close(s);
            }
        }
    }

    /** Writes {@code prefix} and, for a version of 0 or more, its event; false once the client is gone. */
    private static boolean send(Stream s, String prefix, long version) {
        String text = version < 0 ? prefix
                : prefix + "id: " + version + "\nevent: version\ndata: {\"version\":" + version + "}\n\n";
        synchronized (s) {
            try {
                var out = s.context.getResponse().getOutputStream();
                out.write(text.getBytes(StandardCharsets.UTF_8));
                out.flush();
                if (version >= 0) {
                    s.sent = version;
                }
                return true;
            } catch (IOException | RuntimeException e) {
                return false; // the client went away
            }
        }
    }

    private static void close(Stream s) {
        try {
            s.context.complete();
        } catch (RuntimeException e) {
            // already completed by the container
        }
    }
}
