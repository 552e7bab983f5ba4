package io.x0tta6bl4.healing.internal;

import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import io.x0tta6bl4.api.ebpf.MeshGuard;
import io.x0tta6bl4.api.healing.ActionRequest;
import io.x0tta6bl4.api.healing.ActionResult;
import io.x0tta6bl4.api.healing.RemediationAction;
import io.x0tta6bl4.api.identity.IdentityService;
import io.x0tta6bl4.api.identity.PeerAttestations;
import io.x0tta6bl4.api.topology.LinkId;
import io.x0tta6bl4.api.topology.Node;
import io.x0tta6bl4.api.topology.NodeId;
import io.x0tta6bl4.api.topology.TopologyAdmin;
import io.x0tta6bl4.api.topology.TopologyService;

import org.apache.camel.ProducerTemplate;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/**
 * The built-in actions. Each reaches its service through a supplier that returns null while
 * the service is absent; the action then fails with one line saying which service is missing
 * (re-attest, in {@link Reattest}, says it is not applicable instead).
 */
final class BuiltInActions {

    static final Pattern MAC = Pattern.compile("(?i)[0-9a-f]{2}([:-][0-9a-f]{2}){5}");

    private BuiltInActions() {
    }

    static void register(ActionRegistry registry, ActionServices s, BundleContext bundles, ProducerTemplate template,
                         Supplier<String> notifyUri) {
        registry.addBuiltIn(ActionHandle.builtIn("notify", new Notify(template, notifyUri), List.of("*"), false, false,
                RemediationAction.CHANGES_NOTHING));
        registry.addBuiltIn(ActionHandle.builtIn(PathPenalty.NAME, new PathPenalty(s.admin()),
                List.of("LINK_DEGRADED", "LINK_ANOMALY"), false, true, RemediationAction.CHANGES_VIEW));
        registry.addBuiltIn(ActionHandle.builtIn("quarantine", new Quarantine(s.topology(), s.guard(), s.attestations()),
                PeerTrust.KINDS, true, true, RemediationAction.CHANGES_MESH));
        registry.addBuiltIn(ActionHandle.builtIn("release", new Release(s.topology(), s.guard()), List.of(), false, false,
                RemediationAction.CHANGES_MESH));
        registry.addBuiltIn(ActionHandle.builtIn(Reattest.NAME, new Reattest(s), PeerTrust.KINDS, false, true,
                RemediationAction.CHANGES_VIEW));
        registry.addBuiltIn(ActionHandle.builtIn("refresh-identity", new RefreshIdentity(s.identity()),
                List.of("SVID_EXPIRING"), false, true, RemediationAction.CHANGES_VIEW));
        if (bundles != null) {
            registry.addBuiltIn(ActionHandle.builtIn("restart-bundle", new RestartBundle(bundles),
                    List.of("BUNDLE_FAILED"), false, true, RemediationAction.CHANGES_VIEW));
        }
    }

    /** Sends one line about the incident to the configured endpoint: a Camel URI, or an http(s) webhook. */
    static final class Notify implements RemediationAction {
        private final ProducerTemplate template;
        private final Supplier<String> uri;

        Notify(ProducerTemplate template, Supplier<String> uri) {
            this.template = template;
            this.uri = uri;
        }

        @Override
        public ActionResult execute(ActionRequest r) throws Exception {
            String target = uri.get();
            String text = "incident " + r.incidentId() + " " + r.kind() + " " + r.subject() + " severity "
                    + r.context().getOrDefault("severity", "?") + ": " + r.context().getOrDefault("analysis", "");
            if (target.startsWith("http://") || target.startsWith("https://")) {
                int status = Webhook.post(target, json(r, text));
                return status / 100 == 2 ? ActionResult.succeeded("webhook " + target + " answered " + status)
                        : ActionResult.failed("webhook " + target + " answered " + status);
            }
            template.sendBody(target, text);
            return ActionResult.succeeded("sent to " + target);
        }

        private static String json(ActionRequest r, String text) {
            return "{\"incident\":\"" + esc(r.incidentId()) + "\",\"kind\":\"" + esc(r.kind()) + "\",\"subject\":\""
                    + esc(r.subject()) + "\",\"text\":\"" + esc(text) + "\"}";
        }

        private static String esc(String s) {
            StringBuilder b = new StringBuilder();
            for (char c : s.toCharArray()) {
                if (c == '"' || c == '\\') {
                    b.append('\\').append(c);
                } else if (c < 0x20) {
                    b.append(String.format("\\u%04x", (int) c));
                } else {
                    b.append(c);
                }
            }
            return b.toString();
        }
    }

    /** A small webhook client: one POST with finite timeouts, no threads of its own. */
    static final class Webhook {
        static int post(String url, String json) throws Exception {
            HttpURLConnection c = (HttpURLConnection) new URL(url).openConnection();
            c.setConnectTimeout(3000);
            c.setReadTimeout(5000);
            c.setRequestMethod("POST");
            c.setDoOutput(true);
            c.setRequestProperty("Content-Type", "application/json");
            try (OutputStream out = c.getOutputStream()) {
                out.write(json.getBytes(StandardCharsets.UTF_8));
            }
            try {
                return c.getResponseCode();
            } finally {
                c.disconnect();
            }
        }
    }

