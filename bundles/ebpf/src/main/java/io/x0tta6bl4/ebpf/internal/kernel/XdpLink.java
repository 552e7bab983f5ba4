package io.x0tta6bl4.ebpf.internal.kernel;

/** An XDP attachment held by a BPF link fd: closing it detaches the program. */
public final class XdpLink implements AutoCloseable {

    public enum Mode { NATIVE, GENERIC }

    private final Libbpf lib;
    private final String label;
    private final String ifname;
    private final int ifindex;
    private final Mode mode;
    private int fd;

    XdpLink(Libbpf lib, String label, String ifname, int ifindex, int fd, Mode mode) {
        this.lib = lib;
        this.label = label;
        this.ifname = ifname;
        this.ifindex = ifindex;
        this.fd = fd;
        this.mode = mode;
    }

    /** The interface as configured: {@code ifname} or {@code netns/ifname}. */
    public String label() {
        return label;
    }

    public String ifname() {
        return ifname;
    }

    public int ifindex() {
        return ifindex;
    }

    public Mode mode() {
        return mode;
    }

    public synchronized boolean open() {
        return fd >= 0;
    }

    /** Detaches; idempotent. */
    @Override
    public synchronized void close() {
        if (fd >= 0) {
            lib.libc.close(fd);
            fd = -1;
        }
    }
}
