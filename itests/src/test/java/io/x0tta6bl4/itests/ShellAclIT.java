package io.x0tta6bl4.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * The shipped distribution as an operator gets it: a viewer may read but not change. The
 * distribution is unpacked and booted once for the class (with a viewer added to
 * etc/users.properties beside the admin {@link KarafProcess} adds) and driven through both doors
 * a shell user has, an SSH exec channel and {@code bin/client}. Through the same doors, a command
 * that fails gives a script its one line and a non-zero exit status.
 */
public class ShellAclIT {

    private static final Duration BOOT_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration SSH_TIMEOUT = Duration.ofSeconds(60);
    private static final String VIEWER = "watcher";
    private static final String VIEWER_PW = "watcher-pw";
    private static final String MAC = "02:00:00:00:0a:c1";

    /** Every changing x0tta6bl4 command of the booted features, with arguments an admin could give. */
    private static final List<String> CHANGING = List.of(
            "mesh:penalize sim-01 sim-02",
            "sim:fail-node sim-07",
            "sim:degrade-link sim-01 sim-02",
            "sim:recover",
            "identity:attest 127.0.0.1:1",
            "identity:bootstrap example.org",
            "ebpf:load",
            "ebpf:attach lo",
            "ebpf:detach lo",
            "ebpf:enforce on",
            "ebpf:quarantine " + MAC,
            "ebpf:allow " + MAC,
            "ebpf:release " + MAC,
            "heal:approve inc-000001",
            "heal:dry-run on",
            "scan:db-import /tmp",
            "scan:run",
            "scan:sbom --output sbom.json",
            "scan:run --format json --output run.json");

    /** Read commands a viewer keeps, each with a word its answer must contain. */
    private static final List<String[]> READS = List.of(
            new String[] {"mesh:stats", "Nodes up"},
            new String[] {"mesh:nodes", "sim-07"},
            new String[] {"sim:status", "Property"},
            new String[] {"identity:status", "tate"},
            new String[] {"ebpf:programs", ""},
            new String[] {"heal:incidents", ""},
            new String[] {"heal:stats", "incidents"},
            new String[] {"scan:findings", ""},
            new String[] {"x0:plugins", ""});

    private static KarafProcess karaf;
    private static SshClient ssh;

    @BeforeClass
    public static void boot() throws Exception {
        String dist = System.getProperty("x0tta6bl4.dist");
        if (dist == null || dist.isBlank()) {
            throw new IllegalStateException("system property x0tta6bl4.dist is not set (failsafe sets it)");
        }
        karaf = KarafProcess.unpack(Paths.get(dist), Paths.get("target", "acl-" + System.currentTimeMillis()));
        // The viewer group Karaf's users.properties describes: read commands, and the ssh role to log in.
        Files.writeString(karaf.home().resolve("etc/users.properties"), VIEWER + " = " + VIEWER_PW
                + ",_g_:viewergroup\n_g_\\:viewergroup = group,viewer,ssh\n", StandardCharsets.ISO_8859_1,
                StandardOpenOption.APPEND);
        karaf.start();
        String[] seen = {""};
        Await.until("the x0tta6bl4 shell to answer mesh:stats", BOOT_TIMEOUT, () -> {
            seen[0] = karaf.client("mesh:stats");
            return seen[0].contains("Nodes up");
        }, () -> seen[0]);
        ssh = SshClient.setUpDefaultClient();
        ssh.setServerKeyVerifier(AcceptAllServerKeyVerifier.INSTANCE);
        ssh.start();
    }

    @AfterClass
    public static void stop() throws IOException {
        if (ssh != null) {
            ssh.stop();
        }
        if (karaf != null) {
            karaf.destroy();
        }
    }

