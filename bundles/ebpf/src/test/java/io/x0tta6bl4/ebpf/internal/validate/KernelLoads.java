package io.x0tta6bl4.ebpf.internal.validate;

import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

import io.x0tta6bl4.ebpf.internal.kernel.BpfException;
import io.x0tta6bl4.ebpf.internal.kernel.BpfObject;
import io.x0tta6bl4.ebpf.internal.kernel.Libbpf;

/**
 * Loads object files through libbpf into the kernel, one after the other, never attaching
 * them and closing each, and prints one line per file as soon as it is done:
 * {@code index TAB LOADS|NO_PROGRAM|REFUSES TAB errno TAB base64(message) TAB base64(log tail) TAB open fds},
 * then {@code fds TAB before TAB after}. Run in a child JVM by {@link DifferentialTest}, so
 * a crash of libbpf on a crafted object ends only this process, and the parent knows at
 * which file.
 * <p>
 * Usage: {@code KernelLoads <dir> <first index> <count>}, files {@code <dir>/<index>.o}, and
 * {@code <dir>/warm-up.o}, an object that loads, loaded first.
 */
public final class KernelLoads {

    /** Lines of the verifier log kept (its end, where the verdict is). */
    static final int LOG_TAIL = 12;

    private KernelLoads() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int first = Integer.parseInt(args[1]);
        int count = Integer.parseInt(args[2]);
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        Libbpf lib = Libbpf.load();
        if (!lib.available()) {
            out.println("unavailable\t" + b64(lib.unavailableReason()));
            return;
        }
        // a first load opens what libbpf and the JVM open once, so that only leaks count
        try (BpfObject o = BpfObject.load(lib, "warm-up", Files.readAllBytes(dir.resolve("warm-up.o")))) {
            o.programs();
        }
        int before = fds();
        for (int i = first; i < first + count; i++) {
            byte[] elf = Files.readAllBytes(dir.resolve(i + ".o"));
            String verdict;
            int errno = 0;
            String message = "";
            String log = "";
            try (BpfObject o = BpfObject.load(lib, "mutant" + i, elf)) {
                verdict = o.programs().isEmpty() ? "NO_PROGRAM" : "LOADS";
            } catch (BpfException e) {
                verdict = "REFUSES";
                errno = e.errno();
                message = e.getMessage();
                if (e.verifierLog() != null) {
                    List<String> lines = e.verifierLog().lines().filter(l -> !l.isBlank()).toList();
                    log = String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL), lines.size()));
                }
            }
            out.println(i + "\t" + verdict + "\t" + errno + "\t" + b64(message) + "\t" + b64(log) + "\t" + fds());
        }
        out.println("fds\t" + before + "\t" + fds());
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    static int fds() {
        String[] list = new File("/proc/self/fd").list();
        return list == null ? -1 : list.length;
    }
}