    /**
     * Raises the cost of a degraded link in x0tta6bl4's own graph, so its path queries avoid it;
     * rollback lifts the penalty. The kernel's forwarding is not touched: on a batman-adv node
     * that is the batman bundle's {@code steer-link}, ranked before this one. It was called
     * {@code reroute}, which promised more than it does.
     */
    static final class PathPenalty implements RemediationAction {
        static final String NAME = "path-penalty";
        /** The old name, still read in policies. */
        static final String OLD_NAME = "reroute";
        static final double FACTOR = 10;
        static final Duration HOLD = Duration.ofMinutes(10);
        private final Supplier<TopologyAdmin> admin;

        PathPenalty(Supplier<TopologyAdmin> admin) {
            this.admin = admin;
        }

        @Override
        public ActionResult execute(ActionRequest r) {
            TopologyAdmin a = admin.get();
            if (a == null) {
                return ActionResult.failed("no TopologyAdmin service");
            }
            LinkId link = LinkId.parse(r.subject());
            a.penalize(link, FACTOR, HOLD, "healing " + r.incidentId());
            return ActionResult.succeeded("cost of " + link + " x" + (int) FACTOR + " in x0tta6bl4's paths for "
                    + HOLD.toMinutes() + " min (kernel forwarding unchanged)");
        }

        @Override
        public ActionResult rollback(ActionRequest r) {
            TopologyAdmin a = admin.get();
            if (a == null) {
                return ActionResult.failed("no TopologyAdmin service");
            }
            return a.clearPenalty(LinkId.parse(r.subject())) ? ActionResult.succeeded("penalty lifted")
                    : ActionResult.skipped("no penalty in force");
        }
    }

    /**
     * Drops the node's frames in XDP; rollback releases it. It looks at the node's attestation
     * once more right before: a node attested since the plan was made is left alone.
     */
    static final class Quarantine implements RemediationAction {
        private final Supplier<TopologyService> topology;
        private final Supplier<MeshGuard> guard;
        private final Supplier<PeerAttestations> attestations;

        Quarantine(Supplier<TopologyService> topology, Supplier<MeshGuard> guard, Supplier<PeerAttestations> attestations) {
            this.topology = topology;
            this.guard = guard;
            this.attestations = attestations;
        }

        @Override
        public ActionResult execute(ActionRequest r) {
            MeshGuard g = guard.get();
            if (g == null) {
                return ActionResult.failed("no MeshGuard service");
            }
            Optional<String> attested = PeerTrust.attestedNow(attestations.get(), r.subject());
            if (attested.isPresent()) {
                return ActionResult.skipped("not quarantined: " + attested.get());
            }
            Optional<String> mac = mac(topology, r.subject());
            if (mac.isEmpty()) {
                return ActionResult.failed("no MAC address known for " + r.subject());
            }
            g.quarantine(mac.get(), "healing " + r.incidentId() + " " + r.kind());
            return ActionResult.succeeded("quarantined " + mac.get());
        }

        @Override
        public ActionResult rollback(ActionRequest r) {
            return new Release(topology, guard).execute(r);
        }
    }

    static final class Release implements RemediationAction {
        private final Supplier<TopologyService> topology;
        private final Supplier<MeshGuard> guard;

        Release(Supplier<TopologyService> topology, Supplier<MeshGuard> guard) {
            this.topology = topology;
            this.guard = guard;
        }

        @Override
        public ActionResult execute(ActionRequest r) {
            MeshGuard g = guard.get();
            if (g == null) {
                return ActionResult.failed("no MeshGuard service");
            }
            Optional<String> mac = mac(topology, r.subject());
            if (mac.isEmpty()) {
                return ActionResult.failed("no MAC address known for " + r.subject());
            }
            return g.release(mac.get()) ? ActionResult.succeeded("released " + mac.get())
                    : ActionResult.skipped(mac.get() + " was not quarantined");
        }
    }

    static final class RefreshIdentity implements RemediationAction {
        private final Supplier<IdentityService> identity;

        RefreshIdentity(Supplier<IdentityService> identity) {
            this.identity = identity;
        }

        @Override
        public ActionResult execute(ActionRequest r) {
            IdentityService i = identity.get();
            if (i == null) {
                return ActionResult.failed("no IdentityService");
            }
            i.refresh();
            return ActionResult.succeeded("identity refresh requested");
        }
    }

    /** Starts again a bundle (the subject is its symbolic name) that is not ACTIVE. */
    static final class RestartBundle implements RemediationAction {
        private final BundleContext context;

        RestartBundle(BundleContext context) {
            this.context = context;
        }

        @Override
        public ActionResult execute(ActionRequest r) throws Exception {
            for (Bundle b : context.getBundles()) {
                if (r.subject().equals(b.getSymbolicName())) {
                    if (b.getState() == Bundle.ACTIVE) {
                        return ActionResult.skipped(r.subject() + " is already ACTIVE");
                    }
                    b.start();
                    return b.getState() == Bundle.ACTIVE ? ActionResult.succeeded("started " + r.subject())
                            : ActionResult.failed(r.subject() + " did not become ACTIVE");
                }
            }
            return ActionResult.failed("no bundle " + r.subject());
        }
    }

    static Optional<String> mac(Supplier<TopologyService> topology, String subject) {
        if (MAC.matcher(subject).matches()) {
            return Optional.of(subject.toLowerCase().replace('-', ':'));
        }
        return node(topology, subject).flatMap(n -> n.addresses().stream().filter(a -> MAC.matcher(a).matches())
                .map(a -> a.toLowerCase().replace('-', ':')).findFirst());
    }

    private static Optional<Node> node(Supplier<TopologyService> topology, String subject) {
        TopologyService t = topology.get();
        if (t == null) {
            return Optional.empty();
        }
        try {
            return t.node(NodeId.of(subject));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
