package io.x0tta6bl4.itests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Network namespaces joined by veth pairs, made with {@code ip}, for tests that need real
 * interfaces. Everything it creates is removed by {@link #close()}, which never throws.
 */
final class EbpfNetLab implements AutoCloseable {

    record Result(int exit, String out) {
    }

    /** Debian's python3: its socket module gives the tests TCP with a chosen source port and raw ICMPv6. */
    static final String PYTHON = "/usr/bin/python3";

    /**
     * TCP listeners, one per argument: {@code port} listens on all addresses, IPv4 and IPv6;
     * {@code <ipv6>@port} on that IPv6 address only (so an IPv4 socket of the same namespace can
     * still bind the port as its source port). Each accepted connection gets
     * {@code hello <port>} and is closed by the listener (so the client keeps no TIME_WAIT on
     * its port). Exits when its stdin closes, or after 300 s whatever happens.
     */
    private static final String LISTEN = String.join("\n",
            "import socket, sys, threading, signal",
            "signal.alarm(300)",
            "def serve(s, port):",
            "    while True:",
            "        c, _ = s.accept()",
            "        c.sendall(b'hello %d\\n' % port)",
            "        c.close()",
            "for a in sys.argv[1:]:",
            "    addr, _, port = a.rpartition('@')",
            "    s = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)",
            "    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)",
            "    s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1 if addr else 0)",
            "    s.bind((addr or '::', int(port)))",
            "    s.listen(16)",
            "    threading.Thread(target=serve, args=(s, int(port)), daemon=True).start()",
            "sys.stdin.read()");

    /**
     * One TCP connect from source port argv[1] (0: any) to argv[2] port argv[3] with a 2 s
     * timeout; prints {@code connected <greeting>} or {@code failed <why>} (exit 1).
     */
    private static final String CONNECT = String.join("\n",
            "import socket, sys",
            "host, port, sport = sys.argv[2], int(sys.argv[3]), int(sys.argv[1])",
            "s = socket.socket(socket.AF_INET6 if ':' in host else socket.AF_INET, socket.SOCK_STREAM)",
            "s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)",
            "s.settimeout(2)",
            "try:",
            "    if sport:",
            "        s.bind(('', sport))",
            "    s.connect((host, port))",
            "    print('connected ' + s.recv(64).decode().strip())",
            "except OSError as e:",
            "    print('failed ' + ('timeout' if isinstance(e, socket.timeout) else str(e)))",
            "    sys.exit(1)");

    /**
     * A router advertisement to ff02::1 out of interface argv[1], hop limit 255, router
     * lifetime 1800 s, with a SLAAC prefix argv[2]/64 (the kernel computes the ICMPv6 checksum).
     */
    private static final String ROUTER_ADVERTISEMENT = String.join("\n",
            "import socket, struct, sys",
            "s = socket.socket(socket.AF_INET6, socket.SOCK_RAW, socket.IPPROTO_ICMPV6)",
            "s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_MULTICAST_HOPS, 255)",
            "ra = struct.pack('!BBHBBHII', 134, 0, 0, 64, 0, 1800, 0, 0)",
            "pio = struct.pack('!BBBBIII16s', 3, 4, 64, 0xc0, 86400, 14400, 0,"
                    + " socket.inet_pton(socket.AF_INET6, sys.argv[2]))",
            "s.sendto(ra + pio, ('ff02::1', 0, 0, socket.if_nametoindex(sys.argv[1])))");

    private final List<String> namespaces = new ArrayList<>();
    private final List<Process> processes = new ArrayList<>();

    /** Whether this process may make namespaces (root with ip), else why not. */
    static String unavailable() {
        if (!"root".equals(System.getProperty("user.name"))) {
            return "not running as root";
        }
        Result r = run("ip", "netns", "list");
        if (r.exit() != 0) {
            return "'ip netns' does not work: " + r.out();
        }
        if (run("ping", "-V").exit() != 0) {
            return "ping is not installed (Debian package iputils-ping)";
        }
        return null;
    }

    /** Null when the TCP and router advertisement helpers can run, else why not. */
    static String noPython() {
        return run(PYTHON, "-c", "import socket").exit() == 0 ? null : PYTHON + " does not run (Debian package python3)";
    }

    void namespace(String name) {
        run("ip", "netns", "del", name); // left over from a killed run
        must("ip", "netns", "add", name);
        namespaces.add(name);
        must("ip", "-n", name, "link", "set", "lo", "up");
    }

    /** A veth pair from {@code nsA/ifA} to {@code nsB/ifB}, with MACs and /24 addresses, up. */
    void veth(String nsA, String ifA, String macA, String ipA, String nsB, String ifB, String macB, String ipB) {
        must("ip", "-n", nsA, "link", "add", ifA, "address", macA, "type", "veth", "peer", "name", ifB, "address",
                macB, "netns", nsB);
        must("ip", "-n", nsA, "addr", "add", ipA + "/24", "dev", ifA);
        must("ip", "-n", nsB, "addr", "add", ipB + "/24", "dev", ifB);
        must("ip", "-n", nsA, "link", "set", ifA, "up");
        must("ip", "-n", nsB, "link", "set", ifB, "up");
    }

    /** One ping with a one-second wait; true when it was answered. */
    boolean ping(String fromNs, String ip) {
        return run("ip", "netns", "exec", fromNs, "ping", "-c", "1", "-W", "1", "-q", ip).exit() == 0;
    }

    /** One IPv6 ping with a one-second wait; true when it was answered. */
    boolean ping6(String fromNs, String ip) {
        return run("ip", "netns", "exec", fromNs, "ping", "-6", "-c", "1", "-W", "1", "-q", ip).exit() == 0;
    }

    /** Adds an IPv6 address without duplicate address detection (usable at once). */
    void addr6(String ns, String ifname, String cidr) {
        must("ip", "-n", ns, "addr", "add", cidr, "dev", ifname, "nodad");
    }

    /**
     * Starts TCP listeners in {@code ns}, one per {@code port} ({@code 22}: all addresses) or
     * {@code <ipv6>@port} (that address only); stopped by close.
     */
    void listen(String ns, String... ports) {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", ns, PYTHON, "-c", LISTEN));
        cmd.addAll(List.of(ports));
        try {
            processes.add(new ProcessBuilder(cmd).redirectErrorStream(true).start());
        } catch (IOException e) {
            throw new IllegalStateException("cannot start listeners in " + ns, e);
        }
    }

    /**
     * One TCP connect from {@code ns}, from {@code sourcePort} (0: any) to {@code host}:{@code port}:
     * {@code connected hello <port>} or {@code failed <why>} ({@code failed timeout} when nothing answered).
     */
    String connect(String ns, int sourcePort, String host, int port) {
        return run("ip", "netns", "exec", ns, PYTHON, "-c", CONNECT, Integer.toString(sourcePort), host,
                Integer.toString(port)).out().trim();
    }

    /** Sends one router advertisement for {@code prefix}/64 from {@code ns} out of {@code ifname}. */
    void routerAdvertisement(String ns, String ifname, String prefix) {
        must("ip", "netns", "exec", ns, PYTHON, "-c", ROUTER_ADVERTISEMENT, ifname, prefix);
    }

    /** What {@code ip -6 addr show} says about an interface in a namespace. */
    String addresses6(String ns, String ifname) {
        return run("ip", "-n", ns, "-6", "addr", "show", "dev", ifname).out();
    }

    /** What {@code ip link show} says about an interface in a namespace. */
    String link(String ns, String ifname) {
        return run("ip", "-n", ns, "-d", "link", "show", "dev", ifname).out();
    }

    /**
     * Mounts bpffs at /sys/fs/bpf where it is not (as systemd does at boot; a bare container may
     * lack it), so mesh_guard's maps can be pinned; null when it is there, else why not.
     */
    static String bpffs() {
        if (bpffsMounted()) {
            return null;
        }
        Result r = run("mount", "-t", "bpf", "bpf", "/sys/fs/bpf");
        return bpffsMounted() ? null : "no bpffs at /sys/fs/bpf and mounting one failed: " + r.out().trim();
    }

    private static boolean bpffsMounted() {
        try {
            return java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/mounts")).stream()
                    .map(l -> l.split(" "))
                    .anyMatch(f -> f.length > 2 && f[1].equals("/sys/fs/bpf") && f[2].equals("bpf"));
        } catch (java.io.IOException e) {
            return false;
        }
    }

    static Result run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Result(-1, String.join(" ", command) + " timed out");
            }
            return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Result(-1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, e.toString());
        }
    }

    static void must(String... command) {
        Result r = run(command);
        if (r.exit() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed (" + r.exit() + "): " + r.out());
        }
    }

    /** Stops the processes it started and deletes the namespaces, which deletes their veth ends too. */
    @Override
    public void close() {
        for (Process p : processes) {
            p.destroy();
            try {
                if (!p.waitFor(5, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                p.destroyForcibly();
            }
        }
        processes.clear();
        for (String ns : namespaces) {
            Result r = run("ip", "netns", "del", ns);
            if (r.exit() != 0) {
                System.err.println("could not delete network namespace " + ns + ": " + r.out());
            }
        }
        namespaces.clear();
    }
}
