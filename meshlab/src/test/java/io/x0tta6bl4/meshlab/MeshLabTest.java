package io.x0tta6bl4.meshlab;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.x0tta6bl4.batman.internal.NodeFacts;
import io.x0tta6bl4.batman.internal.SignedFacts;

import org.apache.sshd.client.SshClient;
import org.junit.jupiter.api.Test;

/**
 * Several complete x0tta6bl4 nodes on the real batman-adv module, healing each other with no
 * central controller (see meshlab/README.md). The CI size is the line A - B - C and the
 * foreign node E next to A, with checks 1 to 4; {@code -Dmeshlab.size=full} adds D to close a
 * ring (A - B - C - D - A), so that a backup path exists, and check 5. Every check's time is measured and reported; the limits the
 * test enforces are generous so that a slow machine fails only when something is broken.
 */
class MeshLabTest implements LabContext {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration COMMAND = Duration.ofSeconds(60);
    private static final String TRUST_DOMAIN = "mesh.lab";
    private static final String FOREIGN_DOMAIN = "foreign.lab";
    private static final int ATTEST_PORT = 7443;
    private static final int SSH_PORT = 8101;
    /** Debian's python3 runs the network probes (itests/src/test/probes) inside the kernel. */
    private static final String PYTHON = "/usr/bin/python3";
    /** The /64 prefixes of the foreign node's router advertisements, as {@code ip} prints their addresses. */
    private static final String RA_UNDER_ENFORCEMENT = "fd00:bad:1:";
    private static final String RA_AFTER = "fd00:bad:2:";
    /** batman-adv's own originator purge timeout: what a node without x0tta6bl4 waits. */
    private static final String PURGE = "purged after 200 s";

    private final boolean full = "full".equals(System.getProperty("meshlab.size", "ci"));
    private final Path dir = Path.of(System.getProperty("meshlab.dir", "target/meshlab")).toAbsolutePath();
    private final Map<String, KarafSsh> consoles = new LinkedHashMap<>();
    private final List<String> failures = new ArrayList<>();
    private MeshLab lab;
    /** The running kernel, for the checks' root commands. */
    private Uml uml;
    private Report report;

    @Test
    void nodesDiscoverAttestAndHealEachOther() throws Exception {
        String missing = Uml.missing();
        assumeTrue(missing == null, "mesh lab skipped: " + missing);
        Path dist = Path.of(System.getProperty("meshlab.dist", "../karaf-dist/target/x0tta6bl4-karaf-dist.tar.gz"));
        assumeTrue(Files.isRegularFile(dist), "mesh lab skipped: no distribution at " + dist + " (build karaf-dist first)");

        deleteTree(dir);
        Files.createDirectories(dir);
        lab = new MeshLab(dir);
        MeshLab.Node a = lab.node("A", TRUST_DOMAIN);
        MeshLab.Node b = lab.node("B", TRUST_DOMAIN);
        MeshLab.Node c = lab.node("C", TRUST_DOMAIN);
        lab.link(a, b);
        lab.link(b, c);
        if (full) {
            MeshLab.Node d = lab.node("D", TRUST_DOMAIN);
            lab.link(c, d);
            lab.link(d, a);
        }
        // E: a node whose SVID comes from another trust domain, next to A (linked last, so that
        // A's first link and so its originator address stay those of A - B)
        MeshLab.Node e = lab.node("E", FOREIGN_DOMAIN);
        lab.link(a, e);
        lab.guard(a);
        copyProbes(dir.resolve("probes"));
        report = new Report(dir.resolve("report.md"));
        report.step("lab of " + lab.nodes().size() + " nodes (" + (full ? "full" : "CI size") + ") in " + dir);

        SshClient ssh = KarafSsh.newClient();
        try (Uml kernel = new Uml(dir, "x0lab0")) {
            uml = kernel;
            lab.prepare(dist, Map.of(TRUST_DOMAIN, new TrustDomain(TRUST_DOMAIN), FOREIGN_DOMAIN,
                    new TrustDomain(FOREIGN_DOMAIN)));
            report.step("distributions extracted, identities issued by the development CA of " + TRUST_DOMAIN);
            uml.boot(Path.of("src/test/lab/uml-init.sh").toAbsolutePath(), 1024L + 900L * lab.nodes().size(),
                    Duration.ofSeconds(120));
            report.step("user-mode-linux up: " + uml.sh("uname -r; cat /sys/module/batman_adv/version", COMMAND)
                    .replace('\n', ' ').trim());
            uml.sh(lab.networkScript(), COMMAND);
            for (MeshLab.Node n : lab.nodes()) {
                uml.sh(MeshLab.alfredScript(n), COMMAND);
            }
            report.step("namespaces, veth links, batman-adv and alfred with batadv-vis in every node");
            for (MeshLab.Node n : lab.nodes()) {
                uml.sh(MeshLab.startKarafScript(n, System.getProperty("java.home"), 256), COMMAND);
                consoles.put(n.name(), new KarafSsh(ssh, n.mgmtAddress(), 8101));
            }
            long started = report.now();
            for (MeshLab.Node n : lab.nodes()) {
                awaitConsole(n, MeshLab.karafTimeout(lab.nodes().size()));
            }
            report.check("all Karafs answer over SSH", "ok", Duration.ofMillis(report.now() - started),
                    "< " + MeshLab.karafTimeout(lab.nodes().size()).toSeconds() + " s", "-");

            checkEveryNodeListsAndAttestsEveryNode();
            checkPathFollowsBatmanNextHop(a, c);
            checkForeignNodeIsRefusedAndDropped(e, a, c, b);
            checkCutLinkIsReportedAndHealed(c, b);
            if (full) {
                checkKilledNodeIsNoticedAndRejoinsWithItsHistory(b, a);
                new FlappingLinkCheck(this, b, c).run();
                MeshLab.Node d = lab.nodes().stream().filter(n -> n.name().equals("D")).findFirst().orElseThrow();
                new LossyLinkCheck(this, a, b, c, d, trusted()).run();
            }
            report.note("## mesh:nodes on A at the end\n\n```\n" + run(a, "mesh:nodes") + "```");
            report.note("## heal:incidents on " + b.name() + "\n\n```\n" + run(b, "heal:incidents") + "```");
        } catch (Exception | AssertionError stop) {
            failures.add("lab stopped: " + stop);
            throw stop;
        } finally {
            consoles.values().forEach(KarafSsh::close);
            ssh.stop();
            report.step("torn down: user-mode-linux stopped, tap device removed");
            report.write();
        }
        assertTrue(failures.isEmpty(), "failed checks: " + failures + " (report: " + dir.resolve("report.md") + ")");
    }

