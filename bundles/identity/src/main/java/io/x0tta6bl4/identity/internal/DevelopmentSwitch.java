package io.x0tta6bl4.identity.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.Map;
import java.util.function.Consumer;

import io.x0tta6bl4.api.topology.NodeId;

import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * {@code identity:bootstrap}: writes the development CA and this node's SVID
 * ({@link DevBootstrap}) and switches the configuration to those files through
 * ConfigurationAdmin, so the switch is saved to {@code etc/io.x0tta6bl4.identity.cfg} and
 * survives restarts. Without ConfigurationAdmin (unit tests, embedding) the merged
 * properties go to the component directly.
 */
final class DevelopmentSwitch {

    private DevelopmentSwitch() {
    }

    /**
     * @param inForce  the configuration the component runs with
     * @param modified the component's {@code @Modified}, used when there is no ConfigurationAdmin
     */
    static DevBootstrap.Written apply(ConfigurationAdmin ca, IdentityConfig inForce, Path devDir, String trustDomain,
                                      boolean force, Consumer<Map<String, Object>> modified) throws IOException {
        Configuration c = ca == null ? null : ca.getConfiguration(IdentityManager.PID, "?");
        Dictionary<String, Object> props = c == null || c.getProperties() == null ? new Hashtable<>() : c.getProperties();
        // a node.id set just before may still be on its way to modified(): the SVID names the newest one
        IdentityConfig newest = c == null ? inForce
                : new IdentityConfigReader(ignored -> { }).read(inForce, asMap(props));
        NodeId node = newest.nodeId().isEmpty() ? HostNodeId.get() : NodeId.of(newest.nodeId());
        DevBootstrap.Written w = DevBootstrap.write(devDir, trustDomain, node, IdPolicy.parse(newest.idPattern()), force);
        Map<String, Object> update = new HashMap<>();
        update.put(IdentityConfig.SOURCE, "files");
        update.put(IdentityConfig.SVID_FILE, w.svid().toString());
        update.put(IdentityConfig.KEY_FILE, w.key().toString());
        update.put(IdentityConfig.BUNDLE_FILE, w.bundle().toString());
        update.put(IdentityConfig.DEVELOPMENT, "true");
        update.put(IdentityConfig.TRUST_DOMAIN, trustDomain);
        if (c != null) {
            update.forEach(props::put);
            c.update(props);
        } else {
            Map<String, Object> merged = new HashMap<>(raw(inForce));
            merged.putAll(update);
            modified.accept(merged);
        }
        return w;
    }

    private static Map<String, Object> asMap(Dictionary<String, Object> d) {
        Map<String, Object> m = new HashMap<>();
        for (Enumeration<String> keys = d.keys(); keys.hasMoreElements(); ) {
            String k = keys.nextElement();
            m.put(k, d.get(k));
        }
        return m;
    }

    /** The settings the bootstrap keeps when it switches the source (the source's own are replaced). */
    private static Map<String, Object> raw(IdentityConfig c) {
        Map<String, Object> m = new HashMap<>();
        m.put(IdentityConfig.ID_PATTERN, c.idPattern());
        m.put(IdentityConfig.NODE_ID, c.nodeId());
        m.put(IdentityConfig.LISTENER_ENABLED, c.listenerEnabled());
        m.put(IdentityConfig.LISTENER_ADDRESSES, String.join(",", c.listenerAddresses()));
        m.put(IdentityConfig.LISTENER_PORT, c.listenerPort());
        m.put(IdentityConfig.CONNECT_TIMEOUT, c.connectTimeoutMs());
        m.put(IdentityConfig.HANDSHAKE_TIMEOUT, c.handshakeTimeoutMs());
        m.put(IdentityConfig.CHECK_INTERVAL, c.checkIntervalMs());
        m.put(IdentityConfig.FILES_POLL, c.filesPollMs());
        m.put(IdentityConfig.LISTENER_GRACE, c.listenerGraceMs());
        m.put(IdentityConfig.LISTENER_PER_SOURCE, c.listenerPerSource());
        m.put(IdentityConfig.LISTENER_STARTUPS, c.listenerStartups().toString());
        m.put(IdentityConfig.EVENTS_BURST, c.eventsBurst());
        m.put(IdentityConfig.EVENTS_PER_MINUTE, c.eventsPerMinute());
        m.put(IdentityConfig.EVENTS_SUBJECT_BURST, c.eventsSubjectBurst());
        m.put(IdentityConfig.EVENTS_SUBJECT_PER_MINUTE, c.eventsSubjectPerMinute());
        return m;
    }
}
