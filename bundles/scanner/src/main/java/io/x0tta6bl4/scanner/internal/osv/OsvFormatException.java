package io.x0tta6bl4.scanner.internal.osv;

/** An OSV file that cannot be read; the message names the file and what was wrong. */
public class OsvFormatException extends Exception {

    private static final long serialVersionUID = 1L;

    public OsvFormatException(String message) {
        super(message);
    }
}