    // ------------------------------------------------------------------ check 1

    private void checkEveryNodeListsAndAttestsEveryNode() throws Exception {
        long t0 = report.now();
        Duration limit = Duration.ofSeconds(240);
        String problem = null;
        for (MeshLab.Node n : trusted()) {
            problem = awaitCondition(limit.minusMillis(report.now() - t0), () -> meshViewProblem(n));
            if (problem != null) {
                break;
            }
            report.step(n.name() + " lists every node UP with a link quality and every peer attested");
        }
        outcome("1. every node lists all nodes with TQ-based quality and attested SPIFFE IDs", problem, t0, limit,
                "batman-adv lists originators in 2-4 s, with no identity");
    }

    /** What is still missing from a node's mesh:nodes, or null when complete. */
    private String meshViewProblem(MeshLab.Node n) throws IOException {
        JsonNode nodes = json(n, "mesh:nodes --json");
        for (MeshLab.Node peer : trusted()) {
            String id = lab.originator(peer);
            JsonNode entry = find(nodes, "id", id).orElse(null);
            if (entry == null) {
                return n.name() + " does not list " + peer.name() + " (" + id + ")";
            }
            if (!"UP".equals(entry.path("state").asText())) {
                return n.name() + " lists " + peer.name() + " as " + entry.path("state").asText();
            }
            if (peer.equals(n)) {
                continue;
            }
            if (entry.path("quality").isNull() || entry.path("quality").isMissingNode()) {
                return n.name() + " has no link quality for " + peer.name();
            }
            String expected = "spiffe://" + TRUST_DOMAIN + "/mesh/node/" + id.replace(':', '-');
            JsonNode att = entry.path("attestation");
            if (!att.path("attested").asBoolean(false) || !expected.equals(att.path("spiffeId").asText())) {
                return n.name() + " has not attested " + peer.name() + " as " + expected + ": " + att;
            }
        }
        return null;
    }

    // ------------------------------------------------------------------ check 2

