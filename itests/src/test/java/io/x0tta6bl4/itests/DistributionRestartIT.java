package io.x0tta6bl4.itests;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * Healing incidents survive a restart of the whole distribution. Pax Exam cannot restart its
 * container, so this test unpacks the built distribution itself, runs it with {@code bin/start},
 * drives it through {@code bin/client}, stops it with {@code bin/stop} and starts it again.
 */
public class DistributionRestartIT {

    private static final Duration BOOT_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String VICTIM = "sim-07";
    /** A table cell separator: the client prints ASCII or box-drawing bars depending on the terminal. */
    private static final String BAR = "\\s*[|\u2502]\\s*";
    private static final Pattern NODES_UP = Pattern.compile("Nodes up" + BAR + (PlatformTestSupport.SIM_SIZE) + "\\b");
    private static final Pattern VICTIM_INCIDENT = Pattern.compile(
            "(?m)^(inc-\\d+)" + BAR + "(\\w+)" + BAR + "NODE_DOWN" + BAR + Pattern.quote(VICTIM) + BAR);
    private static final Pattern STATS = Pattern.compile("incidents (\\d+) \\(open (\\d+), resolved (\\d+)\\)");
    private static final Pattern MTTR = Pattern.compile("(?m)^MTTR\\s+(\\d+ ms|\\d+m\\d+s|\\d+h\\d+m)\\s*$");

    private KarafProcess karaf;

    @Before
    public void unpack() throws Exception {
        String dist = System.getProperty("x0tta6bl4.dist");
        if (dist == null || dist.isBlank()) {
            throw new IllegalStateException("system property x0tta6bl4.dist is not set (failsafe sets it)");
        }
        Path home = Paths.get("target", "restart-" + System.currentTimeMillis());
        karaf = KarafProcess.unpack(Paths.get(dist), home);
        System.out.println("Karaf in " + karaf.home() + ", ssh port " + karaf.sshPort());
    }

    @After
    public void stopAndKill() {
        if (karaf != null) {
            karaf.destroy();
        }
    }

    @Test
    public void aResolvedIncidentSurvivesARestartOfTheDistribution() throws Exception {
        long t0 = System.nanoTime();
        karaf.start();
        awaitShell("first boot");
        Duration boot = Duration.ofNanos(System.nanoTime() - t0);
        long firstPid = karaf.alivePid().orElseThrow(() -> new AssertionError("no live Karaf pid after boot"));
        long tc = System.nanoTime();
        ok(karaf.client("mesh:stats"));
        Duration clientCall = Duration.ofNanos(System.nanoTime() - tc);

        ok(karaf.client("config:property-set -p io.x0tta6bl4.topology node.timeout.ms 1500"));
        long t1 = System.nanoTime();
        assertTrue(ok(karaf.client("sim:fail-node " + VICTIM)).contains(VICTIM + " failed"));
        String[] seen = {""};
        String[] id = {null};
        Await.until("a NODE_DOWN incident about " + VICTIM, WAIT, () -> {
            seen[0] = karaf.client("heal:incidents");
            Matcher m = VICTIM_INCIDENT.matcher(seen[0]);
            if (m.find()) {
                id[0] = m.group(1);
                return true;
            }
            return false;
        }, () -> seen[0]);
        Duration failToIncident = Duration.ofNanos(System.nanoTime() - t1);

        long t2 = System.nanoTime();
        assertTrue(ok(karaf.client("sim:recover " + VICTIM)).contains(VICTIM + " recovered"));
        String header = id[0] + "  NODE_DOWN " + VICTIM + "  RESOLVED";
        Await.until(id[0] + " RESOLVED", WAIT,
                () -> (seen[0] = karaf.client("heal:incident " + id[0])).contains(header), () -> seen[0]);
        Duration recoverToResolved = Duration.ofNanos(System.nanoTime() - t2);
        String before = seen[0];
        String resolvedLine = line(before, "resolved ");
        String detectedLine = line(before, "detected ");

        long t3 = System.nanoTime();
        karaf.stop();
        karaf.awaitExit(firstPid, STOP_TIMEOUT);
        Duration stop = Duration.ofNanos(System.nanoTime() - t3);

        long t4 = System.nanoTime();
        karaf.start();
        awaitShell("restart");
        long secondPid = karaf.alivePid().orElseThrow(() -> new AssertionError("no live Karaf pid after the restart"));
        assertTrue("a new Karaf process", secondPid != firstPid);
        Duration restart = Duration.ofNanos(System.nanoTime() - t4);

        Await.until(id[0] + " still RESOLVED after the restart", WAIT,
                () -> (seen[0] = karaf.client("heal:incident " + id[0])).contains(header), () -> seen[0]);
        String after = seen[0];
        assertTrue(after, after.contains(detectedLine) && after.contains(resolvedLine));
        String listed = karaf.client("heal:incidents");
        Matcher row = VICTIM_INCIDENT.matcher(listed);
        assertTrue(listed, row.find() && row.group(1).equals(id[0]) && row.group(2).equals("RESOLVED"));
        String stats = ok(karaf.client("heal:stats"));
        Matcher s = STATS.matcher(stats);
        assertTrue(stats, s.find() && Integer.parseInt(s.group(3)) >= 1);
        assertTrue("an MTTR: " + stats, MTTR.matcher(stats).find());

        // every wait polls through bin/client, a JVM of its own, so its cost is part of the times
        System.out.printf("one bin/client call %d ms; boot %d ms, fail-node to incident %d ms, recover to RESOLVED"
                + " %d ms, stop %d ms, restart to shell %d ms; incident %s: %s; %s%n", clientCall.toMillis(),
                boot.toMillis(), failToIncident.toMillis(), recoverToResolved.toMillis(), stop.toMillis(),
                restart.toMillis(), id[0], resolvedLine, line(stats, "MTTR"));
    }

