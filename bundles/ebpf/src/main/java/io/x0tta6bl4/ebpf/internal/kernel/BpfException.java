package io.x0tta6bl4.ebpf.internal.kernel;

/** A kernel or libbpf call that failed: the message names the call and the errno. */
public final class BpfException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int errno;
    private final String verifierLog;

    public BpfException(String message, int errno) {
        this(message, errno, null);
    }

    public BpfException(String message, int errno, String verifierLog) {
        super(message);
        this.errno = errno;
        this.verifierLog = verifierLog;
    }

    public int errno() {
        return errno;
    }

    /** The kernel verifier's log when a load was refused, else null. */
    public String verifierLog() {
        return verifierLog;
    }
}