    private void checkPathFollowsBatmanNextHop(MeshLab.Node from, MeshLab.Node to) throws Exception {
        long t0 = report.now();
        Duration limit = Duration.ofSeconds(60);
        String[] seen = new String[1];
        String[] firstMismatch = new String[1];
        String problem = awaitCondition(limit, () -> {
            Optional<JsonNode> best = stream(json(from, "batman:originators --json"))
                    .filter(o -> lab.originator(to).equals(o.path("address").asText()) && o.path("best").asBoolean())
                    .findFirst();
            if (best.isEmpty()) {
                return "batman-adv on " + from.name() + " has no best route to " + to.name();
            }
            String batmanHop = lab.nameOf(best.get().path("neighbor").asText());
            JsonNode path = json(from, "mesh:path --json " + lab.originator(from) + " " + lab.originator(to));
            JsonNode hops = path.path("hops");
            String meshHop = hops.size() > 1 ? lab.nameOf(hops.get(1).asText()) : "none";
            String unmapped = path.path("routingNextHop").asText("");
            seen[0] = "mesh:path " + from.name() + " -> " + to.name() + " goes through " + meshHop
                    + ", batman-adv's next hop is " + batmanHop + " (first hop from the "
                    + path.path("firstHop").asText("?") + (unmapped.isEmpty() ? "" : "; routing's next hop "
                    + unmapped + " is no known node's yet") + ")";
            if (!batmanHop.equals(meshHop) && firstMismatch[0] == null) {
                firstMismatch[0] = seen[0];
                report.step("first look: " + seen[0]);
            }
            return batmanHop.equals(meshHop) ? null : seen[0];
        });
        if (seen[0] != null) {
            report.step(seen[0]);
        }
        outcome("2. mesh:path " + from.name() + " -> " + to.name() + " follows batman-adv's next hop", problem, t0,
                limit, "-");
    }

    // ------------------------------------------------------------------ check 4

    private void checkCutLinkIsReportedAndHealed(MeshLab.Node cut, MeshLab.Node neighbour) throws Exception {
        String id = lab.originator(cut);
        List<String> ifaces = lab.interfaces(cut);
        StringBuilder down = new StringBuilder();
        StringBuilder up = new StringBuilder();
        for (String i : ifaces) {
            down.append("ip -n ").append(cut.name()).append(" link set ").append(i).append(" down\n");
            up.append("ip -n ").append(cut.name()).append(" link set ").append(i).append(" up\n");
        }
        long t0 = report.now();
        uml.sh(down.toString(), COMMAND);
        report.step("cut " + cut.name() + "'s links " + ifaces);
        Duration limit = Duration.ofSeconds(60);
        String problem = awaitCondition(limit, () -> {
            JsonNode e = find(json(neighbour, "mesh:nodes --json"), "id", id).orElse(null);
            return e != null && "DOWN".equals(e.path("state").asText()) ? null
                    : neighbour.name() + " still lists " + cut.name() + " as " + (e == null ? "absent" : e.path("state"));
        });
        long tDown = report.now();
        outcome("4a. " + neighbour.name() + " reports " + cut.name() + " down after its link is cut", problem, t0, limit,
                PURGE);
        problem = awaitCondition(limit, () -> {
            JsonNode i = nodeDownIncident(neighbour, id);
            return i != null && !i.path("acted").isNull() ? null
                    : "no NODE_DOWN incident (or the one it merged into) with an action run for " + cut.name()
                    + " on " + neighbour.name()
                    + " yet: " + i;
        });
        outcome("4b. incident opened and remediation run on " + neighbour.name(), problem, t0, limit, "none");
        report.step("(node down to remediation run: " + Report.seconds(Duration.ofMillis(report.now() - tDown))
                + " at most, by polling)");

        long tUp = report.now();
        uml.sh(up.toString(), COMMAND);
        report.step("restored " + cut.name() + "'s links");
        Duration resolveLimit = Duration.ofSeconds(90);
        problem = awaitCondition(resolveLimit, () -> {
            JsonNode i = nodeDownIncident(neighbour, id);
            return i != null && "RESOLVED".equals(i.path("state").asText()) ? null
                    : "the NODE_DOWN incident of " + cut.name() + " on " + neighbour.name() + " is not resolved: " + i;
        });
        outcome("4c. the incident resolves when the link returns", problem, tUp, resolveLimit, "-");
    }

    // ------------------------------------------------------------------ check 5