    /** Waits until the shell answers with the whole simulated mesh up and the healing loop has its actions. */
    /**
     * bin/start runs the JVM of bin/setenv, and without Karaf's --patch-module of java.base, which
     * would switch class-data sharing off (karaf-dist/README.md): the flags the running JVM reports.
     */
    @Test
    public void theNodeRunsTheSmallBoxJvmWithClassDataSharing() throws Exception {
        karaf.start();
        awaitShell("boot");
        long pid = karaf.alivePid().orElseThrow(() -> new AssertionError("no live Karaf pid after boot"));
        String commandLine = ProcessHandle.of(pid).flatMap(h -> h.info().commandLine()).orElse("");
        assertTrue(commandLine, commandLine.contains("-Xmx512m") && commandLine.contains("-XX:+UseSerialGC")
                && commandLine.contains("-XX:TieredStopAtLevel=1"));
        assertFalse(commandLine, commandLine.contains("--patch-module"));
        Process jcmd = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "jcmd").toString(),
                String.valueOf(pid), "VM.flags", "-all").redirectErrorStream(true).start();
        String flags = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue("jcmd did not finish", jcmd.waitFor(60, TimeUnit.SECONDS));
        assertTrue(flags, Pattern.compile("\\bUseSharedSpaces\\s*=\\s*true\\b").matcher(flags).find());
        System.out.println("Karaf " + pid + ": serial collector, client compiler, -Xmx512m, class-data sharing on");
    }

    private void awaitShell(String what) {
        String[] seen = {""};
        Await.until(what + ": mesh:stats with " + PlatformTestSupport.SIM_SIZE + " nodes up", BOOT_TIMEOUT,
                () -> NODES_UP.matcher(seen[0] = karaf.client("mesh:stats")).find(), () -> seen[0]);
        Await.until(what + ": the healing loop running", WAIT,
                () -> (seen[0] = karaf.client("heal:actions")).contains("notify"), () -> seen[0]);
    }

    private static String ok(String output) {
        if (output.contains("Error") || output.contains("client timed out") || output.contains("client failed")) {
            throw new AssertionError("command failed: " + output);
        }
        return output;
    }

    private static String line(String text, String prefix) {
        return text.lines().filter(l -> l.startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no line starting with '" + prefix + "' in:\n" + text));
    }
}
