package io.x0tta6bl4.respondd.internal;

/** A respondd request or reply that cannot be read; the message names what was wrong. */
public final class RespondFormatException extends Exception {

    private static final long serialVersionUID = 1L;

    public RespondFormatException(String message) {
        super(message);
    }
}
