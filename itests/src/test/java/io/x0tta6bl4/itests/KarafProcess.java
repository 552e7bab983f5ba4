package io.x0tta6bl4.itests;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The built distribution unpacked into a folder of its own and run as a separate process with
 * {@code bin/start}, {@code bin/client} and {@code bin/stop}, on free ports, with a karaf user for
 * the client. Every Karaf process it saw is remembered so that {@link #destroy()} can kill what is left.
 */
final class KarafProcess {

    static final String USER = "karaf";
    private static final Duration SCRIPT_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(30);

    private final Path home;
    private final String javaHome;
    private final int sshPort;
    private final Set<Long> pids = new LinkedHashSet<>();
    private int scriptRuns;

    private KarafProcess(Path home, int sshPort) {
        this.home = home;
        this.sshPort = sshPort;
        this.javaHome = System.getProperty("java.home");
    }

    /** Unpacks {@code distribution} (a tar.gz with one top folder) into {@code home}, which must not exist yet. */
    static KarafProcess unpack(Path distribution, Path home) throws IOException, InterruptedException {
        if (!Files.isRegularFile(distribution)) {
            throw new IllegalStateException("distribution " + distribution + " is missing: build karaf-dist first");
        }
        Files.createDirectories(home);
        home = home.toRealPath();
        run(new ProcessBuilder("tar", "-xzf", distribution.toString(), "-C", home.toString(), "--strip-components=1"),
                home.resolve("unpack.log"), SCRIPT_TIMEOUT);
        // the SSH console is the only listener to move: the distribution boots no JMX over RMI
        int ssh = freePort();
        setProperty(home.resolve("etc/org.apache.karaf.shell.cfg"), "sshPort", String.valueOf(ssh));
        Files.writeString(home.resolve("etc/users.properties"), "\n" + USER + " = " + USER + ",_g_:admingroup\n"
                + "_g_\\:admingroup = group,admin,manager,viewer,systembundles,ssh\n",
                StandardCharsets.ISO_8859_1, StandardOpenOption.APPEND);
        return new KarafProcess(home, ssh);
    }

    Path home() {
        return home;
    }

    int sshPort() {
        return sshPort;
    }

    /** Runs {@code bin/start}, which returns as soon as Karaf is launched in the background. */
    void start() throws IOException, InterruptedException {
        script("start");
    }

    /** Runs {@code bin/stop}; {@link #awaitExit} waits for the process to be gone. */
    void stop() throws IOException, InterruptedException {
        script("stop");
    }

    /** The pid Karaf wrote for its current run, if that process is alive; remembered for {@link #destroy()}. */
    Optional<Long> alivePid() {
        Path file = home.resolve("karaf.pid");
        try {
            if (!Files.isRegularFile(file)) {
                return Optional.empty();
            }
            long pid = Long.parseLong(Files.readString(file).trim());
            Optional<ProcessHandle> handle = ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .filter(h -> h.info().commandLine().map(c -> c.contains(home.toString())).orElse(true));
            handle.ifPresent(h -> pids.add(pid));
            return handle.map(ProcessHandle::pid);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Waits until the Karaf process {@code pid} has exited. */
    Duration awaitExit(long pid, Duration timeout) {
        return Await.until("Karaf process " + pid + " to exit", timeout,
                () -> ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true));
    }

    /** What one {@code bin/client} run printed (stdout and stderr) and its exit code. */
    record ClientRun(int exit, String out) {
    }

    /** Runs one command through {@code bin/client} in batch mode; the output has stdout and stderr. */
    String client(String command) {
        return client(USER, USER, command).out();
    }

    /** Runs one command through {@code bin/client} in batch mode as {@code user}. */
    ClientRun client(String user, String password, String command) {
        return client(user, password, command, true);
    }

    /**
     * Runs one command through {@code bin/client} as {@code user}: in batch mode ({@code -b}, the
     * command on stdin) or as the client's argument ({@code bin/client "<command>"}, stdin kept
     * open as a terminal's is: at end of input Karaf's client closes the session early).
     */
    ClientRun client(String user, String password, String command, boolean batch) {
        Path out = home.resolve("client.out");
        try {
            List<String> args = new ArrayList<>(List.of(home.resolve("bin/client").toString(), "-a",
                    String.valueOf(sshPort), "-u", user, "-p", password));
            args.add(batch ? "-b" : command);
            ProcessBuilder pb = new ProcessBuilder(args)
                    .directory(home.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(out.toFile());
            pb.environment().put("JAVA_HOME", javaHome);
            Process p = pb.start();
            OutputStream in = p.getOutputStream();
            try {
                if (batch) {
                    in.write((command + "\n").getBytes(StandardCharsets.UTF_8));
                    in.close();
                }
            } catch (IOException e) {
                // the client exited before reading its input (Karaf not up yet); its output says why
            }
            try {
                if (!p.waitFor(CLIENT_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                    p.descendants().forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly();
                    return new ClientRun(-1, "client timed out after " + CLIENT_TIMEOUT.toSeconds() + " s: "
                            + Files.readString(out));
                }
            } finally {
                closeQuietly(in);
            }
            return new ClientRun(p.exitValue(), Files.readString(out));
        } catch (IOException e) {
            return new ClientRun(-1, "client failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static void closeQuietly(OutputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            // the client has exited; nothing reads its input any more
        }
    }

    /** Stops Karaf if it runs and kills every Karaf process of this folder still alive. */
    void destroy() {
        try {
            Optional<Long> pid = alivePid();
            if (pid.isPresent()) {
                stop();
                try {
                    awaitExit(pid.get(), Duration.ofSeconds(30));
                } catch (AssertionError e) {
                    System.out.println("Karaf did not stop within 30 s, killing it: " + e.getMessage());
                }
            }
        } catch (IOException | RuntimeException e) {
            System.out.println("bin/stop failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            for (long pid : pids) {
                ProcessHandle.of(pid).filter(ProcessHandle::isAlive).ifPresent(h -> {
                    System.out.println("killing leftover Karaf process " + pid);
                    h.descendants().forEach(ProcessHandle::destroyForcibly);
                    h.destroyForcibly();
                });
            }
        }
    }

    private void script(String name) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/" + name).toString()).directory(home.toFile());
        pb.environment().put("JAVA_HOME", javaHome);
        run(pb, home.resolve(name + "-" + (++scriptRuns) + ".log"), SCRIPT_TIMEOUT);
    }

    /** Runs a process to its end with its output in {@code log} (never a pipe a background child could hold open). */
    private static void run(ProcessBuilder pb, Path log, Duration timeout) throws IOException, InterruptedException {
        Process p = pb.redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(pb.command() + " did not finish within " + timeout.toSeconds() + " s: "
                    + Files.readString(log));
        }
        if (p.exitValue() != 0) {
            throw new AssertionError(pb.command() + " exited with " + p.exitValue() + ": " + Files.readString(log));
        }
    }

    private static int freePort() {
        return FreePorts.next();
    }

    /** Sets {@code key = value} in a cfg file, replacing the key's line (before the distribution starts). */
    static void setProperty(Path cfg, String key, String value) throws IOException {
        String text = Files.readString(cfg, StandardCharsets.ISO_8859_1);
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(key) + "\\s*=.*$").matcher(text);
        if (!m.find()) {
            throw new IllegalStateException(cfg + " has no " + key + " line");
        }
        String replaced = m.replaceFirst(Matcher.quoteReplacement(key + " = " + value));
        Files.writeString(cfg, replaced, StandardCharsets.ISO_8859_1);
    }
}