    private void checkKilledNodeIsNoticedAndRejoinsWithItsHistory(MeshLab.Node killed, MeshLab.Node observer)
            throws Exception {
        String id = lab.originator(killed);
        List<String> history = new ArrayList<>();
        json(killed, "heal:incidents --json").forEach(i -> history.add(i.path("id").asText()));
        report.step(killed.name() + " has " + history.size() + " incidents before it is killed: " + history);
        Map<String, Integer> before = new LinkedHashMap<>();
        json(observer, "heal:incidents --json").forEach(i -> before.put(i.path("id").asText(),
                i.path("eventCount").asInt()));
        long t0 = report.now();
        uml.sh(MeshLab.killKarafScript(killed), COMMAND);
        report.step("kill -9 of " + killed.name() + "'s Karaf (batman-adv and alfred in its namespace go on)");
        Duration limit = Duration.ofSeconds(120);
        String[] noticed = new String[1];
        String problem = awaitCondition(limit, () -> {
            JsonNode i = peerIncident(observer, id, before);
            if (i == null) {
                return observer.name() + " has no new PEER_ incident for " + killed.name();
            }
            noticed[0] = i.path("id").asText() + " " + i.path("kind").asText();
            return null;
        });
        outcome("5a. " + observer.name() + " notices " + killed.name() + "'s x0tta6bl4 is gone (its facts stop, "
                + "its control endpoint does not answer): " + noticed[0], problem, t0, limit,
                "batman-adv still lists it: its kernel forwards");
        String[] how = new String[1];
        problem = awaitCondition(limit, () -> {
            JsonNode i = peerIncident(observer, id, before);
            if (i != null && !i.path("acted").isNull()) {
                how[0] = "actions run: " + i.path("actions").size();
                return null;
            }
            // re-attest runs first; failing at the signed endpoint it plans the quarantine, which waits for an operator
            if (i != null && "AWAITING_APPROVAL".equals(i.path("state").asText())) {
                how[0] = "planned, awaiting the operator's approval";
                return null;
            }
            return "no remediation for " + killed.name() + " on " + observer.name() + " yet: " + i;
        });
        outcome("5b. remediation on " + observer.name() + ": " + how[0], problem, t0, limit, "none");
        report.note("## heal:incidents on " + observer.name() + " while " + killed.name() + " is down\n\n```\n"
                + run(observer, "heal:incidents") + "```");

        long tRestart = report.now();
        uml.sh(MeshLab.startKarafScript(killed, System.getProperty("java.home"), 256), COMMAND);
        awaitConsole(killed, MeshLab.karafTimeout(1));
        report.check(killed.name() + " restarted: its Karaf answers", "ok",
                Duration.ofMillis(report.now() - tRestart), "< " + MeshLab.karafTimeout(1).toSeconds() + " s", "-");
        problem = awaitCondition(Duration.ofSeconds(120), () -> {
            String p1 = meshViewProblem(killed);
            if (p1 != null) {
                return p1;
            }
            JsonNode e = find(json(observer, "mesh:nodes --json"), "id", id).orElse(null);
            return e != null && e.path("attestation").path("attested").asBoolean(false) ? null
                    : observer.name() + " has not attested " + killed.name() + " again: " + e;
        });
        outcome("5c. " + killed.name() + " rejoins: lists and attests every node, and is attested again", problem,
                tRestart, Duration.ofSeconds(120 + MeshLab.karafTimeout(1).toSeconds()), "-");
        List<String> after = new ArrayList<>();
        json(killed, "heal:incidents --json").forEach(i -> after.add(i.path("id").asText()));
        outcome("5d. " + killed.name() + "'s incident history survives kill -9 (" + history.size() + " before, "
                + after.size() + " after)", after.containsAll(history) ? null : "missing: " + history.stream()
                .filter(h -> !after.contains(h)).toList(), report.now(), null, "-");
    }

    /** A PEER_ incident about the node that is new since {@code before} or has more events. */
    private JsonNode peerIncident(MeshLab.Node on, String subject, Map<String, Integer> before) throws IOException {
        return stream(json(on, "heal:incidents --json"))
                .filter(x -> subject.equals(x.path("subject").asText()) && x.path("kind").asText().startsWith("PEER_"))
                .filter(x -> !before.containsKey(x.path("id").asText())
                        || before.get(x.path("id").asText()) < x.path("eventCount").asInt())
                .findFirst().orElse(null);
    }

    private List<MeshLab.Node> trusted() {
        return lab.nodes().stream().filter(n -> n.trustDomain().equals(TRUST_DOMAIN)).toList();
    }

    // ------------------------------------------------------------------ check 3

