package io.x0tta6bl4.ebpf.internal.validate;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Compiles a test resource of C with clang for BPF, as native/build.sh does; says why not when it cannot. */
final class Clang {

    /** The object, or null with {@code why} saying why there is none. */
    record Compiled(byte[] elf, String why) {
    }

    private Clang() {
    }

    static Compiled compile(String resource) throws InterruptedException {
        try {
            Path dir = Files.createTempDirectory("bpf-test");
            try {
                Path src = dir.resolve("program.c");
                try (InputStream in = Clang.class.getResourceAsStream(resource)) {
                    Files.copy(in, src);
                }
                Path obj = dir.resolve("program.o");
                Process uname = new ProcessBuilder("uname", "-m").start();
                String machine = new String(uname.getInputStream().readAllBytes()).trim();
                Process clang = new ProcessBuilder("clang", "-O2", "-g", "-target", "bpf",
                        "-I/usr/include/" + machine + "-linux-gnu", "-c", src.toString(), "-o", obj.toString())
                        .redirectErrorStream(true).start();
                String out = new String(clang.getInputStream().readAllBytes());
                if (!clang.waitFor(60, TimeUnit.SECONDS) || clang.exitValue() != 0) {
                    return new Compiled(null, "clang failed on " + resource + ": " + out);
                }
                return new Compiled(Files.readAllBytes(obj), null);
            } finally {
                try (var files = Files.list(dir)) {
                    for (Path f : files.toList()) {
                        Files.delete(f);
                    }
                }
                Files.delete(dir);
            }
        } catch (IOException e) {
            return new Compiled(null, "no clang to compile " + resource + ": " + e.getMessage());
        }
    }
}
