package io.x0tta6bl4.meshlab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The lab's nodes and links and the shell that builds them inside user-mode-linux: one
 * network namespace per node with its own complete distribution (extracted from the build's
 * tar.gz, own {@code etc/} and data folder), batman-adv over veth pairs, an alfred daemon
 * and batadv-vis per node, and a management veth on the bridge the test reaches over SSH.
 */
final class MeshLab {

    static final String JAVA_OPTS = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData -Xss512k"
            + " -XX:CICompilerCount=1";

    /** A node: its namespace is its name; addresses follow its index. */
    record Node(String name, int index, String trustDomain) {
        String mgmtAddress() {
            return "10.77.0." + (10 + index);
        }

        String meshAddress() {
            return "10.99.0." + index;
        }

        /** The node's home as seen inside user-mode-linux. */
        String umlHome() {
            return "/mnt/nodes/" + name;
        }
    }

    /** A veth pair between two nodes, {@code v<a><b>} in a and {@code v<b><a>} in b. */
    record Link(Node a, Node b) {
        String ifA() {
            return "v" + a.name() + b.name();
        }

        String ifB() {
            return "v" + b.name() + a.name();
        }

        String namespaceOf(String ifname) {
            return ifname.equals(ifA()) ? a.name() : b.name();
        }
    }

    private final Path dir;
    private final List<Node> nodes = new ArrayList<>();
    private final List<Link> links = new ArrayList<>();

    MeshLab(Path dir) {
        this.dir = dir;
    }

    Path dir() {
        return dir;
    }

    Node node(String name, String trustDomain) {
        Node n = new Node(name, nodes.size() + 1, trustDomain);
        nodes.add(n);
        return n;
    }

    private final Map<Node, List<String>> guarded = new LinkedHashMap<>();

    /** Attaches mesh_guard (enforcement off) to every mesh interface the node has so far. */
    void guard(Node n) {
        guarded.put(n, interfaces(n));
    }

    /** A node's mesh interfaces, in link order. */
    List<String> interfaces(Node n) {
        List<String> ifaces = new ArrayList<>();
        for (Link l : links) {
            if (l.a().equals(n)) {
                ifaces.add(l.ifA());
            } else if (l.b().equals(n)) {
                ifaces.add(l.ifB());
            }
        }
        return ifaces;
    }

    Link link(Node a, Node b) {
        Link l = new Link(a, b);
        links.add(l);
        return l;
    }

    List<Node> nodes() {
        return List.copyOf(nodes);
    }

    /** The MAC of a node's interface towards a peer. */
    static String mac(Node n, Node peer) {
        return String.format("02:00:00:00:%02x:%02x", n.index(), peer.index());
    }

    /**
     * A node's originator address: batman-adv's primary interface is the first one enslaved,
     * which is the interface of its first link.
     */
    String originator(Node n) {
        for (Link l : links) {
            if (l.a().equals(n)) {
                return mac(n, l.b());
            }
            if (l.b().equals(n)) {
                return mac(n, l.a());
            }
        }
        throw new IllegalArgumentException(n.name() + " has no link");
    }

    /** Every interface MAC to its node's name, to read batman-adv's next hops. */
    Map<String, String> macToNode() {
        Map<String, String> m = new LinkedHashMap<>();
        for (Link l : links) {
            m.put(mac(l.a(), l.b()), l.a().name());
            m.put(mac(l.b(), l.a()), l.b().name());
        }
        return m;
    }

    String nameOf(String originator) {
        String n = macToNode().get(originator);
        return n == null ? originator : n;
    }

    // ------------------------------------------------------------------ host side

