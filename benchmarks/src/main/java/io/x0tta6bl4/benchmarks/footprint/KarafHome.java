package io.x0tta6bl4.benchmarks.footprint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One unpacked Karaf distribution (vanilla or ours) run as {@code bin/karaf server} with its own
 * free SSH, RMI and HTTP ports and a console user, and the figures read from its JVM: resident
 * memory from {@code /proc}, the heap after a full collection through {@code jcmd} and {@code jstat}.
 */
final class KarafHome {

    static final String USER = "bench";

    private final String label;
    private final Path home;
    private final int sshPort;
    private final int httpPort;
    private Process launcher;
    private long startNanos;

    private KarafHome(String label, Path home, int sshPort, int httpPort) {
        this.label = label;
        this.home = home;
        this.sshPort = sshPort;
        this.httpPort = httpPort;
    }

    /** Unpacks {@code tarball} (one top folder) into a new folder {@code home} and gives it free ports. */
    static KarafHome unpack(String label, Path tarball, Path home) throws IOException, InterruptedException {
        Files.createDirectories(home);
        exec(List.of("tar", "-xzf", tarball.toString(), "-C", home.toString(), "--strip-components=1"));
        KarafHome karaf = new KarafHome(label, home.toRealPath(), freePort(), freePort());
        Path management = karaf.etc("org.apache.karaf.management.cfg");
        karaf.setProperty(karaf.etc("org.apache.karaf.shell.cfg"), "sshPort", String.valueOf(karaf.sshPort));
        if (Files.isRegularFile(management)) { // vanilla's JMX; ours boots none
            karaf.setProperty(management, "rmiRegistryPort", String.valueOf(freePort()));
            karaf.setProperty(management, "rmiServerPort", String.valueOf(freePort()));
        }
        Path web = karaf.etc("org.ops4j.pax.web.cfg");
        if (Files.isRegularFile(web)) {
            karaf.setProperty(web, "org.osgi.service.http.port", String.valueOf(karaf.httpPort));
        }
        Files.writeString(karaf.etc("users.properties"), "\n" + USER + " = " + USER + ",_g_:admingroup\n"
                + "_g_\\:admingroup = group,admin,manager,viewer,systembundles,ssh\n",
                StandardCharsets.ISO_8859_1, StandardOpenOption.APPEND);
        return karaf;
    }

    String label() {
        return label;
    }

    Path home() {
        return home;
    }

    int sshPort() {
        return sshPort;
    }

    int httpPort() {
        return httpPort;
    }

    Path etc(String file) {
        return home.resolve("etc").resolve(file);
    }

    /** Replaces {@code key}'s line in a .cfg or .properties file, or appends it. */
    void setProperty(Path file, String key, String value) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.ISO_8859_1));
        boolean found = false;
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i).trim();
            if (l.startsWith(key + " ") || l.startsWith(key + "=")) {
                lines.set(i, key + " = " + value);
                found = true;
            }
        }
        if (!found) {
            lines.add(key + " = " + value);
        }
        Files.write(file, lines, StandardCharsets.ISO_8859_1);
    }

    /**
     * Starts {@code bin/karaf server} with the given JVM, and {@code extraJavaOpts} (when not empty) as
     * {@code EXTRA_JAVA_OPTS}, which {@code bin/karaf} appends to the distribution's own options; the
     * clock of {@link #elapsedSeconds()} starts here.
     */
    void start(Path javaHome, String extraJavaOpts) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/karaf").toString(), "server")
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("server.out").toFile()));
        pb.environment().put("JAVA_HOME", javaHome.toString());
        if (!extraJavaOpts.isBlank()) {
            pb.environment().put("EXTRA_JAVA_OPTS", extraJavaOpts);
        }
        startNanos = System.nanoTime();
        launcher = pb.start();
    }

    double elapsedSeconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    boolean alive() {
        return launcher != null && launcher.isAlive();
    }

    /** The JVM {@code bin/karaf} started (the script stays its parent). */
    ProcessHandle jvm() {
        Optional<ProcessHandle> java = launcher.descendants()
                .filter(h -> h.info().command().map(c -> c.endsWith("/java")).orElse(false))
                .findFirst();
        return java.orElseThrow(() -> new IllegalStateException(label + ": no Java process under bin/karaf"));
    }

    /** Resident set size of the JVM, MiB. */
    double residentMiB() throws IOException {
        try (Stream<String> lines = Files.lines(Path.of("/proc", String.valueOf(jvm().pid()), "status"))) {
            String rss = lines.filter(l -> l.startsWith("VmRSS:")).findFirst()
                    .orElseThrow(() -> new IOException("no VmRSS in /proc status"));
            return Long.parseLong(rss.replaceAll("\\D", "")) / 1024.0;
        }
    }

    /** Heap in use after a full collection ({@code jcmd GC.run}, then {@code jstat -gc}), MiB, and metaspace. */
    HeapFigures heapAfterFullGc(Path javaHome) throws IOException, InterruptedException {
        String pid = String.valueOf(jvm().pid());
        exec(List.of(javaHome.resolve("bin/jcmd").toString(), pid, "GC.run"));
        String[] out = exec(List.of(javaHome.resolve("bin/jstat").toString(), "-gc", pid)).trim().split("\n");
        String[] names = out[0].trim().split("\\s+");
        String[] values = out[out.length - 1].trim().split("\\s+");
        double heapKiB = 0;
        double metaKiB = 0;
        for (int i = 0; i < names.length && i < values.length; i++) {
            switch (names[i]) {
                case "S0U", "S1U", "EU", "OU" -> heapKiB += Double.parseDouble(values[i]);
                case "MU" -> metaKiB = Double.parseDouble(values[i]);
                default -> { }
            }
        }
        return new HeapFigures(heapKiB / 1024, metaKiB / 1024);
    }

    record HeapFigures(double heapMiB, double metaspaceMiB) {
    }

    /** SIGTERM to the JVM, as systemd stops the unit; waits for it, kills it after 60 s. */
    void stop() throws InterruptedException {
        if (!alive()) {
            return;
        }
        ProcessHandle java = jvm();
        java.destroy();
        if (!launcher.waitFor(60, TimeUnit.SECONDS)) {
            System.out.println(label + ": did not stop within 60 s after SIGTERM, killed");
            java.destroyForcibly();
            launcher.destroyForcibly();
            launcher.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Runs a command to its end and gives its output; a non-zero exit is an error naming it. */
    static String exec(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + out.strip());
        }
        return out;
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