    private void checkForeignNodeIsRefusedAndDropped(MeshLab.Node foreign, MeshLab.Node neighbour, MeshLab.Node far,
                                                    MeshLab.Node signer)
            throws Exception {
        String id = lab.originator(foreign);
        long t0 = report.now();
        Duration limit = Duration.ofSeconds(120);
        // E's facts are signed by a foreign trust domain, so A never takes an endpoint from them:
        // it does not dial E, and E stays unattested (hence off the allow list).
        String problem = awaitCondition(limit, () -> {
            JsonNode facts = stream(json(neighbour, "batman:facts --json").path("facts"))
                    .filter(f -> id.equals(f.path("nodeId").asText())).findFirst().orElse(null);
            if (facts == null || !facts.path("trust").asText().startsWith("invalid: ")) {
                return neighbour.name() + " has not refused " + foreign.name() + "'s facts: " + facts;
            }
            JsonNode entry = find(json(neighbour, "mesh:nodes --json"), "id", id).orElse(null);
            JsonNode att = entry == null ? null : entry.path("attestation");
            return entry != null && (att.isMissingNode() || att.isNull() || !att.path("attested").asBoolean(true)) ? null
                    : neighbour.name() + " lists " + foreign.name() + " as attested: " + entry;
        });
        outcome("3a. " + foreign.name() + " (" + FOREIGN_DOMAIN + ") joins batman-adv; " + neighbour.name()
                + " refuses its facts and does not attest it", problem, t0, limit, "batman-adv accepts any node");
        report.step(neighbour.name() + "'s verdict on " + foreign.name() + "'s facts: " + stream(json(neighbour,
                "batman:facts --json").path("facts")).filter(f -> id.equals(f.path("nodeId").asText()))
                .map(f -> f.path("trust").asText()).findFirst().orElse("none"));
        // Kept in alfred through 3d: had the claimed MAC been allowed, enforcement would let E through.
        checkForgedFactsChangeNothing(foreign, neighbour, far, signer);

        String fromForeign = "ip netns exec " + foreign.name() + " ping -c 1 -W 2 " + neighbour.meshAddress();
        String toFar = "ip netns exec " + neighbour.name() + " ping -c 1 -W 2 " + far.meshAddress();
        // E's own mTLS listener holds its mesh address's port 7443, so E's attacks from that port
        // leave from a second address on its bat0.
        String attacker = "10.99.0." + (100 + foreign.index());
        uml.sh("ip -n " + foreign.name() + " addr add " + attacker + "/24 dev bat0\n", COMMAND);
        String sshFrom7443 = connect(foreign, ATTEST_PORT, attacker, neighbour.meshAddress(), SSH_PORT);
        long t2 = report.now();
        problem = awaitCondition(Duration.ofSeconds(60), () -> {
            if (uml.run(fromForeign, COMMAND).rc() != 0) {
                return foreign.name() + " cannot ping " + neighbour.name() + " even before enforcement";
            }
            Uml.Result r = uml.run(sshFrom7443, COMMAND);
            return r.out().startsWith("connected SSH-") ? null : foreign.name() + "'s TCP from port " + ATTEST_PORT
                    + " to " + neighbour.name() + "'s SSH fails even before enforcement: " + r.out().trim();
        });
        outcome("3c. before enforcement " + foreign.name() + " pings " + neighbour.name() + " and reaches its SSH from"
                + " port " + ATTEST_PORT, problem, t2, Duration.ofSeconds(60), "-");
        run(neighbour, "ebpf:enforce on");
        long t1 = report.now();
        report.step("ebpf:enforce on, on " + neighbour.name());
        report.note("## ebpf:programs on " + neighbour.name() + " when enforcement went on\n\n```\n"
                + run(neighbour, "ebpf:programs") + "```");
        problem = awaitCondition(Duration.ofSeconds(60), () -> {
            if (uml.run(fromForeign, COMMAND).rc() == 0) {
                return foreign.name() + " still reaches " + neighbour.name();
            }
            Uml.Result r = uml.run(toFar, COMMAND);
            return r.rc() == 0 ? null : neighbour.name() + " no longer reaches " + far.name() + ": " + r.out();
        });
        outcome("3d. with enforcement on " + neighbour.name() + ", " + foreign.name() + "'s frames are dropped by"
                + " mesh_guard while " + neighbour.name() + " still reaches " + far.name(), problem, t1,
                Duration.ofSeconds(60), "-");
        checkForeignNodeReachesNothing(foreign, neighbour, attacker, sshFrom7443);
        report.note("## ebpf:counters on " + neighbour.name() + " with enforcement on\n\n```\n"
                + run(neighbour, "ebpf:counters") + "```");
        run(neighbour, "ebpf:enforce off");
        checkRouterAdvertisementUnderEnforcementNeverArrived(foreign, neighbour);
        uml.sh("ip -n " + foreign.name() + " addr del " + attacker + "/24 dev bat0\n", COMMAND);
        run(foreign, "config:property-set -p io.x0tta6bl4.batman facts.interval.ms 2000");
    }