    /** Extracts one distribution per node and writes its configuration and identity. */
    void prepare(Path distribution, Map<String, TrustDomain> domains) throws Exception {
        for (Node n : nodes) {
            Path home = dir.resolve("nodes").resolve(n.name());
            Files.createDirectories(home);
            exec(List.of("tar", "xzf", distribution.toString(), "-C", home.toString(), "--strip-components=1"));
            Path etc = home.resolve("etc");
            Path features = etc.resolve("org.apache.karaf.features.cfg");
            String f = Files.readString(features);
            if (!f.contains("x0tta6bl4-sim/")) {
                throw new IllegalStateException("featuresBoot of the distribution does not name x0tta6bl4-sim");
            }
            Files.writeString(features, f.replace("x0tta6bl4-sim/", "x0tta6bl4-batman/"));
            Files.writeString(etc.resolve("users.properties"), "karaf = karaf,_g_:admingroup\n"
                    + "_g_\\:admingroup = group,admin,manager,viewer,systembundles,ssh\n", StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.APPEND);
            // The distribution's console listens on loopback only; the lab drives it from the host
            // over the management link (inside the node's namespace, so all its addresses), so it
            // opens it on purpose.
            set(etc.resolve("org.apache.karaf.shell.cfg"), "sshHost", "0.0.0.0");
            Path batman = etc.resolve("io.x0tta6bl4.batman.cfg");
            set(batman, "alfred.socket", "/run/alfred-" + n.name() + ".sock");
            set(batman, "facts.interval.ms", "2000");
            set(batman, "vis.interval.ms", "2000");
            set(batman, "attest.interval.ms", "2000");
            // Five JVMs share the lab's one CPU, so a poll round can come seconds late: the topology's
            // own timeout must not take a late round for silent nodes (batman's down.after.ms decides).
            set(etc.resolve("io.x0tta6bl4.topology.cfg"), "node.timeout.ms", "15000");
            // The first scheduled scan takes a minute of the lab's single CPU: not while the checks run.
            set(etc.resolve("io.x0tta6bl4.scanner.cfg"), "scan.initial.delay.s", "3600");
            String svid = n.umlHome() + "/svid";
            domains.get(n.trustDomain()).issue("spiffe://" + n.trustDomain() + "/mesh/node/"
                    + originator(n).replace(':', '-'), home.resolve("svid"));
            if (guarded.containsKey(n)) {
                Path ebpf = etc.resolve("io.x0tta6bl4.ebpf.cfg");
                set(ebpf, "interfaces", String.join(",", guarded.get(n)));
                set(ebpf, "enforce", "false");
            }
            Path identity = etc.resolve("io.x0tta6bl4.identity.cfg");
            set(identity, "source", "files");
            set(identity, "files.svid", svid + "/svid.pem");
            set(identity, "files.key", svid + "/key.pem");
            set(identity, "files.bundle", svid + "/bundle.pem");
            set(identity, "node.id", originator(n));
            set(identity, "listener.addresses", n.meshAddress());
        }
    }

    /** Sets {@code key = value} in a .cfg file, replacing the key's line (commented or not) or appending it. */
    static void set(Path cfg, String key, String value) throws IOException {
        String text = Files.exists(cfg) ? Files.readString(cfg) : "";
        Pattern line = Pattern.compile("(?m)^#?\\s*" + Pattern.quote(key) + "\\s*=.*$");
        Matcher m = line.matcher(text);
        String entry = key + " = " + value;
        text = m.find() ? text.substring(0, m.start()) + entry + text.substring(m.end())
                : text + (text.endsWith("\n") || text.isEmpty() ? "" : "\n") + entry + "\n";
        Files.writeString(cfg, text);
    }

