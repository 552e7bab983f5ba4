package io.x0tta6bl4.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.inject.Inject;

import io.x0tta6bl4.api.event.EventKeys;
import io.x0tta6bl4.api.event.Topics;
import io.x0tta6bl4.api.identity.IdentityHealth;
import io.x0tta6bl4.api.identity.IdentityService;
import io.x0tta6bl4.api.identity.IdentityState;

import org.junit.Test;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

/**
 * The node takes its SVID from a real SPIFFE Workload API (gRPC on a Unix socket, served
 * by the test driver JVM, see {@link IdentityWorkloadApi}), configured through
 * ConfigurationAdmin: READY, a rotation is seen, SVID_EXPIRING when rotation stops, the
 * source going away is reported, and the node recovers when the server returns.
 */
public class IdentityWorkloadApiIT extends PlatformTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(90);

    @Inject
    IdentityService identity;

    @Inject
    ConfigurationAdmin configAdmin;

    @Override
    @Configuration
    public Option[] config() {
        String[] api = IdentityWorkloadApi.startForTest();
        Option[] base = super.config();
        Option[] all = Arrays.copyOf(base, base.length + 2);
        all[base.length] = systemProperty(IdentityWorkloadApi.SOCKET_PROPERTY).value(api[0]);
        all[base.length + 1] = systemProperty(IdentityWorkloadApi.CONTROL_PROPERTY).value(api[1]);
        return all;
    }

    private static String control(String command) throws Exception {
        int port = Integer.parseInt(System.getProperty(IdentityWorkloadApi.CONTROL_PROPERTY));
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
            s.setSoTimeout(30_000);
            s.getOutputStream().write((command + "\n").getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int c;
            while ((c = s.getInputStream().read()) >= 0 && c != '\n') {
                line.write(c);
            }
            return line.toString(StandardCharsets.US_ASCII);
        }
    }

    private static long count(List<Event> events, String kind) {
        return events.stream().filter(e -> kind.equals(e.getProperty(EventKeys.KIND))).count();
    }

    @Test
    public void svidFromTheWorkloadApiRotatesExpiresAndRecovers() throws Exception {
        List<Event> events = new CopyOnWriteArrayList<>();
        Dictionary<String, Object> topics = new Hashtable<>();
        topics.put(EventConstants.EVENT_TOPIC, Topics.health(IdentityHealth.AREA, "*"));
        ServiceRegistration<EventHandler> reg = context.registerService(EventHandler.class, events::add, topics);
        try {
            // a fresh SVID: the first one was issued before Karaf booted
            String first = control("rotate");
            org.osgi.service.cm.Configuration c = configAdmin.getConfiguration("io.x0tta6bl4.identity", "?");
            Dictionary<String, Object> props = c.getProperties() == null ? new Hashtable<>() : c.getProperties();
            props.put("source", "workload");
            props.put("workload.socket", System.getProperty(IdentityWorkloadApi.SOCKET_PROPERTY));
            props.put("workload.timeout.ms", "3000");
            props.put("check.interval.ms", "200");
            props.put("listener.port", "0");
            c.update(props);

            String id = "spiffe://" + IdentityWorkloadApi.TRUST_DOMAIN + "/mesh/node/" + IdentityWorkloadApi.NODE;
            Duration ready = Await.until("READY from the Workload API", WAIT,
                    () -> identity.state() == IdentityState.READY && identity.spiffeId().equals(Optional.of(id)),
                    () -> identity.state() + ": " + identity.stateReason());
            System.out.println("READY " + ready.toMillis() + " ms after the configuration update");
            assertTrue(identity.stateReason(), identity.stateReason().contains("identity-wl-"));
            String status = shell().run("identity:status").assertOk().out();
            assertTrue(status, status.contains("READY") && status.contains(id) && status.contains("workload API unix:"));
            assertTrue(shell().run("identity:svid").out().contains(first));

            String serial = control("rotate");
            Duration rotated = Await.until("rotation to serial " + serial, WAIT,
                    () -> shell().run("identity:svid").out().contains(serial));
            System.out.println("rotation seen " + rotated.toMillis() + " ms after it was served");

            // rotation stops: less than half of the 61 s lifetime left after about 31 s
            Duration expiring = Await.until("SVID_EXPIRING", WAIT,
                    () -> count(events, IdentityHealth.SVID_EXPIRING) > 0,
                    () -> identity.state() + ": " + identity.stateReason());
            System.out.println("SVID_EXPIRING " + expiring.toMillis() + " ms after the last rotation");
            Event e = events.stream().filter(x -> IdentityHealth.SVID_EXPIRING.equals(x.getProperty(EventKeys.KIND)))
                    .findFirst().orElseThrow();
            System.out.println("SVID_EXPIRING at " + java.time.Instant.now() + ": " + e.getProperty(EventKeys.DETAILS)
                    + ", " + e.getProperty(EventKeys.VALUE) + " s left, threshold " + e.getProperty(EventKeys.THRESHOLD)
                    + " s; svid: " + shell().run("identity:svid").out());
            assertEquals(id, e.getProperty(EventKeys.SUBJECT));
            assertTrue("fired with less than half of the lifetime left",
                    ((Number) e.getProperty(EventKeys.VALUE)).doubleValue()
                            < ((Number) e.getProperty(EventKeys.THRESHOLD)).doubleValue());
            assertEquals(IdentityState.DEGRADED, identity.state());

            assertEquals("ok", control("stop"));
            Await.until("IDENTITY_SOURCE_DOWN", WAIT, () -> count(events, IdentityHealth.IDENTITY_SOURCE_DOWN) > 0,
                    () -> identity.state() + ": " + identity.stateReason());
            assertEquals(IdentityState.DEGRADED, identity.state());

            String fresh = control("start");
            Duration back = Await.until("READY again", WAIT, () -> identity.state() == IdentityState.READY
                            && shell().run("identity:svid").out().contains(fresh),
                    () -> identity.state() + ": " + identity.stateReason());
            System.out.println("READY again " + back.toMillis() + " ms after the server returned");
            Await.until("IDENTITY_SOURCE_UP", WAIT, () -> count(events, IdentityHealth.IDENTITY_SOURCE_UP) > 0);
        } finally {
            reg.unregister();
        }
    }
}