    /**
     * With enforcement on, the foreign node tries what a neighbour in radio range would: TCP from
     * the attestation port (an exemption that once matched source ports) to SSH, SSH itself, the
     * attestation listener, and a router advertisement (checked once enforcement is off). On a
     * batman-adv hard interface every frame of an unattested sender is dropped whole, so the
     * attestation listener is out of its reach too (docs/security.md says why).
     */
    private void checkForeignNodeReachesNothing(MeshLab.Node foreign, MeshLab.Node neighbour, String attacker,
                                                String sshFrom7443) throws Exception {
        long t0 = report.now();
        String problem = null;
        Map<String, String> attempts = new LinkedHashMap<>();
        attempts.put("TCP from port " + ATTEST_PORT + " to SSH", sshFrom7443);
        attempts.put("TCP to SSH", connect(foreign, 0, attacker, neighbour.meshAddress(), SSH_PORT));
        attempts.put("TCP to the attestation listener", connect(foreign, 0, attacker, neighbour.meshAddress(),
                ATTEST_PORT));
        for (Map.Entry<String, String> a : attempts.entrySet()) {
            String out = uml.run(a.getValue(), COMMAND).out().trim();
            report.step(foreign.name() + " -> " + neighbour.name() + ", " + a.getKey() + ": " + out);
            if (!out.equals("failed timeout") && problem == null) {
                problem = a.getKey() + ": " + out;
            }
        }
        // the victim a rogue router advertisement wants: a node that takes them (accept_ra 2, also
        // while forwarding)
        uml.sh("ip netns exec " + neighbour.name() + " sysctl -q -w net.ipv6.conf.bat0.accept_ra=2\n", COMMAND);
        Uml.Result ra = uml.run(routerAdvertisement(foreign, RA_UNDER_ENFORCEMENT), COMMAND);
        report.step(foreign.name() + " sends a router advertisement for " + RA_UNDER_ENFORCEMENT + ":/64 (rc " + ra.rc()
                + ")");
        if (ra.rc() != 0 && problem == null) {
            problem = "the router advertisement could not be sent: " + ra.out().trim();
        }
        outcome("3f. with enforcement on " + neighbour.name() + ", " + foreign.name() + " reaches neither its SSH (also"
                + " from port " + ATTEST_PORT + ") nor its attestation listener", problem, t0, null, "-");
    }

    /**
     * The router advertisement the foreign node sent under enforcement never configured its
     * prefix on the neighbour: one sent now, with enforcement off, does (so the neighbour does
     * process them, and the first one had been dropped). Both announce no default route; the
     * addresses they made are removed after, and accept_ra goes back to the kernel's default.
     */
    private void checkRouterAdvertisementUnderEnforcementNeverArrived(MeshLab.Node foreign, MeshLab.Node neighbour)
            throws Exception {
        long t0 = report.now();
        Duration limit = Duration.ofSeconds(30);
        String show = "ip -n " + neighbour.name() + " -6 addr show dev bat0";
        String problem = awaitCondition(limit, () -> {
            uml.run(routerAdvertisement(foreign, RA_AFTER), COMMAND);
            return uml.run(show, COMMAND).out().contains(RA_AFTER) ? null
                    : neighbour.name() + " has no address from " + RA_AFTER + ":/64 yet";
        });
        String addresses = uml.run(show, COMMAND).out();
        if (addresses.contains(RA_UNDER_ENFORCEMENT)) {
            problem = "the router advertisement sent under enforcement configured " + RA_UNDER_ENFORCEMENT + ":/64 on "
                    + neighbour.name() + ": " + addresses;
        }
        outcome("3g. " + foreign.name() + "'s router advertisement under enforcement never reached " + neighbour.name()
                + " (one sent after does)", problem, t0, limit, "-");
        uml.sh("ip -n " + neighbour.name() + " -6 addr flush dev bat0 to fd00:bad::/32\n"
                + "ip netns exec " + neighbour.name() + " sysctl -q -w net.ipv6.conf.bat0.accept_ra=1\n", COMMAND);
    }

    private String connect(MeshLab.Node from, int sourcePort, String sourceAddress, String host, int port) {
        return "ip netns exec " + from.name() + " " + PYTHON + " /mnt/probes/connect.py " + sourcePort + " " + host
                + " " + port + " " + sourceAddress;
    }

    /** A router advertisement for {@code prefix}:/64 out of the node's bat0, with no default route. */
    private String routerAdvertisement(MeshLab.Node from, String prefix) {
        return "ip netns exec " + from.name() + " " + PYTHON + " /mnt/probes/router_advertisement.py bat0 " + prefix
                + ": 0";
    }

