package io.x0tta6bl4.meshlab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One user-mode-linux kernel (Debian's {@code linux.uml}, which ships batman-adv) running
 * {@code src/test/lab/uml-init.sh} over the host's read-only root, with the lab folder
 * writable at {@code /mnt} and a tap device that joins its management bridge. Shell commands
 * reach the kernel through files in {@code ctl/} (the init script runs them as root in the
 * UML's root namespace). {@link #close()} stops the kernel, kills whatever is left of it and
 * removes the tap device, also after a failure.
 */
final class Uml implements AutoCloseable {

    static final Path BINARY = Path.of("/usr/bin/linux.uml");
    static final Path MODULES = Path.of("/usr/lib/uml/modules");
    static final String HOST_ADDR = "10.77.0.254";
    static final String UML_ADDR = "10.77.0.1";

    private final Path lab;
    private final Path ctl;
    private final String tap;
    private final AtomicInteger seq = new AtomicInteger();
    private Process process;

    Uml(Path lab, String tap) {
        this.lab = lab;
        this.ctl = lab.resolve("ctl");
        this.tap = tap;
    }

    /** Why the lab cannot run on this machine, or null when it can. */
    static String missing() {
        if (!"root".equals(System.getProperty("user.name"))) {
            return "needs root (user-mode-linux's init runs the lab as root, and the host needs a tap device)";
        }
        if (!Files.isExecutable(BINARY)) {
            return BINARY + " is missing (Debian package user-mode-linux)";
        }
        if (!Files.isDirectory(MODULES)) {
            return MODULES + " is missing (Debian package user-mode-linux)";
        }
        if (!Files.isExecutable(Path.of("/usr/bin/kmod")) && !Files.isExecutable(Path.of("/bin/kmod"))) {
            return "kmod is missing (Debian package kmod), needed for modprobe inside the lab";
        }
        for (String tool : List.of("/usr/sbin/alfred", "/usr/sbin/batadv-vis", "/usr/bin/unshare")) {
            if (!Files.isExecutable(Path.of(tool))) {
                return tool + " is missing (Debian packages alfred and util-linux)";
            }
        }
        if (!Files.isExecutable(Path.of("/usr/bin/python3"))) {
            return "/usr/bin/python3 is missing (Debian package python3): it runs the foreign node's network probes";
        }
        if (!Files.exists(Path.of("/dev/net/tun"))) {
            return "/dev/net/tun is missing: no tap device for the management network";
        }
        return null;
    }

    /** Boots the kernel and waits until its init runs commands. */
    void boot(Path init, long memMb, Duration timeout) throws IOException, InterruptedException {
        Files.createDirectories(ctl);
        Files.createDirectories(lab.resolve("mods/lib"));
        Path modules = lab.resolve("mods/lib/modules");
        if (!Files.exists(modules, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            Files.createSymbolicLink(modules, MODULES);
        }
        // What a killed earlier run left behind: its kernel and its tap device.
        ProcessHandle.allProcesses()
                .filter(h -> h.info().commandLine().map(c -> c.contains("LAB_DIR=" + lab + " ")).orElse(false))
                .forEach(ProcessHandle::destroyForcibly);
        hostQuietly("ip", "link", "del", tap);
        host("ip", "tuntap", "add", "dev", tap, "mode", "tap");
        host("ip", "addr", "add", HOST_ADDR + "/24", "dev", tap);
        host("ip", "link", "set", tap, "up");
        String route = hostOutput("ip", "-o", "route", "get", UML_ADDR);
        if (!route.contains("dev " + tap + " ")) {
            throw new IllegalStateException("the lab's management network " + UML_ADDR + "/24 is routed elsewhere on"
                    + " this host (" + route.trim() + "): remove that route or interface first");
        }
        process = new ProcessBuilder(BINARY.toString(), "mem=" + memMb + "M", "rootfstype=hostfs", "rootflags=/", "ro",
                "init=" + init, "con0=null,fd:1", "con=null", "vec0:transport=tap,ifname=" + tap,
                "LAB_DIR=" + lab, "LAB_MGMT_ADDR=" + UML_ADDR + "/24")
                .redirectErrorStream(true).redirectOutput(lab.resolve("console.log").toFile()).start();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!Files.exists(ctl.resolve("ready"))) {
            if (!process.isAlive() || Files.exists(lab.resolve("lab.failed"))) {
                throw new IllegalStateException("user-mode-linux stopped while booting: " + logs());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("user-mode-linux did not boot within " + timeout + ": " + logs());
            }
            Thread.sleep(100);
        }
    }

    /** Runs a shell script inside the kernel as root and returns its output; fails on a non-zero exit. */
    String sh(String script, Duration timeout) throws IOException, InterruptedException {
        Result r = run(script, timeout);
        if (r.rc() != 0) {
            throw new IllegalStateException("exit " + r.rc() + " from [" + script + "]: " + r.out());
        }
        return r.out();
    }

    record Result(int rc, String out) {
    }

    /** Runs a shell script inside the kernel as root. */
    Result run(String script, Duration timeout) throws IOException, InterruptedException {
        String name = String.format("%05d", seq.incrementAndGet());
        Path tmp = ctl.resolve(name + ".tmp");
        Files.writeString(tmp, script + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, ctl.resolve(name + ".cmd"), StandardCopyOption.ATOMIC_MOVE);
        Path rc = ctl.resolve(name + ".rc");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!Files.exists(rc)) {
            if (process == null || !process.isAlive()) {
                throw new IllegalStateException("user-mode-linux is gone: " + logs());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no answer within " + timeout + " to [" + script + "]");
            }
            Thread.sleep(50);
        }
        return new Result(Integer.parseInt(Files.readString(rc).trim()), Files.readString(ctl.resolve(name + ".out")));
    }

    String logs() {
        StringBuilder b = new StringBuilder();
        for (String f : List.of("lab.failed", "init.log", "console.log")) {
            Path p = lab.resolve(f);
            try {
                if (Files.exists(p)) {
                    String text = Files.readString(p);
                    b.append("\n--- ").append(f).append(" ---\n")
                            .append(text.length() > 4000 ? text.substring(text.length() - 4000) : text);
                }
            } catch (IOException e) {
                b.append("\n--- ").append(f).append(": ").append(e.getMessage());
            }
        }
        return b.toString();
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (process != null) {
            Files.writeString(ctl.resolve("stop"), "stop\n");
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
                all.add(process.toHandle());
                all.forEach(ProcessHandle::destroyForcibly);
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
        hostQuietly("ip", "link", "del", tap);
    }

    private static void host(String... command) throws IOException, InterruptedException {
        hostOutput(command);
    }

    private static String hostOutput(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + ": " + out.trim());
        }
        return out;
    }

    private static void hostQuietly(String... command) {
        try {
            new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start().waitFor(10, TimeUnit.SECONDS);
        } catch (IOException e) {
            // nothing to clean up
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
