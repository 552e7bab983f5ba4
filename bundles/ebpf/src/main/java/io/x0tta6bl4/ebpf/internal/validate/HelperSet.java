package io.x0tta6bl4.ebpf.internal.validate;

import java.util.BitSet;
import java.util.stream.IntStream;

/**
 * Which helper ids the kernel has, and which of them it lets an XDP program call. Best
 * taken from the running kernel (see {@code kernel.HelperProbe}); where it cannot be
 * probed (no libbpf, no permission to load BPF) the {@link #builtIn built-in list} applies,
 * which names the kernel it was probed from. {@link #source()} says which one is in force.
 * <p>
 * Program types other than XDP are not told apart: for them only ids the kernel does not
 * have at all are refused, since a kprobe or tc program may call helpers XDP may not.
 * Immutable.
 */
public final class HelperSet {

    /** Where a helper set came from. */
    public enum Origin {
        /** Probed from the running kernel. */
        KERNEL,
        /** The built-in list ({@link #BUILT_IN_KERNEL}). */
        BUILT_IN
    }

    /** The kernel the built-in list was probed from, as root. */
    public static final String BUILT_IN_KERNEL = "Linux 6.18.44";

    /**
     * Helper ids an XDP program may call on {@link #BUILT_IN_KERNEL}, probed as root: one
     * {@code call id; exit} program per id, loaded as {@code BPF_PROG_TYPE_XDP}; an id is in
     * when the verifier got past the helper lookup. Helper ids are frozen upstream since
     * Linux 6.2 (new kernel functions are kfuncs), so later kernels differ only in which
     * existing helpers the base set hands out.
     */
    static final int[] BUILT_IN_XDP = {
            1, 2, 3, 5, 6, 7, 8, 12, 14, 15, 16, 17, 22, 23, 25, 28, 35, 37, 42, 44, 51, 54, 55, 65, 69, 80, 84,
            85, 86, 87, 88, 89, 93, 94, 99, 100, 105, 106, 109, 110, 112, 113, 114, 115, 117, 118, 120, 123, 125,
            130, 131, 132, 133, 134, 136, 137, 138, 139, 140, 141, 148, 149, 153, 154, 156, 157, 158, 160, 163,
            164, 165, 169, 170, 171, 172, 175, 176, 177, 178, 180, 181, 182, 188, 189, 190, 191, 194, 195, 196,
            197, 198, 199, 200, 201, 202, 203, 204, 205, 206, 207, 208, 209, 210, 211};
    /** {@code __BPF_FUNC_MAX_ID} of {@link #BUILT_IN_KERNEL}: ids 1 up to here, exclusive, exist. */
    static final int BUILT_IN_LIMIT = 212;

    private final Origin origin;
    private final BitSet xdp;
    private final int limit;
    private final String source;

    private HelperSet(Origin origin, BitSet xdp, int limit, String source) {
        this.origin = origin;
        this.xdp = (BitSet) xdp.clone();
        this.limit = limit;
        this.source = source;
    }

    /**
     * The built-in list.
     *
     * @param why why the kernel was not probed (shown in {@link #source()})
     */
    public static HelperSet builtIn(String why) {
        BitSet b = new BitSet();
        IntStream.of(BUILT_IN_XDP).forEach(b::set);
        return new HelperSet(Origin.BUILT_IN, b, BUILT_IN_LIMIT, "built-in list of " + BUILT_IN_KERNEL + " ("
                + BUILT_IN_XDP.length + " XDP helpers of ids below " + BUILT_IN_LIMIT + "; " + why + ")");
    }

    /**
     * A set probed from a kernel.
     *
     * @param xdp    the ids an XDP program may call
     * @param limit  the first id the kernel does not have (ids are dense from 1)
     * @param kernel the kernel's release, for {@link #source()}
     */
    public static HelperSet probed(BitSet xdp, int limit, String kernel) {
        if (limit < 1) {
            throw new IllegalArgumentException("helper id limit must be positive");
        }
        BitSet b = (BitSet) xdp.clone();
        b.clear(limit, Math.max(limit, b.length()));
        b.clear(0);
        return new HelperSet(Origin.KERNEL, b, limit, "probed from the running kernel " + kernel + " ("
                + b.cardinality() + " XDP helpers of ids below " + limit + ")");
    }

    public Origin origin() {
        return origin;
    }

    /** One line: where the set came from and how large it is. */
    public String source() {
        return source;
    }

    /** The first helper id the kernel does not have. */
    public int limit() {
        return limit;
    }

    /** Whether a program of this type may call helper {@code id}. */
    public boolean allows(ProgramType type, int id) {
        if (id <= 0 || id >= limit) {
            return false;
        }
        return type != ProgramType.XDP || xdp.get(id);
    }

    /** The ids an XDP program may call, ascending. */
    public int[] xdp() {
        return xdp.stream().toArray();
    }

    @Override
    public String toString() {
        return source;
    }
}