    /**
     * The foreign node stops publishing its own facts and writes, through its own alfred, what
     * a hostile neighbour can make: a replay of the good node's own signed record (read from
     * alfred, put back once the good node has signed a newer one), a record naming the good node
     * signed with another good node's SVID, and an unsigned record naming the good node; the last
     * two carry the foreign node's endpoint and MAC. The neighbour judges each (its log says
     * why it refused it) and the good node stays attested there, with no failure recorded
     * against it. The unsigned record stays in alfred through 3d.
     */
    private void checkForgedFactsChangeNothing(MeshLab.Node foreign, MeshLab.Node neighbour, MeshLab.Node victim,
                                               MeshLab.Node signer) throws Exception {
        String victimId = lab.originator(victim);
        long t0 = report.now();
        Duration limit = Duration.ofSeconds(90);
        run(foreign, "config:property-set -p io.x0tta6bl4.batman facts.interval.ms 0");
        String problem = null;
        // what every node's alfred holds, the foreign node's too: the victim's newest signed record
        Forgery.AlfredRecord captured = Forgery.parseAlfredDump(uml.run("ip netns exec " + foreign.name()
                        + " alfred -r 100 -u /run/alfred-" + foreign.name() + ".sock", COMMAND).out()).stream()
                .filter(r -> r.text().contains("\"nodeId\":\"" + victimId + "\"")).findFirst().orElse(null);
        if (captured == null) {
            problem = foreign.name() + "'s alfred holds no record of " + victim.name();
        } else {
            long signedAt = JSON.readTree(captured.data()).path("timestamp").asLong();
            problem = awaitCondition(limit, () -> stream(json(neighbour, "batman:facts --json").path("facts"))
                    .anyMatch(f -> victimId.equals(f.path("nodeId").asText()) && f.path("timestamp").asLong() > signedAt
                            && f.path("trust").asText().startsWith("verified")) ? null
                    : neighbour.name() + " has accepted no record of " + victim.name() + " newer than the captured one");
        }
        String endpoint = foreign.meshAddress() + ":7443";
        List<String> macs = List.of(lab.originator(foreign));
        String signerId = "spiffe://" + TRUST_DOMAIN + "/mesh/node/" + lab.originator(signer).replace(':', '-');
        String victimSpiffe = "spiffe://" + TRUST_DOMAIN + "/mesh/node/" + victimId.replace(':', '-');
        String health = "forged by " + foreign.name();
        List<Forged> forgeries = new ArrayList<>();
        if (captured != null) {
            forgeries.add(new Forged("replays " + victim.name() + "'s own signed record", captured.data(),
                    List.of("replay: ", "stale: ")));
        }
        forgeries.add(new Forged("signs with " + signer.name() + "'s SVID a record naming " + victim.name()
                + " with its own endpoint and MAC", Forgery.signedWith(lab.dir().resolve("nodes/" + signer.name()
                + "/svid"), new NodeFacts(victimId, signerId, "0.1.0", health, System.currentTimeMillis(), null,
                List.of(endpoint), macs)), List.of("but the record is about " + victimId)));
        forgeries.add(new Forged("writes an unsigned record naming " + victim.name() + " with its own endpoint and MAC",
                SignedFacts.encode(new NodeFacts(victimId, victimSpiffe, "0.1.0", health, System.currentTimeMillis(),
                        null, List.of(endpoint), macs), null), List.of(": unsigned")));
        Path log = lab.dir().resolve("nodes").resolve(neighbour.name()).resolve("data/log/karaf.log");
        String judged = "Not using the facts of " + victimId + " from alfred source ";
        Instant forging = Instant.now().minusSeconds(1); // the guest's clock is the host's
        for (Forged f : forgeries) {
            if (problem != null) {
                break;
            }
            Files.write(lab.dir().resolve("forged-facts.json"), f.record());
            Uml.Result w = uml.run("ip netns exec " + foreign.name() + " sh -c 'alfred -s 100 -u /run/alfred-"
                    + foreign.name() + ".sock < /mnt/forged-facts.json'", COMMAND);
            report.step(foreign.name() + " " + f.what() + " (alfred rc " + w.rc() + ")");
            String[] line = new String[1];
            problem = awaitCondition(limit.minusMillis(report.now() - t0), () -> {
                line[0] = Files.readString(log).lines().filter(l -> l.contains(judged)
                        && f.verdicts().stream().anyMatch(l::contains)).findFirst().orElse(null);
                return line[0] != null ? null : neighbour.name() + " has not refused the record that " + foreign.name()
                        + " " + f.what() + " (expected " + f.verdicts() + ")";
            });
            if (line[0] != null) {
                report.step(neighbour.name() + ": " + line[0].substring(line[0].indexOf(judged)));
            }
        }
        if (problem == null) {
            JsonNode entry = find(json(neighbour, "mesh:nodes --json"), "id", victimId).orElse(null);
            JsonNode att = entry == null ? null : entry.path("attestation");
            if (att == null || !att.path("attested").asBoolean(false)) {
                problem = victim.name() + " is no longer attested on " + neighbour.name() + ": " + entry;
            } else {
                // Only what the forgeries caused: on a loaded machine a first attestation during boot
                // may fail (the peer's listener not up yet) and resolve; that is reported, not this check.
                List<JsonNode> failed = stream(json(neighbour, "heal:incidents --json")).filter(i -> victimId.equals(
                        i.path("subject").asText()) && "PEER_ATTESTATION_FAILED".equals(i.path("kind").asText())).toList();
                for (JsonNode i : failed) {
                    boolean before = Instant.parse(i.path("detected").asText()).isBefore(forging);
                    report.step(neighbour.name() + " had a PEER_ATTESTATION_FAILED incident for " + victim.name()
                            + (before ? " before the forgeries" : "") + ": " + i.path("state").asText() + ", "
                            + i.path("analysis").asText());
                    if (!before) {
                        problem = "a PEER_ATTESTATION_FAILED incident for " + victim.name() + " on " + neighbour.name()
                                + " after the forgeries";
                    }
                }
            }
        }
        outcome("3e. " + foreign.name() + "'s forged facts naming " + victim.name() + " (a replay, signed by "
                + signer.name() + ", unsigned) are refused on " + neighbour.name() + ", " + victim.name()
                + " stays attested", problem, t0, limit, "-");
    }

