package io.x0tta6bl4.respondd.internal;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;

import io.x0tta6bl4.api.identity.IdentityService;
import io.x0tta6bl4.api.respondd.CollectedReply;
import io.x0tta6bl4.api.respondd.RespondProvider;
import io.x0tta6bl4.api.topology.NodeAttributes;
import io.x0tta6bl4.api.topology.TopologyService;
import io.x0tta6bl4.api.topology.provider.NodeObservation;
import io.x0tta6bl4.api.topology.provider.TopologyProviderService;
import io.x0tta6bl4.support.concurrent.NamedThreads;

/**
 * The respondd collector: every {@code collect.interval.ms} it asks the mesh by multicast on
 * the mesh interface, then by unicast the nodes that answered an earlier round but not this
 * one, and gives what the replies say to the topology as attributes of the nodes it already
 * knows ({@link CollectedNodes}). One thread, {@value #THREAD}; a round never throws.
 */
final class Collector implements AutoCloseable {

    static final String THREAD = "x0tta6bl4-respondd-collector";
    static final String PROVIDER_ID = "respondd";

    /** What the last round did, for {@code respondd:status}. */
    record Round(Instant at, int answers, int refused, int described, int verified, String problem) {
        static final Round NONE = new Round(null, 0, 0, 0, 0, "no round yet");

        Round(Instant at, int answers, int refused, int described, String problem) {
            this(at, answers, refused, described, 0, problem);
        }

        String line() {
            return at == null ? problem : at + ": " + answers + " answers, " + refused + " refused, " + described
                    + " nodes described (" + verified + " signed by themselves)" + (problem.isEmpty() ? "" : "; " + problem);
        }
    }

    private final RespondConfig config;
    private final Supplier<TopologyService> topology;
    private final Supplier<TopologyProviderService> provider;
    private final Supplier<IdentityService> identity;
    private final Consumer<String> log;
    private final LogBudget logBudget = new LogBudget(60_000);
    private final ScheduledExecutorService executor;
    /** Where each node answered last: asked by unicast when a multicast round misses it. Collector thread. */
    private final Map<String, InetSocketAddress> lastSource;
    private volatile Round last = Round.NONE;
    private volatile List<CollectedReply> replies = List.of();

    /** A reply believed this round: its facts and the tree they came from. */
    record Heard(ReplyFacts facts, JsonNode reply) {
    }

    Collector(RespondConfig config, Supplier<TopologyService> topology, Supplier<TopologyProviderService> provider,
              Consumer<String> log) {
        this(config, topology, provider, () -> null, log);
    }

