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

    private final List<String> namespaces = new ArrayList<>();

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

    /** Deletes the namespaces, which deletes their veth ends too. */
    @Override
    public void close() {
        for (String ns : namespaces) {
            Result r = run("ip", "netns", "del", ns);
            if (r.exit() != 0) {
                System.err.println("could not delete network namespace " + ns + ": " + r.out());
            }
        }
        namespaces.clear();
    }
}
