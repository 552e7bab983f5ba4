package io.x0tta6bl4.itests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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
     * The Python probes (TCP listeners, a connect from a chosen source port, a router
     * advertisement), shared with the mesh lab; each file says what it does.
     */
    static final String PROBES_PROPERTY = "x0tta6bl4.probes";
    static final Path PROBES = Path.of(System.getProperty(PROBES_PROPERTY, "src/test/probes")).toAbsolutePath();

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
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", ns, PYTHON, probe("listen.py")));
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
        return run("ip", "netns", "exec", ns, PYTHON, probe("connect.py"), Integer.toString(sourcePort), host,
                Integer.toString(port)).out().trim();
    }

    /** Sends one router advertisement for {@code prefix}/64 from {@code ns} out of {@code ifname}. */
    void routerAdvertisement(String ns, String ifname, String prefix) {
        must("ip", "netns", "exec", ns, PYTHON, probe("router_advertisement.py"), ifname, prefix);
    }

    private static String probe(String name) {
        return PROBES.resolve(name).toString();
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
