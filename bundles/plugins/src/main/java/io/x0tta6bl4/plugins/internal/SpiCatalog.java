package io.x0tta6bl4.plugins.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.x0tta6bl4.api.event.Topics;

/**
 * The x0tta6bl4 extension points a service can stand for, by object class, with the service
 * property that names the instance. Object classes are compared by name, so an SPI whose
 * api package is not installed (the scanner's) costs nothing.
 */
public final class SpiCatalog {

    static final String EVENT_HANDLER = "org.osgi.service.event.EventHandler";
    static final String EVENT_TOPICS = "event.topics";

    /** Object class to {short SPI name, naming service property}. */
    static final Map<String, String[]> SPIS = Map.of(
            "io.x0tta6bl4.api.healing.RemediationAction", new String[] {"RemediationAction", "healing.action"},
            "io.x0tta6bl4.api.healing.AnomalyDetector", new String[] {"AnomalyDetector", "healing.detector"},
            "io.x0tta6bl4.api.topology.provider.MeshProvider", new String[] {"MeshProvider", "x0tta6bl4.provider"},
            "io.x0tta6bl4.api.topology.LinkWeigher", new String[] {"LinkWeigher", "x0tta6bl4.weigher"},
            "io.x0tta6bl4.api.scanner.Scanner", new String[] {"Scanner", "scanner.name"});

    private SpiCatalog() {
    }

    /**
     * What one service provides, e.g. {@code RemediationAction purge} or
     * {@code EventHandler x0tta6bl4/health/*}; empty when it is no x0tta6bl4 extension.
     */
    public static List<String> describe(String[] objectClasses, Function<String, Object> property) {
        List<String> out = new ArrayList<>();
        for (String type : objectClasses) {
            String[] spi = SPIS.get(type);
            if (spi != null) {
                Object name = property.apply(spi[1]);
                out.add(name == null ? spi[0] : spi[0] + " " + name);
            } else if (EVENT_HANDLER.equals(type)) {
                List<String> ours = topics(property.apply(EVENT_TOPICS)).stream()
                        .filter(t -> t.startsWith(Topics.ROOT))
                        .toList();
                if (!ours.isEmpty()) {
                    out.add("EventHandler " + String.join(",", ours));
                }
            }
        }
        return out;
    }

    private static List<String> topics(Object value) {
        if (value instanceof String s) {
            return List.of(s);
        }
        if (value instanceof String[] a) {
            return Arrays.asList(a);
        }
        if (value instanceof Collection<?> c) {
            return c.stream().map(String::valueOf).toList();
        }
        return List.of();
    }
}
