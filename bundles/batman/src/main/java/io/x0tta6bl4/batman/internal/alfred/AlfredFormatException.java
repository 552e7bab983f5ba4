package io.x0tta6bl4.batman.internal.alfred;

import java.io.IOException;

/** Bytes from alfred's socket that are not a well-formed alfred TLV stream. */
public class AlfredFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    public AlfredFormatException(String message) {
        super(message);
    }
}