    private static void exec(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + ": " + out);
        }
    }

    // ------------------------------------------------------------------ inside user-mode-linux

    /** Namespaces, management veths, mesh links, batman-adv, and alfred with batadv-vis per node. */
    String networkScript() {
        StringBuilder s = new StringBuilder("set -e\n");
        for (Node n : nodes) {
            String ns = n.name();
            s.append("ip netns add ").append(ns).append('\n')
                    .append("ip -n ").append(ns).append(" link set lo up\n")
                    // alfred binds bat0's IPv6 link-local address, which must not wait for DAD.
                    .append("ip netns exec ").append(ns).append(" sysctl -qw net.ipv6.conf.default.accept_dad=0\n")
                    .append("ip link add m").append(ns).append(" type veth peer name mg").append(ns).append('\n')
                    .append("ip link set m").append(ns).append(" netns ").append(ns).append('\n')
                    .append("ip link set mg").append(ns).append(" master mgmt0 up\n")
                    .append("ip -n ").append(ns).append(" addr add ").append(n.mgmtAddress()).append("/24 dev m")
                    .append(ns).append('\n')
                    .append("ip -n ").append(ns).append(" link set m").append(ns).append(" up\n")
                    .append("ip -n ").append(ns).append(" link add bat0 type batadv\n");
        }
        for (Link l : links) {
            s.append("ip link add ").append(l.ifA()).append(" type veth peer name ").append(l.ifB()).append('\n');
            for (String[] end : List.of(new String[] {l.ifA(), l.a().name(), mac(l.a(), l.b())},
                    new String[] {l.ifB(), l.b().name(), mac(l.b(), l.a())})) {
                s.append("ip link set ").append(end[0]).append(" netns ").append(end[1]).append('\n')
                        .append("ip -n ").append(end[1]).append(" link set ").append(end[0]).append(" address ")
                        .append(end[2]).append(" mtu 1560\n");
            }
        }
        // Enslaved in link order, so that each node's first link is its primary interface.
        for (Link l : links) {
            for (String ifname : List.of(l.ifA(), l.ifB())) {
                String ns = l.namespaceOf(ifname);
                s.append("ip -n ").append(ns).append(" link set ").append(ifname).append(" master bat0\n")
                        .append("ip -n ").append(ns).append(" link set ").append(ifname).append(" up\n");
            }
        }
        for (Node n : nodes) {
            String ns = n.name();
            s.append("ip -n ").append(ns).append(" link set bat0 up\n")
                    .append("ip -n ").append(ns).append(" addr add ").append(n.meshAddress()).append("/24 dev bat0\n")
                    // bridge loop avoidance would hold unicast back for ~30 s after start
                    .append("ip netns exec ").append(ns).append(" batctl meshif bat0 bridge_loop_avoidance 0\n");
        }
        return s.toString();
    }

    /** alfred (primary, syncing every second) and the batadv-vis server in one node; retried, since alfred gives up when bat0 is too young. */
    static String alfredScript(Node n) {
        String ns = n.name();
        String sock = "/run/alfred-" + ns + ".sock";
        return "for try in 1 2 3 4 5 6 7 8 9 10; do\n"
                + "  rm -f " + sock + "\n"
                + "  ip netns exec " + ns + " alfred -m -i bat0 -u " + sock + " -p 1 >>/mnt/nodes/" + ns
                + "/alfred.log 2>&1 &\n"
                + "  pid=$!\n"
                + "  for wait in 1 2 3 4 5 6 7 8 9 10; do\n"
                + "    if ip netns exec " + ns + " alfred -S -u " + sock + " >/dev/null 2>&1; then\n"
                // alfred opens its socket before it looks for bat0: started only if it still runs
                // and answers a second after its first answer
                + "      sleep 1\n"
                + "      if kill -0 $pid 2>/dev/null && ip netns exec " + ns + " alfred -S -u " + sock
                + " >/dev/null 2>&1; then\n"
                + "        ip netns exec " + ns + " batadv-vis -s -i bat0 -u " + sock + " >>/mnt/nodes/" + ns
                + "/vis.log 2>&1 &\n"
                + "        exit 0\n"
                + "      fi\n"
                + "      break\n"
                + "    fi\n"
                + "    sleep 0.3\n"
                + "  done\n"
                + "  kill $pid 2>/dev/null\n"
                + "  sleep 1\n"
                + "done\n"
                + "echo alfred does not start in " + ns + "; exit 1\n";
    }

    /** Starts a node's Karaf in its namespace with its own host name, detached from the script. */
    static String startKarafScript(Node n, String javaHome, int maxHeapMb) {
        return "unshare --uts sh -c 'hostname " + n.name() + "; exec ip netns exec " + n.name()
                + " env JAVA_HOME=" + javaHome + " JAVA_MAX_MEM=" + maxHeapMb + "m JAVA_MIN_MEM=64m"
                + " EXTRA_JAVA_OPTS=\"" + JAVA_OPTS + "\" " + n.umlHome() + "/bin/karaf server'"
                + " </dev/null >>" + n.umlHome() + "/console.log 2>&1 &\n";
    }

    /** kill -9 of a node's Karaf JVM (found by its karaf.base). */
    static String killKarafScript(Node n) {
        return "pkill -9 -f 'karaf.base=" + n.umlHome() + " ' || pkill -9 -f 'karaf.base=" + n.umlHome() + "'\n"
                + "for i in $(seq 1 100); do pgrep -f 'karaf.base=" + n.umlHome() + "' >/dev/null || exit 0; sleep 0.1; done\n"
                + "echo still running; exit 1\n";
    }

    static Duration karafTimeout(int nodes) {
        return Duration.ofSeconds(240L + 120L * nodes);
    }
}
