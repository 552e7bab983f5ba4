package io.x0tta6bl4.respondd.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.x0tta6bl4.api.identity.IdentityService;
import io.x0tta6bl4.api.respondd.CollectedReply;
import io.x0tta6bl4.api.respondd.RespondCollection;
import io.x0tta6bl4.api.respondd.RespondProvider;
import io.x0tta6bl4.api.topology.TopologyService;
import io.x0tta6bl4.api.topology.provider.TopologyProviderService;

/**
 * Runs the responder with the configuration in force and the providers on the whiteboard. A
 * new configuration that changes the socket (interface, port, groups, limits) restarts it; a
 * port it cannot bind leaves it stopped with the reason in {@code respondd:status}.
 */
@Component(service = {RespondAdmin.class, RespondCollection.class}, configurationPid = RespondConfig.PID,
        immediate = true)
@Designate(ocd = RespondConfiguration.class)
public final class RespondManager implements RespondAdmin, RespondCollection {

    private static final Logger LOG = LoggerFactory.getLogger(RespondManager.class);

    private final ProviderSet providers = new ProviderSet(LOG::warn);
    private RespondConfig config = RespondConfig.DEFAULTS;
    private Responder responder;
    private Collector collector;
    private String problem = "";

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile TopologyService topology;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile TopologyProviderService topologyProvider;

    /** Signs replies that ask for the x0tta6bl4 part and checks the signatures of collected ones. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile IdentityService identity;

    @Activate
    void activate(Map<String, Object> properties) {
        modified(properties);
    }

    @Modified
    synchronized void modified(Map<String, Object> properties) {
        RespondConfig next = RespondConfig.read(config, properties, LOG::warn);
        if ((responder != null || collector != null) && next.equals(config)) {
            return;
        }
        config = next;
        stop();
        if (config.collectIntervalMs() > 0) {
            collector = new Collector(config, () -> topology, () -> topologyProvider, () -> identity, LOG::warn);
        }
        if (!config.enabled()) {
            problem = "enabled=false";
            return;
        }
        try {
            responder = new Responder(config, providers::part, this::seal, LOG::info);
            problem = "";
        } catch (IOException | RuntimeException e) {
            problem = "cannot listen on UDP port " + config.port() + ": " + e.getMessage()
                    + (config.port() < 1024 ? " (a port below 1024 needs root or CAP_NET_BIND_SERVICE)" : "");
            LOG.error("respondd {}", problem);
        }
    }

    /** The x0tta6bl4 part of a reply: this node's signature over it, while it has an SVID. */
    private Optional<ObjectNode> seal(Map<String, Object> body) {
        IdentityService id = identity;
        if (id == null) {
            return Optional.empty();
        }
        return ReplySignature.part(body, id.spiffeId().orElse(null), Instant.now().getEpochSecond(), id::sign);
    }

    @Deactivate
    synchronized void deactivate() {
        stop();
    }

    private void stop() {
        if (collector != null) {
            collector.close();
            collector = null;
        }
        if (responder != null) {
            responder.close();
            responder = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "removeProvider")
    void addProvider(RespondProvider provider, Map<String, Object> properties, ServiceReference<RespondProvider> ref) {
        String origin = ref.getBundle() == null ? "unknown" : ref.getBundle().getSymbolicName();
        if (!providers.add(provider, properties, origin)) {
            LOG.warn("Ignored a RespondProvider from {} without the {} property", origin, RespondProvider.TYPES);
        }
    }

    void removeProvider(RespondProvider provider) {
        providers.remove(provider);
    }

    @Override
    public synchronized Status status() {
        Responder r = responder;
        List<String> p = providers.entries().stream()
                .map(e -> e.origin() + " (ranking " + e.ranking() + "): " + String.join(", ", e.types())).toList();
        String collected = collector == null ? "off (collect.interval.ms = 0)" : collector.last().line();
        if (r == null) {
            return new Status(false, problem, config.iface(), config.port(), false, List.of(), 0, 0, 0, 0, 0, "", p,
                    collected);
        }
        Responder.Counters c = r.counters();
        return new Status(true, "", config.iface(), r.port(), r.mesh() != null,
                r.joined().stream().map(InetAddress::getHostAddress).toList(), c.answered.get(), c.malformed.get(),
                c.foreign.get(), c.limited.get(), c.cut.get(), c.lastRefusal, p, collected);
    }

    @Override
    public synchronized List<CollectedReply> lastRound() {
        return collector == null ? List.of() : collector.replies();
    }

    @Override
    public Map<String, Object> part(String type) {
        return providers.part(type);
    }

    @Override
    public List<RespondClient.Answer> query(InetSocketAddress to, List<String> types, int timeoutMs) throws IOException {
        byte[] text = ("GET " + String.join(" ", types)).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        RespondRequest request;
        try {
            request = RespondRequest.parse(text, text.length);
        } catch (RespondFormatException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        return RespondClient.query(to, request, timeoutMs, 1024);
    }
}
