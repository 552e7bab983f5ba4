package io.x0tta6bl4.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The Debian package on this machine, as an operator meets it: its fields and contents, lintian,
 * {@code systemd-analyze verify} of its unit, {@code dpkg -i}, the node started with the unit's
 * own command line, user and capabilities (through setpriv, as systemd would, since systemd need
 * not be PID 1 here) answering {@code /ready}, an upgrade to a newer package keeping the state and
 * an edited configuration file, and a purge that leaves nothing. Needs root and dpkg; CI runs it
 * as root on a machine where the package is not installed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DebianPackageIT {

    private static final String PKG = "x0tta6bl4";
    private static final Path DEB = Paths.get(System.getProperty("x0tta6bl4.deb", "target/none.deb"));
    private static final Path UNIT = Paths.get("/lib/systemd/system/x0tta6bl4.service");
    private static final Path HOME = Paths.get("/usr/share/x0tta6bl4");
    private static final Path ETC = Paths.get("/etc/x0tta6bl4");
    private static final Path STATE = Paths.get("/var/lib/x0tta6bl4");
    private static final Path LOGS = Paths.get("/var/log/x0tta6bl4");
    private static String ready;
    private static final Duration BOOT = Duration.ofSeconds(240);

    private static Process node;

    @BeforeAll
    static void onlyWhereItMayInstall() throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")),
                "the package test installs and purges the package: it needs root (CI runs it as root)");
        Assumptions.assumeTrue(Files.isExecutable(Paths.get("/usr/bin/dpkg")), "the package test needs dpkg (Debian)");
        assertTrue(Files.isRegularFile(DEB), "the build made no package at " + DEB);
        Assumptions.assumeFalse(run("dpkg-query", "-W", "-f=${Status}", PKG).out.contains("installed"),
                "x0tta6bl4 is installed on this machine already: the test would replace it");
    }

    @AfterAll
    static void leaveNothing() throws Exception {
        stopNode();
        if (Files.exists(HOME) || Files.exists(ETC)) {
            run("dpkg", "--purge", PKG);
        }
    }

    @Test
    @Order(1)
    void controlFieldsAndContents() throws Exception {
        assertEquals(PKG, field("Package"));
        assertEquals("all", field("Architecture"));
        String depends = field("Depends");
        for (String d : List.of("openjdk-17-jre-headless", "libbpf1", "iproute2", "adduser")) {
            assertTrue(depends.contains(d), "Depends names " + d + ": " + depends);
        }
        assertTrue(field("Recommends").contains("batctl"), field("Recommends"));
        List<String> files = contents();
        for (String f : List.of("./usr/share/x0tta6bl4/bin/karaf", "./usr/share/x0tta6bl4/bin/client",
                "./usr/share/x0tta6bl4/bin/x0tta6bl4-service", "./lib/systemd/system/x0tta6bl4.service",
                "./etc/x0tta6bl4/org.apache.karaf.shell.cfg", "./etc/x0tta6bl4/users.properties",
                "./usr/share/doc/x0tta6bl4/copyright", "./usr/share/doc/x0tta6bl4/changelog.gz")) {
            assertTrue(files.contains(f), "the package holds " + f);
        }
        assertTrue(files.stream().noneMatch(f -> f.endsWith(".bat") || f.contains("/bin/contrib/")),
                "no Windows scripts nor Karaf's service templates");
        assertTrue(files.stream().noneMatch(f -> f.startsWith("./usr/share/x0tta6bl4/data/")
                || f.startsWith("./var/")), "state is made at install, not shipped");
        String conffiles = run("sh", "-c", "dpkg-deb --ctrl-tarfile '" + DEB + "' | tar -xOf - ./conffiles").ok().out;
        List<String> etcFiles = files.stream().filter(f -> f.startsWith("./etc/x0tta6bl4/") && !f.endsWith("/"))
                .map(f -> f.substring(1)).collect(Collectors.toList());
        assertFalse(etcFiles.isEmpty());
        for (String f : etcFiles) {
            assertTrue(conffiles.lines().anyMatch(f::equals), f + " is a conffile");
        }
    }

    @Test
    @Order(2)
    void lintianFindsNoError() throws Exception {
        Result r = run("lintian", "--tag-display-limit", "0", DEB.toString());
        List<String> errors = r.out.lines().filter(l -> l.startsWith("E:")).collect(Collectors.toList());
        System.out.println("lintian: " + r.out.lines().filter(l -> l.startsWith("W:")).count() + " warnings, "
                + errors.size() + " errors");
        assertEquals(List.of(), errors, "lintian errors");
        assertEquals(0, r.code, "lintian: exit " + r.code + "\n" + r.out);
    }

    @Test
    @Order(3)
    void installsWithItsUserFoldersAndAUnitSystemdAccepts() throws Exception {
        run("dpkg", "-i", DEB.toString()).ok();
        assertTrue(run("getent", "passwd", PKG).ok().out.contains("/var/lib/x0tta6bl4"), "the system user");
        assertEquals("x0tta6bl4 x0tta6bl4 750", run("stat", "-c", "%U %G %a", STATE.toString()).ok().out.trim());
        assertEquals("x0tta6bl4 x0tta6bl4 750", run("stat", "-c", "%U %G %a", LOGS.toString()).ok().out.trim());
        assertEquals("x0tta6bl4 750", run("stat", "-c", "%U %a", ETC.toString()).ok().out.trim());
        // as an operator on a box that runs other services would: other ports than Karaf's defaults
        int http = freePort();
        ready = "http://127.0.0.1:" + http + "/ready";
        setPort("org.ops4j.pax.web.cfg", "org.osgi.service.http.port", http);
        setPort("org.apache.karaf.shell.cfg", "sshPort", freePort());
        Result verify = run("systemd-analyze", "verify", UNIT.toString());
        System.out.println("systemd-analyze verify: exit " + verify.code + " " + verify.out.trim());
        assertEquals(0, verify.code, verify.out);
        assertTrue(verify.out.lines().noneMatch(l -> l.contains("x0tta6bl4.service")), verify.out);
    }

    @Test
    @Order(4)
    void theUnitsCommandStartsTheNodeAsItsUserAndItAnswersReady() throws Exception {
        Duration took = startNode();
        System.out.println("package: /ready answered " + took.toMillis() + " ms after the unit's command started");
        assertFalse(pid().isEmpty(), "Karaf runs as the unit's user");
        assertTrue(run("pgrep", "-u", "0", "-f", "-a", "/usr/share/x0tta6bl4").code != 0, "nothing of it runs as root");
        String caps = Files.readAllLines(Paths.get("/proc", pid(), "status")).stream()
                .filter(l -> l.startsWith("CapEff:")).findFirst().orElseThrow();
        System.out.println("package: Karaf's " + caps);
        // CAP_NET_ADMIN 12, CAP_NET_RAW 13, CAP_PERFMON 38, CAP_BPF 39: nothing else
        assertEquals(Long.toHexString((1L << 12) | (1L << 13) | (1L << 38) | (1L << 39)),
                Long.toHexString(Long.parseLong(caps.substring(7).trim(), 16)), caps);
        assertTrue(Files.exists(LOGS.resolve("karaf.log")), "Karaf logs into " + LOGS);
        // /ready waits for topology and identity only; healing (not critical to readiness) may
        // still be starting, and the upgrade test needs the state it keeps
        awaitHealingStore();
        stopNode();
    }

    /** Waits until healing has opened its knowledge store in the node's data folder. */
    private static void awaitHealingStore() throws Exception {
        long deadline = System.nanoTime() + BOOT.toNanos();
        while (stateFiles().stream().noneMatch(f -> f.contains("/knowledge.mv.db "))) {
            assertTrue(System.nanoTime() < deadline, "healing opened no knowledge store within " + BOOT.toSeconds()
                    + " s: " + stateFiles() + "; see " + LOGS.resolve("karaf.log"));
            Thread.sleep(250); // poll interval of the wait for the store, bounded by its deadline
        }
    }

    @Test
    @Order(5)
    void anUpgradeKeepsTheStateAndAnEditedConfiguration() throws Exception {
        // a conffile of the package, and a configuration the features wrote at first boot
        Path conffile = ETC.resolve("org.apache.karaf.shell.cfg");
        Path cfg = ETC.resolve("io.x0tta6bl4.topology.cfg");
        String edit = "# edited by the operator before the upgrade\n";
        for (Path p : List.of(conffile, cfg)) {
            Files.writeString(p, edit, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
        }
        List<String> stateBefore = stateFiles();
        assertTrue(stateBefore.stream().anyMatch(f -> f.contains("/knowledge.mv.db ")),
                "the first run left healing's knowledge store: " + stateBefore);
        Path newer = newerPackage();
        run("dpkg", "-i", newer.toString()).ok();
        assertTrue(run("dpkg-query", "-W", "-f=${Version}", PKG).ok().out.endsWith(".1"), "the newer version is installed");
        for (Path p : List.of(conffile, cfg)) {
            assertTrue(Files.readString(p).endsWith(edit), "the operator's edit of " + p + " survives the upgrade");
        }
        assertEquals(stateBefore, stateFiles(), "the state survives the upgrade");
        Duration took = startNode();
        System.out.println("package: after the upgrade /ready answered in " + took.toMillis() + " ms");
        stopNode();
    }

    @Test
    @Order(6)
    void purgeLeavesNothing() throws Exception {
        run("dpkg", "--purge", PKG).ok();
        for (Path p : List.of(HOME, ETC, STATE, LOGS, UNIT, Paths.get("/usr/share/doc/x0tta6bl4"))) {
            assertFalse(Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS), p + " is gone");
        }
        assertTrue(run("getent", "passwd", PKG).code != 0, "the user is gone");
        assertTrue(run("getent", "group", PKG).code != 0, "the group is gone");
        assertFalse(run("dpkg-query", "-W", "-f=${Status}", PKG).out.contains("installed"));
        assertTrue(run("pgrep", "-u", "0", "-f", "/usr/share/x0tta6bl4").code != 0, "no process left");
    }

    /** The unit's ExecStart, as its User with its AmbientCapabilities and NoNewPrivileges. */
    private static Duration startNode() throws Exception {
        List<String> unit = Files.readAllLines(UNIT);
        String exec = value(unit, "ExecStart");
        String user = value(unit, "User");
        String caps = Stream.of(value(unit, "AmbientCapabilities").split("\\s+"))
                .map(c -> "+" + c.toLowerCase().replace("cap_", "")).collect(Collectors.joining(","));
        List<String> cmd = new ArrayList<>(List.of("setpriv", "--reuid=" + user, "--regid=" + value(unit, "Group"),
                "--init-groups", "--inh-caps=-all," + caps, "--ambient-caps=-all," + caps,
                "--bounding-set=-all," + caps, "--no-new-privs", "--reset-env", "--"));
        cmd.addAll(List.of(exec.split("\\s+")));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(new java.io.File("/"))
                .redirectErrorStream(true).redirectOutput(Paths.get("target", "node-console.log").toFile());
        long t0 = System.nanoTime();
        node = pb.start();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = t0 + BOOT.toNanos();
        while (true) {
            assertTrue(node.isAlive(), "the node exited with " + (node.isAlive() ? "" : node.exitValue())
                    + "; see target/node-console.log and " + LOGS.resolve("karaf.log"));
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(ready))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return Duration.ofNanos(System.nanoTime() - t0);
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            assertTrue(System.nanoTime() < deadline, "/ready did not answer 200 within " + BOOT.toSeconds() + " s");
            Thread.sleep(250); // poll interval of the wait for /ready above, bounded by its deadline
        }
    }

    /** SIGTERM to Karaf's JVM, as systemd sends: it must exit by itself within TimeoutStopSec. */
    private static void stopNode() throws Exception {
        if (node == null) {
            return;
        }
        String pid = pid();
        if (!pid.isEmpty()) {
            run("kill", "-TERM", pid);
        }
        boolean exited = node.waitFor(60, TimeUnit.SECONDS);
        if (!exited) {
            node.destroyForcibly();
        }
        node = null;
        assertTrue(exited, "Karaf stopped within 60 s of SIGTERM");
        assertTrue(run("pgrep", "-u", PKG).code != 0, "no process of the user is left");
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void setPort(String file, String key, int port) throws IOException {
        Path p = ETC.resolve(file);
        String before = Files.readString(p);
        String after = before.replaceAll("(?m)^" + java.util.regex.Pattern.quote(key) + "\\s*=.*$", key + " = " + port);
        assertFalse(before.equals(after), key + " in " + p);
        Files.writeString(p, after);
    }

    private static String pid() throws Exception {
        return run("pgrep", "-u", PKG, "-f", "org.apache.karaf.main.Main").out.trim();
    }

    private static List<String> stateFiles() throws IOException {
        try (Stream<Path> s = Files.walk(STATE)) {
            return s.filter(p -> p.toString().endsWith(".mv.db") || p.toString().endsWith(".json"))
                    .map(p -> {
                        try {
                            return STATE.relativize(p) + " " + Files.size(p);
                        } catch (IOException e) {
                            return STATE.relativize(p) + " ?";
                        }
                    }).sorted().collect(Collectors.toList());
        }
    }

    /** The same package as a newer version, rebuilt with dpkg-deb as a later release would be. */
    private static Path newerPackage() throws Exception {
        Path dir = Files.createTempDirectory(Paths.get("target"), "newer");
        run("dpkg-deb", "-R", DEB.toString(), dir.toString()).ok();
        Path control = dir.resolve("DEBIAN/control");
        String version = field("Version");
        Files.writeString(control, Files.readString(control).replace("Version: " + version, "Version: " + version + ".1"));
        Path newer = Paths.get("target", "x0tta6bl4-newer.deb");
        run("dpkg-deb", "--root-owner-group", "-b", dir.toString(), newer.toString()).ok();
        run("rm", "-rf", dir.toString()).ok();
        return newer;
    }

    private static List<String> contents() throws Exception {
        return run("sh", "-c", "dpkg-deb --fsys-tarfile '" + DEB + "' | tar -tf -").ok().out.lines()
                .collect(Collectors.toList());
    }

    private static String field(String name) throws Exception {
        return run("dpkg-deb", "-f", DEB.toString(), name).ok().out.trim();
    }

    private static String value(List<String> unit, String key) {
        return unit.stream().filter(l -> l.startsWith(key + "=")).map(l -> l.substring(key.length() + 1).trim())
                .findFirst().orElseThrow(() -> new AssertionError("the unit has no " + key));
    }

    private static Result run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", cmd) + " did not finish in 300 s");
        }
        return new Result(String.join(" ", cmd), p.exitValue(), out);
    }

    private static final class Result {
        final String cmd;
        final int code;
        final String out;

        Result(String cmd, int code, String out) {
            this.cmd = cmd;
            this.code = code;
            this.out = out;
        }

        Result ok() {
            assertEquals(0, code, cmd + ":\n" + out);
            return this;
        }
    }
}
