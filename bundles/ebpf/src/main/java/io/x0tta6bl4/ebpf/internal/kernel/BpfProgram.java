package io.x0tta6bl4.ebpf.internal.kernel;

import com.sun.jna.Memory;

/** A program of a loaded object. */
public final class BpfProgram {

    private static final int BPF_XDP = 37;
    private static final int XDP_FLAGS_SKB_MODE = 1 << 1;
    private static final int XDP_FLAGS_DRV_MODE = 1 << 2;
    /** sizeof(struct bpf_link_create_opts) in libbpf 1.x on 64-bit. */
    private static final int LINK_CREATE_OPTS_SIZE = 64;
    /** sizeof(struct bpf_test_run_opts) on 64-bit. */
    private static final int TEST_RUN_OPTS_SIZE = 80;

    private final Libbpf lib;
    private final String name;
    private final String section;
    private final int fd;
    private final long instructions;

    BpfProgram(Libbpf lib, String name, String section, int fd, long instructions) {
        this.lib = lib;
        this.name = name;
        this.section = section;
        this.fd = fd;
        this.instructions = instructions;
    }

    public String name() {
        return name;
    }

    public String section() {
        return section;
    }

    public int fd() {
        return fd;
    }

    public long instructions() {
        return instructions;
    }

    /**
     * Attaches as XDP to an interface of the calling thread's network namespace through a
     * BPF link: native (driver) mode first, generic (skb) mode when the driver cannot.
     * Closing the link detaches; so does the process dying.
     *
     * @throws BpfException when the interface does not exist or neither mode attaches
     */
    public XdpLink attachXdp(String ifname, String label) throws BpfException {
        int ifindex = lib.libc.if_nametoindex(ifname);
        if (ifindex <= 0) {
            throw new BpfException("no interface '" + ifname + "'", 19);
        }
        int fdNative = lib.bpf.bpf_link_create(fd, ifindex, BPF_XDP, opts(XDP_FLAGS_DRV_MODE));
        if (fdNative >= 0) {
            return new XdpLink(lib, label, ifname, ifindex, fdNative, XdpLink.Mode.NATIVE);
        }
        int fdGeneric = lib.bpf.bpf_link_create(fd, ifindex, BPF_XDP, opts(XDP_FLAGS_SKB_MODE));
        if (fdGeneric >= 0) {
            return new XdpLink(lib, label, ifname, ifindex, fdGeneric, XdpLink.Mode.GENERIC);
        }
        throw new BpfException("attaching " + name + " to " + label + " failed: native mode: "
                + lib.strerror(fdNative) + ", generic mode: " + lib.strerror(fdGeneric), -fdGeneric);
    }

    private static Memory opts(int flags) {
        Memory m = new Memory(LINK_CREATE_OPTS_SIZE);
        m.clear();
        m.setLong(0, LINK_CREATE_OPTS_SIZE);
        m.setInt(8, flags);
        return m;
    }

    /** Runs the program on one packet {@code repeat} times in the kernel (BPF_PROG_TEST_RUN). */
    public TestRun testRun(byte[] packet, int repeat) throws BpfException {
        Memory data = new Memory(Math.max(packet.length, 1));
        data.write(0, packet, 0, packet.length);
        Memory opts = new Memory(TEST_RUN_OPTS_SIZE);
        opts.clear();
        opts.setLong(0, TEST_RUN_OPTS_SIZE);
        opts.setPointer(8, data);
        opts.setInt(24, packet.length);
        opts.setInt(60, repeat);
        lib.check(lib.bpf.bpf_prog_test_run_opts(fd, opts), "test run of " + name);
        return new TestRun(opts.getInt(56), opts.getInt(64) & 0xffffffffL, repeat);
    }
}
