package io.x0tta6bl4.ebpf.internal.kernel;

/**
 * The result of BPF_PROG_TEST_RUN.
 *
 * @param retval     what the program returned (XDP_DROP = 1, XDP_PASS = 2, ...)
 * @param durationNs average nanoseconds per repetition, as the kernel measured it
 * @param repeat     repetitions
 */
public record TestRun(int retval, long durationNs, int repeat) {

    public static String xdpAction(int retval) {
        return switch (retval) {
            case 0 -> "XDP_ABORTED";
            case 1 -> "XDP_DROP";
            case 2 -> "XDP_PASS";
            case 3 -> "XDP_TX";
            case 4 -> "XDP_REDIRECT";
            default -> "action " + retval;
        };
    }
}