    /** @param identity checks the replies' signatures; gives null while no identity service is installed */
    Collector(RespondConfig config, Supplier<TopologyService> topology, Supplier<TopologyProviderService> provider,
              Supplier<IdentityService> identity, Consumer<String> log) {
        this.config = config;
        this.topology = topology;
        this.provider = provider;
        this.identity = identity;
        this.log = log;
        int max = config.collectMaxNodes();
        this.lastSource = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, InetSocketAddress> eldest) {
                return size() > max;
            }
        };
        this.executor = NamedThreads.single(THREAD);
        executor.scheduleWithFixedDelay(this::round, 0, config.collectIntervalMs(), TimeUnit.MILLISECONDS);
    }

    Round last() {
        return last;
    }

    /** The replies of the last round with nodes to describe (see {@link CollectedReplies}). */
    List<CollectedReply> replies() {
        return replies;
    }

    void round() {
        try {
            last = collect();
        } catch (RuntimeException e) {
            last = new Round(Instant.now(), 0, 0, 0, e.toString());
            problem("round", "respondd collector round failed: " + e);
        }
    }

    private Round collect() {
        TopologyService read = topology.get();
        TopologyProviderService write = provider.get();
        if (read == null || write == null) {
            replies = List.of();
            return new Round(Instant.now(), 0, 0, 0, "no topology service: nothing to describe");
        }
        NetworkInterface mesh = mesh();
        if (mesh == null) {
            replies = List.of();
            return new Round(Instant.now(), 0, 0, 0, "mesh interface " + config.iface() + " not present");
        }
        RespondRequest request = new RespondRequest(List.of(RespondProvider.NODEINFO, RespondProvider.STATISTICS,
                RespondProvider.NEIGHBOURS, ReplySignature.TYPE), true);
        List<RespondClient.Answer> answers = new ArrayList<>();
        String problem = "";
        List<InetSocketAddress> groups = new ArrayList<>();
        for (InetAddress g : config.groups()) {
            groups.add(new InetSocketAddress(scoped(g, mesh), config.port()));
        }
        try {
            if (!groups.isEmpty()) {
                answers.addAll(RespondClient.query(groups, request, config.collectWaitMs(), config.collectMaxNodes()));
            }
        } catch (IOException e) {
            problem = "cannot query " + config.iface() + ": " + e.getMessage();
            problem("multicast", "respondd collector " + problem);
        }
        Map<String, InetSocketAddress> claimed = new HashMap<>();
        Set<String> conflicted = new HashSet<>();
        Map<String, Heard> facts = new LinkedHashMap<>();
        int refused = sort(answers, mesh, claimed, conflicted, facts);
        Set<InetSocketAddress> unicast = new LinkedHashSet<>(config.collectTargets());
        new ArrayList<>(lastSource.entrySet()).forEach(e -> {
            if (!claimed.containsKey(e.getKey()) && !conflicted.contains(e.getKey())) {
                unicast.add(e.getValue());
            }
        });
        claimed.values().forEach(unicast::remove);
        List<InetSocketAddress> missing = new ArrayList<>(unicast);
        if (!missing.isEmpty()) {
            try {
                List<RespondClient.Answer> second = RespondClient.query(missing, request, config.collectWaitMs(),
                        missing.size());
                answers.addAll(second);
                refused += sort(second, mesh, claimed, conflicted, facts);
            } catch (IOException e) {
                problem("unicast", "respondd collector cannot ask " + missing.size() + " nodes by unicast: "
                        + e.getMessage());
            }
        }
        List<NodeObservation> described = CollectedNodes.observations(
                facts.values().stream().map(Heard::facts).toList(), read.snapshot());
        replies = CollectedReplies.of(facts.values(), described);
        if (!described.isEmpty()) {
            write.report(PROVIDER_ID, described, List.of());
        }
        int verified = (int) described.stream()
                .filter(o -> "true".equals(o.attributes().get(NodeAttributes.VERIFIED))).count();
        return new Round(Instant.now(), answers.size(), refused, described.size(), verified, problem);
    }

    /**
     * Keeps the replies of mesh sources that can be read, one node per source and one source per
     * node: a node id two sources claim in one round is believed from neither. A node answers
     * once per group asked; the same reply from the same source again is no conflict.
     *
     * @return how many answers were refused
     */
    private int sort(List<RespondClient.Answer> answers, NetworkInterface mesh, Map<String, InetSocketAddress> claimed,
                     Set<String> conflicted, Map<String, Heard> facts) {
        int refused = 0;
        for (RespondClient.Answer a : answers) {
            if (!SourceGate.allows(a.from().getAddress(), mesh, config.allowSources())) {
                refused++;
                continue;
            }
            Optional<ReplyFacts> f = a.json() == null ? Optional.empty() : ReplyFacts.of(a.json());
            if (f.isEmpty()) {
                refused++;
                problem("reply " + a.from(), "respondd reply from " + a.from().getAddress().getHostAddress()
                        + " left out: " + (a.error() != null ? a.error() : "no nodeinfo with a node_id"));
                continue;
            }
            ReplyFacts said = signed(f.get(), a);
            String id = said.nodeId();
            InetSocketAddress before = claimed.get(id);
            if (conflicted.contains(id) || before != null && !before.equals(a.from())
                    || before == null && claimed.containsValue(a.from())) {
                refused++;
                if (before != null && !before.equals(a.from()) && conflicted.add(id)) {
                    facts.remove(id);
                    problem("conflict " + id, "respondd node id " + id + " claimed by " + before.getAddress()
                            .getHostAddress() + " and " + a.from().getAddress().getHostAddress()
                            + " in one round: believed from neither");
                }
                continue;
            }
            claimed.put(id, a.from());
            facts.put(id, new Heard(said, a.json()));
            lastSource.put(id, a.from());
        }
        return refused;
    }

    /** The facts, with their signer where the reply's signature holds; why not is logged once a minute per kind. */
    private ReplyFacts signed(ReplyFacts f, RespondClient.Answer a) {
        IdentityService id = identity.get();
        ReplySignature.Verdict v = ReplySignature.verify(a.json(), id == null ? null : id::verifySignature,
                Instant.now().getEpochSecond());
        if (v.verified()) {
            return f.signedBy(v.node());
        }
        if (!"unsigned".equals(v.reason())) {
            problem("signature", "respondd reply from " + a.from().getAddress().getHostAddress() + " about "
                    + f.nodeId() + " is not verified: " + v.reason());
        }
        return f;
    }

    private NetworkInterface mesh() {
        try {
            return NetworkInterface.getByName(config.iface());
        } catch (SocketException e) {
            return null;
        }
    }

    /** A link-local group needs the interface as its scope, or the kernel picks a route of its own. */
    private static InetAddress scoped(InetAddress group, NetworkInterface mesh) {
        try {
            return Inet6Address.getByAddress(null, group.getAddress(), mesh);
        } catch (UnknownHostException e) {
            return group;
        }
    }

    private void problem(String kind, String line) {
        if (logBudget.allows(kind)) {
            log.accept(line);
        }
    }

    /** Stops the thread and withdraws what it gave the topology. */
    @Override
    public void close() {
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(config.collectWaitMs() * 2L + 1000, TimeUnit.MILLISECONDS)) {
                log.accept("respondd collector did not stop in time");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        TopologyProviderService p = provider.get();
        if (p != null) {
            try {
                p.withdraw(PROVIDER_ID);
            } catch (RuntimeException e) {
                // the topology is going too
            }
        }
    }
}
