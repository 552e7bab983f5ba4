package io.x0tta6bl4.ebpf.internal.kernel;

import com.sun.jna.Native;

/**
 * Access to libbpf ({@code libbpf.so.1}) and libc through JNA. {@link #load()} never throws:
 * when libbpf or JNA's native part is missing it returns an instance that says why, so the
 * bundle degrades instead of failing.
 */
public final class Libbpf {

    public static final String LIBRARY = "libbpf.so.1";

    final LibbpfNative bpf;
    final LibcNative libc;
    private final String unavailable;

    private Libbpf(LibbpfNative bpf, LibcNative libc, String unavailable) {
        this.bpf = bpf;
        this.libc = libc;
        this.unavailable = unavailable;
    }

    public static Libbpf load() {
        return load(System.getProperty("x0tta6bl4.ebpf.libbpf", LIBRARY));
    }

    /** Loads the named libbpf (a file name such as {@code libbpf.so.1}, or a path). */
    public static Libbpf load(String library) {
        try {
            LibcNative libc = Native.load("c", LibcNative.class);
            LibbpfNative bpf = Native.load(library, LibbpfNative.class);
            if (!Boolean.getBoolean("x0tta6bl4.ebpf.libbpfLog")) {
                bpf.libbpf_set_print(null);
            }
            return new Libbpf(bpf, libc, null);
        } catch (LinkageError | RuntimeException e) {
            return new Libbpf(null, null, "cannot load " + library + " through JNA (" + e.getMessage()
                    + "); install the Debian package libbpf1");
        }
    }

    /** An instance for before libbpf was looked for: not available. */
    public static Libbpf unloaded() {
        return new Libbpf(null, null, "libbpf has not been loaded yet");
    }

    public boolean available() {
        return unavailable == null;
    }

    /** Why libbpf cannot be used, or null when it can. */
    public String unavailableReason() {
        return unavailable;
    }

    int possibleCpus() {
        int n = bpf.libbpf_num_possible_cpus();
        return n > 0 ? n : Runtime.getRuntime().availableProcessors();
    }

    String strerror(int errno) {
        int e = Math.abs(errno);
        String s = libc.strerror(e);
        return (s == null ? "errno " + e : s) + " (errno " + e + ")";
    }

    /** Throws when a libbpf int result is negative. */
    int check(int rc, String what) throws BpfException {
        if (rc < 0) {
            throw new BpfException(what + " failed: " + strerror(rc), -rc);
        }
        return rc;
    }
}