    @Test
    public void theShippedConsoleListensOnLoopbackOnly() throws Exception {
        String cfg = Files.readString(karaf.home().resolve("etc/org.apache.karaf.shell.cfg"));
        assertTrue(cfg, cfg.matches("(?s).*\\nsshHost\\s*=\\s*127\\.0\\.0\\.1\\s*\\n.*"));
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), karaf.sshPort()), 5000);
        }
        Optional<InetAddress> other = nonLoopbackAddress();
        if (other.isEmpty()) {
            System.out.println("this machine has no non-loopback IPv4 address: only the shipped sshHost is checked");
            return;
        }
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(other.get(), karaf.sshPort()), 5000);
            fail("the SSH console answers on " + other.get().getHostAddress() + ":" + karaf.sshPort());
        } catch (ConnectException | SocketTimeoutException expected) {
            System.out.println("SSH port " + karaf.sshPort() + " refused on " + other.get().getHostAddress()
                    + ": " + expected.getMessage());
        }
    }

    @Test
    public void aViewerIsRefusedEveryChangingCommandOverSshWithOneLine() throws Exception {
        for (String command : CHANGING) {
            Run r = sshRun(VIEWER, VIEWER_PW, command);
            assertRefused("ssh " + command, r.exit(), r.out());
        }
        assertNothingChanged();
    }

    @Test
    public void aViewerIsRefusedEveryChangingCommandThroughBinClientWithOneLine() throws Exception {
        for (String command : CHANGING) {
            KarafProcess.ClientRun r = karaf.client(VIEWER, VIEWER_PW, command);
            assertRefused("bin/client " + command, r.exit(), r.out());
        }
        assertNothingChanged();
    }

    @Test
    public void aViewerKeepsTheReadCommands() throws Exception {
        for (String[] read : READS) {
            Run r = sshRun(VIEWER, VIEWER_PW, read[0]);
            assertEquals("ssh " + read[0] + ": " + r.out(), 0, r.exit());
            assertTrue("ssh " + read[0] + ": " + r.out(), r.out().contains(read[1]));
            assertFalse("ssh " + read[0] + ": " + r.out(), r.out().contains("Insufficient credentials"));
            KarafProcess.ClientRun c = karaf.client(VIEWER, VIEWER_PW, read[0]);
            assertEquals("bin/client " + read[0] + ": " + c.out(), 0, c.exit());
            assertTrue("bin/client " + read[0] + ": " + c.out(), c.out().contains(read[1]));
        }
        Run sbom = sshRun(VIEWER, VIEWER_PW, "scan:sbom");
        assertEquals(sbom.out(), 0, sbom.exit());
        assertTrue(sbom.out(), sbom.out().contains("io.x0tta6bl4.scanner"));
    }

    @Test
    public void everyChangingCommandExistsForTheAdmin() throws Exception {
        for (String command : CHANGING) {
            String name = command.split(" ")[0];
            Run r = sshRun(KarafProcess.USER, KarafProcess.USER, name + " --help");
            assertEquals(name + ": " + r.out(), 0, r.exit());
            assertTrue(name + ": " + r.out(), plain(r.out()).contains("DESCRIPTION"));
        }
    }

    @Test
    public void anAdminRunsTheChangingCommands() throws Exception {
        String admin = KarafProcess.USER;
        Run q = sshRun(admin, admin, "ebpf:quarantine --reason acl-itest " + MAC);
        assertEquals(q.out(), 0, q.exit());
        assertTrue(q.out(), sshRun(admin, admin, "ebpf:counters").out().contains(MAC));
        assertEquals(0, sshRun(admin, admin, "ebpf:release " + MAC).exit());
        assertFalse(sshRun(admin, admin, "ebpf:counters").out().contains(MAC));

        Run on = sshRun(admin, admin, "heal:dry-run on");
        assertEquals(on.out(), 0, on.exit());
        assertTrue(sshRun(admin, admin, "heal:dry-run").out().contains("dry-run on"));
        assertEquals(0, sshRun(admin, admin, "heal:dry-run off").exit());

        KarafProcess.ClientRun fail = karaf.client(admin, admin, "sim:fail-node sim-07");
        assertEquals(fail.out(), 0, fail.exit());
        assertTrue(fail.out(), fail.out().contains("sim-07 failed"));
        KarafProcess.ClientRun recover = karaf.client(admin, admin, "sim:recover sim-07");
        assertEquals(recover.out(), 0, recover.exit());

        Path sbom = karaf.home().resolve("data/acl-itest/sbom.json");
        Run written = sshRun(admin, admin, "scan:sbom --format cyclonedx-json --output acl-itest/sbom.json");
        assertEquals(written.out(), 0, written.exit());
        assertTrue(written.out(), written.out().contains("written to " + sbom));
        assertTrue(Files.readString(sbom).contains("\"bomFormat\""));
    }

    @Test
    public void anAdminCannotWriteAReportOutsideTheDataFolder() throws Exception {
        String admin = KarafProcess.USER;
        Path etc = karaf.home().resolve("etc/org.apache.karaf.shell.cfg");
        String before = Files.readString(etc);
        for (String target : List.of(etc.toString(), "../etc/org.apache.karaf.shell.cfg", "/tmp/acl-itest-sbom.json")) {
            Run r = sshRun(admin, admin, "scan:sbom --format json --output " + target);
            String out = plain(r.out()).trim();
            assertNotEquals(out, 0, r.exit());
            assertEquals(out, 1, out.lines().count());
            assertTrue(out, out.startsWith("Error executing command: refused --output '" + target + "': "));
            assertTrue(r.out(), out.contains("reports are written only under " + karaf.home().resolve("data")));
        }
        assertEquals(before, Files.readString(etc));
        assertFalse(Files.exists(Paths.get("/tmp/acl-itest-sbom.json")));

        // scan:run refuses the path before it scans, not a minute later.
        long t0 = System.nanoTime();
        Run run = sshRun(admin, admin, "scan:run --format json --output /tmp/acl-itest-run.json");
        String out = plain(run.out()).trim();
        assertNotEquals(out, 0, run.exit());
        assertTrue(out, out.startsWith("Error executing command: refused --output '/tmp/acl-itest-run.json': it is not under"));
        assertFalse(Files.exists(Paths.get("/tmp/acl-itest-run.json")));
        System.out.println("scan:run with a refused --output answered in "
                + Duration.ofNanos(System.nanoTime() - t0).toMillis() + " ms");

        // A link inside the data folder that leads out is no way out either.
        Path outside = Files.createDirectories(karaf.home().resolve("outside"));
        Files.createSymbolicLink(karaf.home().resolve("data/out"), outside);
        Run r = sshRun(admin, admin, "scan:sbom --format json --output out/sbom.json");
        assertTrue(r.out(), plain(r.out()).trim().startsWith(
                "Error executing command: refused --output 'out/sbom.json': it is not under"));
        assertFalse(Files.exists(outside.resolve("sbom.json")));
    }

    /**
     * A command that fails tells a script: on the SSH exec channel, through {@code bin/client -b}
     * and through {@code bin/client "<command>"}, its one line is in the output and the exit status
     * is not 0; asked for JSON, the output is a JSON object naming the error.
     */
    @Test
    public void aFailingCommandShowsItsLineAndExitsNonZeroOnEveryPath() throws Exception {
        String admin = KarafProcess.USER;
        Path empty = Files.write(karaf.home().resolve("empty.o"), new byte[0]);
        Path notElf = karaf.home().resolve("etc/config.properties");
        List<String[]> failing = List.of(
                new String[] {"mesh:node nope", "Error: unknown node 'nope'"},
                new String[] {"sim:fail-node sim-99", "Error: unknown simulated node 'sim-99'"},
                new String[] {"ebpf:validate " + karaf.home().resolve("missing.o"), "Error: cannot read "},
                new String[] {"ebpf:validate " + empty, "is not a valid BPF object"},
                new String[] {"ebpf:validate " + notElf, "is not a valid BPF object"},
                new String[] {"scan:db-import " + karaf.home().resolve("missing.zip"), "no such file"},
                new String[] {"heal:incident inc-999999", "Error: no incident 'inc-999999'"});
        for (String[] f : failing) {
            Run ssh = sshRun(admin, admin, f[0]);
            assertOneFailureLine("ssh " + f[0], ssh.exit(), ssh.out(), f[1]);
            KarafProcess.ClientRun batch = karaf.client(admin, admin, f[0], true);
            assertOneFailureLine("bin/client -b " + f[0], batch.exit(), batch.out(), f[1]);
            KarafProcess.ClientRun arg = karaf.client(admin, admin, f[0], false);
            assertOneFailureLine("bin/client " + f[0], arg.exit(), arg.out(), f[1]);
        }
        for (String json : List.of("mesh:node --json nope", "mesh:path --json sim-01 nope", "heal:incident --json inc-999999")) {
            Run r = sshRun(admin, admin, json);
            assertNotEquals(json + ": " + r.out(), 0, r.exit());
            com.fasterxml.jackson.databind.JsonNode error = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(plain(r.out()));
            assertTrue(json + ": " + r.out(), error.path("error").asText().contains("nope")
                    || error.path("error").asText().contains("inc-999999"));
            KarafProcess.ClientRun c = karaf.client(admin, admin, json, false);
            assertNotEquals(json + ": " + c.out(), 0, c.exit());
            assertEquals(json, error, new com.fasterxml.jackson.databind.ObjectMapper().readTree(answer(c.out())));
        }
    }

    // ------------------------------------------------------------------ helpers

    private static void assertOneFailureLine(String what, int exit, String out, String expected) {
        String text = answer(out);
        assertNotEquals(what + " exited 0: " + text, 0, exit);
        assertEquals(what + " did not print exactly one line: [" + text + "]", 1, text.lines().count());
        assertTrue(what + ": " + text, text.startsWith("Error: ") && text.contains(expected));
        assertFalse(what + " printed a stack trace: " + text, text.contains("Exception") || text.contains("\tat "));
    }

    /**
     * Refused with one line and a non-zero exit. Karaf hides a command a user may not run: a
     * viewer is told {@code Command not found: ebpf:load}, and running it anyway (by a full name
     * a script knows) is {@code Insufficient credentials.}. Every command refused here is run by
     * the admin in {@link #everyChangingCommandExistsForTheAdmin}, so "not found" is the ACL.
     */
    private static void assertRefused(String what, int exit, String out) {
        String text = plain(out).trim();
        assertNotEquals(what + " was not refused: " + text, 0, exit);
        assertEquals(what + " printed more than one line: " + text, 1, text.lines().count());
        String name = what.replaceFirst("^\\S+ ", "").split(" ")[0];
        assertTrue(what + ": " + text, text.equals("Command not found: " + name)
                || text.equals("Error executing command: Insufficient credentials."));
    }

    /**
     * What the node answered: without colours, and without the line bin/client's own SSH library
     * logs at times when it cannot pass on its open stdin once the node has closed the session.
     */
    private static String answer(String out) {
        return plain(out).lines().filter(l -> !l.matches("\\d+ \\[sshd-ClientInputStreamPump.*"))
                .collect(java.util.stream.Collectors.joining("\n")).trim();
    }

    /** Without the colours Karaf's console adds. */
    private static String plain(String out) {
        return out.replaceAll("\u001B\\[[;\\d]*m", "");
    }

    /** None of the refused commands left a trace: the node is up, the MAC not quarantined, no file written. */
    private static void assertNothingChanged() throws IOException {
        String admin = KarafProcess.USER;
        String counters = sshRun(admin, admin, "ebpf:counters").out();
        assertFalse(counters, counters.contains(MAC));
        String dry = sshRun(admin, admin, "heal:dry-run").out();
        assertTrue(dry, dry.contains("dry-run off"));
        assertFalse(Files.exists(karaf.home().resolve("data/sbom.json")));
        assertFalse(Files.exists(karaf.home().resolve("data/run.json")));
        String node = sshRun(admin, admin, "mesh:node sim-07").out();
        assertFalse(node, node.contains("DOWN"));
    }

    record Run(int exit, String out) {
    }

    /** One command on an SSH exec channel of its own session, as an operator's {@code ssh -p} would send it. */
    private static Run sshRun(String user, String password, String command) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ClientSession session = ssh.connect(user, "127.0.0.1", karaf.sshPort()).verify(SSH_TIMEOUT).getSession()) {
            session.addPasswordIdentity(password);
            session.auth().verify(SSH_TIMEOUT);
            try (ChannelExec channel = session.createExecChannel(command)) {
                channel.setOut(out);
                channel.setErr(out);
                channel.open().verify(SSH_TIMEOUT);
                Set<ClientChannelEvent> events = channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), SSH_TIMEOUT);
                if (!events.contains(ClientChannelEvent.CLOSED)) {
                    throw new AssertionError("'" + command + "' did not finish within " + SSH_TIMEOUT);
                }
                Integer exit = channel.getExitStatus();
                return new Run(exit == null ? -1 : exit, out.toString(StandardCharsets.UTF_8));
            }
        }
    }

    private static Optional<InetAddress> nonLoopbackAddress() throws IOException {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!nic.isUp() || nic.isLoopback()) {
                continue;
            }
            for (InetAddress a : Collections.list(nic.getInetAddresses())) {
                if (a instanceof Inet4Address && !a.isLoopbackAddress()) {
                    return Optional.of(a);
                }
            }
        }
        return Optional.empty();
    }
}