    /** A record the foreign node writes, and the verdicts (any of them) the neighbour's log must give it. */
    private record Forged(String what, byte[] record, List<String> verdicts) {
    }

    /** The newest NODE_DOWN incident about the node, or the incident it was merged into. */
    private JsonNode nodeDownIncident(MeshLab.Node on, String subject) throws IOException {
        List<JsonNode> all = stream(json(on, "heal:incidents --json")).toList();
        JsonNode i = all.stream()
                .filter(x -> "NODE_DOWN".equals(x.path("kind").asText()) && subject.equals(x.path("subject").asText()))
                .findFirst().orElse(null);
        for (int hops = 0; i != null && "MERGED".equals(i.path("state").asText()) && hops < 5; hops++) {
            String into = i.path("mergedInto").asText();
            i = all.stream().filter(x -> into.equals(x.path("id").asText())).findFirst().orElse(null);
        }
        return i;
    }

    /** Records a check; {@code limit} null for a check that is not timed. */
    @Override
    public void outcome(String name, String problem, long t0, Duration limit, String peer) {
        Duration took = limit == null ? null : Duration.ofMillis(report.now() - t0);
        String bound = limit == null ? "-" : "< " + limit.toSeconds() + " s";
        if (problem == null) {
            report.check(name, "ok", took, bound, peer);
        } else {
            failures.add(name + ": " + problem);
            report.check(name, "FAILED: " + problem, took, bound, peer);
        }
    }

    interface Probe {
        /** Null when the condition holds, else what is still wrong. */
        String problem() throws Exception;
    }

    /** Polls until the probe reports no problem; returns the last problem when the time is up. */
    static String awaitCondition(Duration limit, Probe probe) throws InterruptedException {
        long deadline = System.nanoTime() + Math.max(0, limit.toNanos());
        String last;
        do {
            try {
                last = probe.problem();
            } catch (Exception e) {
                last = e.toString();
            }
            if (last == null) {
                return null;
            }
            Thread.sleep(200); // poll interval
        } while (System.nanoTime() < deadline);
        return last;
    }

    private void awaitConsole(MeshLab.Node n, Duration limit) throws Exception {
        String problem = awaitCondition(limit, () -> {
            KarafSsh.Result r = consoles.get(n.name()).run("batman:status", Duration.ofSeconds(20));
            return r.out().contains("bat0") ? null : "batman:status: " + r.out();
        });
        if (problem != null) {
            throw new IllegalStateException(n.name() + "'s Karaf did not answer within " + limit + ": " + problem);
        }
        report.step(n.name() + "'s Karaf answers over SSH with the batman provider running");
    }

    @Override
    public MeshLab lab() {
        return lab;
    }

    @Override
    public Report report() {
        return report;
    }

    @Override
    public String sh(String script) throws IOException, InterruptedException {
        return uml.sh(script, COMMAND);
    }

    @Override
    public String run(MeshLab.Node n, String command) throws IOException {
        KarafSsh.Result r = consoles.get(n.name()).run(command, COMMAND);
        if (r.exit() != 0) {
            throw new IOException("'" + command + "' on " + n.name() + " exited " + r.exit() + ": " + r.out());
        }
        return r.out();
    }

    @Override
    public JsonNode json(MeshLab.Node n, String command) throws IOException {
        return JSON.readTree(run(n, command));
    }

    private static Optional<JsonNode> find(JsonNode array, String key, String value) {
        return stream(array).filter(e -> value.equals(e.path(key).asText())).findFirst();
    }

    private static Stream<JsonNode> stream(JsonNode array) {
        List<JsonNode> all = new ArrayList<>();
        array.forEach(all::add);
        return all.stream();
    }

    /** The network probes, where the kernel finds them: the lab folder is its /mnt. */
    private static void copyProbes(Path to) throws IOException {
        Path from = Path.of(System.getProperty("x0tta6bl4.probes", "../itests/src/test/probes"));
        Files.createDirectories(to);
        try (Stream<Path> s = Files.list(from)) {
            for (Path f : s.filter(p -> p.toString().endsWith(".py")).toList()) {
                Files.copy(f, to.resolve(f.getFileName().toString()));
            }
        }
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path f : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
    }
}
