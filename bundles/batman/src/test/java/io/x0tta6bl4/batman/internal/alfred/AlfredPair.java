package io.x0tta6bl4.batman.internal.alfred;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Two real alfred daemons (primary mode, {@code -b none}, syncing every second) in two network
 * namespaces joined by a veth pair, each with its own Unix socket. {@link #skipReason} says
 * why this machine cannot run them (root, alfred, iproute2).
 */
public final class AlfredPair implements AutoCloseable {

    private static final java.util.concurrent.atomic.AtomicInteger PAIRS = new java.util.concurrent.atomic.AtomicInteger();
    /** Short enough for interface names (15 characters) with a suffix; unique per JVM and pair. */
    private final String tag = "x6a" + ProcessHandle.current().pid() % 100000 + "p" + PAIRS.incrementAndGet() % 100;
    private final List<Process> daemons = new ArrayList<>();
    private final Path dir;
    public final AlfredClient a;
    public final AlfredClient b;

    /** Null when the pair can run here, else what is missing. */
    public static String skipReason() throws IOException {
        if (!isRoot()) {
            return "alfred test skipped: needs root for network namespaces";
        }
        if (!Files.isExecutable(Path.of("/usr/sbin/alfred"))) {
            return "alfred test skipped: /usr/sbin/alfred missing (Debian package alfred)";
        }
        if (!Files.isExecutable(Path.of("/usr/sbin/ip")) && !Files.isExecutable(Path.of("/sbin/ip"))) {
            return "alfred test skipped: ip missing (Debian package iproute2)";
        }
        return null;
    }

    public AlfredPair() throws Exception {
        dir = Files.createTempDirectory("x0tta6bl4-alfred-");
        String na = tag + "a";
        String nb = tag + "b";
        for (String ns : List.of(na, nb)) {
            run("ip", "netns", "add", ns);
            // Link-local addresses must leave DAD before alfred can bind them.
            run("ip", "netns", "exec", ns, "sysctl", "-qw", "net.ipv6.conf.default.accept_dad=0");
            run("ip", "netns", "exec", ns, "sysctl", "-qw", "net.ipv6.conf.all.accept_dad=0");
        }
        run("ip", "link", "add", ifA(), "type", "veth", "peer", "name", tag + "y");
        run("ip", "link", "set", ifA(), "netns", na);
        run("ip", "link", "set", tag + "y", "netns", nb);
        run("ip", "-n", na, "link", "set", ifA(), "up");
        run("ip", "-n", nb, "link", "set", tag + "y", "up");
        Path sockA = dir.resolve("a.sock");
        Path sockB = dir.resolve("b.sock");
        start(na, ifA(), sockA);
        start(nb, tag + "y", sockB);
        a = new AlfredClient(sockA);
        b = new AlfredClient(sockB);
        awaitSocket(a);
        awaitSocket(b);
    }

    /** The interface daemon a listens on. */
    public String ifA() {
        return tag + "x";
    }

    private void start(String ns, String ifname, Path socket) throws IOException {
        daemons.add(new ProcessBuilder("ip", "netns", "exec", ns, "alfred", "-m", "-i", ifname, "-b", "none",
                "-u", socket.toString(), "-p", "1").redirectErrorStream(true)
                .redirectOutput(dir.resolve(ns + ".log").toFile()).start());
    }

    private void awaitSocket(AlfredClient client) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        IOException last = null;
        while (System.nanoTime() < deadline) {
            try {
                client.read(100);
                return;
            } catch (IOException e) {
                last = e;
                Thread.sleep(100); // the daemon is still starting
            }
        }
        throw new AssertionError("alfred never answered on " + client.socket() + ": " + last + "\n" + logs());
    }

    public String logs() throws IOException {
        StringBuilder sb = new StringBuilder();
        try (var s = Files.list(dir)) {
            for (Path p : s.filter(f -> f.toString().endsWith(".log")).toList()) {
                sb.append(p.getFileName()).append(": ").append(Files.readString(p)).append('\n');
            }
        }
        return sb.toString();
    }

    @Override
    public void close() throws Exception {
        for (Process p : daemons) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            p.waitFor(5, TimeUnit.SECONDS);
        }
        for (String ns : List.of(tag + "a", tag + "b")) {
            new ProcessBuilder("ip", "netns", "del", ns).start().waitFor(10, TimeUnit.SECONDS);
        }
        try (var s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + out.trim());
        }
    }

    private static boolean isRoot() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("Uid:")) {
                return line.split("\\s+")[1].equals("0");
            }
        }
        return false;
    }
}
