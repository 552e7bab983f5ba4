package io.x0tta6bl4.ebpf.internal.elf;

/** A BPF object file that cannot be read: the message says where and why. */
public final class BpfFormatException extends Exception {

    private static final long serialVersionUID = 1L;

    public BpfFormatException(String message) {
        super(message);
    }
}
