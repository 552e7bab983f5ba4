package io.x0tta6bl4.batman.internal.alfred;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.x0tta6bl4.batman.internal.NodeFacts;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two real alfred daemons (primary mode, {@code -b none}) in two network namespaces joined
 * by a veth pair: what this client publishes on one is read through the other. Needs root,
 * iproute2 and alfred; skips saying which is missing.
 */
class AlfredDaemonTest {

    private final String tag = "x6a" + ProcessHandle.current().pid() % 100000;
    private final List<Process> daemons = new ArrayList<>();
    private Path dir;

    @Test
    void publishedOnOneNodeIsReadOnTheOther() throws Exception {
        assumeTrue(isRoot(), "alfred test skipped: needs root for network namespaces");
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/alfred")), "alfred test skipped: /usr/sbin/alfred missing (Debian package alfred)");
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/ip")) || Files.isExecutable(Path.of("/sbin/ip")),
                "alfred test skipped: ip missing (Debian package iproute2)");
        dir = Files.createTempDirectory("x0tta6bl4-alfred-");
        String a = tag + "a";
        String b = tag + "b";
        for (String ns : List.of(a, b)) {
            run("ip", "netns", "add", ns);
            // Link-local addresses must leave DAD before alfred can bind them.
            run("ip", "netns", "exec", ns, "sysctl", "-qw", "net.ipv6.conf.default.accept_dad=0");
            run("ip", "netns", "exec", ns, "sysctl", "-qw", "net.ipv6.conf.all.accept_dad=0");
        }
        run("ip", "link", "add", tag + "x", "type", "veth", "peer", "name", tag + "y");
        run("ip", "link", "set", tag + "x", "netns", a);
        run("ip", "link", "set", tag + "y", "netns", b);
        run("ip", "-n", a, "link", "set", tag + "x", "up");
        run("ip", "-n", b, "link", "set", tag + "y", "up");
        Path sockA = dir.resolve("a.sock");
        Path sockB = dir.resolve("b.sock");
        start(a, tag + "x", sockA);
        start(b, tag + "y", sockB);
        AlfredClient clientA = new AlfredClient(sockA);
        AlfredClient clientB = new AlfredClient(sockB);
        awaitSocket(clientA);
        awaitSocket(clientB);

        NodeFacts facts = new NodeFacts("02:00:00:00:01:02", "spiffe://mesh.example/node/a", "0.1.0", "up 2, down 0",
                1_700_000_000_000L, null);
        clientA.write(100, 1, facts.toJson());
        assertEquals(1, clientA.read(100).size(), "own record right away");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        Optional<AlfredRecord> seen = Optional.empty();
        while (System.nanoTime() < deadline && seen.isEmpty()) {
            seen = clientB.read(100).stream().findFirst();
            if (seen.isEmpty()) {
                Thread.sleep(200); // alfred primaries synchronise every second (-p 1)
            }
        }
        assertTrue(seen.isPresent(), "node b never received node a's record");
        NodeFacts read = NodeFacts.parse(seen.get().data(), seen.get().source());
        assertEquals(facts.nodeId(), read.nodeId());
        assertEquals(facts.spiffeId(), read.spiffeId());
        assertEquals(facts.health(), read.health());
        assertEquals(1, seen.get().version());
        assertTrue(clientB.read(101).isEmpty());

        AlfredStatus status = clientA.status();
        assertTrue(status.primary(), status.toString());
        assertEquals(List.of(new AlfredStatus.NetInterface(tag + "x", true)), status.interfaces());
        assertEquals("none", status.batmanInterface());
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

    private String logs() throws IOException {
        StringBuilder sb = new StringBuilder();
        try (var s = Files.list(dir)) {
            for (Path p : s.filter(f -> f.toString().endsWith(".log")).toList()) {
                sb.append(p.getFileName()).append(": ").append(Files.readString(p)).append('\n');
            }
        }
        return sb.toString();
    }

    @AfterEach
    void tearDown() throws Exception {
        for (Process p : daemons) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            p.waitFor(5, TimeUnit.SECONDS);
        }
        if (dir != null) {
            for (String ns : List.of(tag + "a", tag + "b")) {
                new ProcessBuilder("ip", "netns", "del", ns).start().waitFor(10, TimeUnit.SECONDS);
            }
            try (var s = Files.walk(dir)) {
                s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
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
