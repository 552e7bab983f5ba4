package io.x0tta6bl4.respondd.internal;

import java.io.File;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;

import io.x0tta6bl4.api.respondd.RespondProvider;

/**
 * This node's system facts in respondd's shapes, from the configuration and the host: node
 * id, hostname, site, location, contact, software and hardware (nodeinfo); uptime, load,
 * memory, processes and root file system use (statistics). Ranked below every other provider:
 * its {@code node_id} is the fallback the batman-adv provider's primary MAC overrides.
 */
@Component(service = RespondProvider.class, configurationPid = RespondConfig.PID,
        property = {RespondProvider.TYPES + "=" + RespondProvider.NODEINFO,
                RespondProvider.TYPES + "=" + RespondProvider.STATISTICS,
                RespondProvider.TYPES + "=" + RespondProvider.NEIGHBOURS,
                "service.ranking:Integer=-100"})
public final class SystemFacts implements RespondProvider {

    private volatile RespondConfig config = RespondConfig.DEFAULTS;
    private volatile String version = "unknown";
    private volatile String nodeId = "";
    private final Path proc;

    public SystemFacts() {
        this(Path.of("/proc"));
    }

    SystemFacts(Path proc) {
        this.proc = proc;
    }

    @Activate
    void activate(BundleContext context, Map<String, Object> properties) {
        version = context.getBundle().getVersion().toString();
        modified(properties);
    }

    @Modified
    void modified(Map<String, Object> properties) {
        config = RespondConfig.read(config, properties, line -> { }); // RespondManager logs refusals
        nodeId = nodeId(config);
    }

    @Override
    public Map<String, Object> provide(String type) {
        Map<String, Object> out = new LinkedHashMap<>();
        String id = nodeId;
        if (!id.isEmpty()) {
            out.put("node_id", id);
        }
        if (NODEINFO.equals(type)) {
            nodeinfo(config, out);
        } else if (STATISTICS.equals(type)) {
            out.putAll(ProcFacts.statistics(proc));
            File root = new File("/");
            long total = root.getTotalSpace();
            if (total > 0) {
                out.put("rootfs_usage", 1.0 - (double) root.getUsableSpace() / total);
            }
        }
        return out;
    }

    private void nodeinfo(RespondConfig c, Map<String, Object> out) {
        String host = c.hostname().isEmpty() ? ProcFacts.read(proc.resolve("sys/kernel/hostname")).trim() : c.hostname();
        if (!host.isEmpty()) {
            out.put("hostname", host);
        }
        if (!c.siteCode().isEmpty()) {
            out.put("system", Map.of("site_code", c.siteCode()));
        }
        if (c.latitude() != null) {
            out.put("location", Map.of("latitude", c.latitude(), "longitude", c.longitude()));
        }
        if (!c.contact().isEmpty()) {
            out.put("owner", Map.of("contact", c.contact()));
        }
        out.put("software", Map.of(
                "firmware", Map.of("base", "x0tta6bl4", "release", version),
                "autoupdater", Map.of("enabled", false)));
        Map<String, Object> hardware = new LinkedHashMap<>();
        String model = model();
        if (!model.isEmpty()) {
            hardware.put("model", model);
        }
        hardware.put("nproc", Runtime.getRuntime().availableProcessors());
        out.put("hardware", hardware);
    }

    /** The device tree's model on boards, DMI's product name on PCs. */
    private static String model() {
        String dt = ProcFacts.read(Path.of("/sys/firmware/devicetree/base/model")).replace("\0", "").trim();
        return dt.isEmpty() ? ProcFacts.read(Path.of("/sys/class/dmi/id/product_name")).trim() : dt;
    }

    /** The configured id, else the first hardware address of an interface, as Gluon's primary MAC. */
    static String nodeId(RespondConfig c) {
        if (!c.nodeId().isEmpty()) {
            return c.nodeId();
        }
        try {
            for (NetworkInterface n : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                byte[] mac = n.isLoopback() ? null : n.getHardwareAddress();
                if (mac != null && mac.length == 6) {
                    return HexFormat.of().formatHex(mac);
                }
            }
        } catch (SocketException e) {
            // no interfaces to name the node by; the batman-adv provider or node.id does
        }
        return "";
    }
}
