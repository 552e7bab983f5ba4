package io.x0tta6bl4.scanner.internal.osv;

/**
 * An OSV file that cannot be read; the message names the file and what was wrong. The message
 * is always one line of bounded length: file names, zip entry names and ids come from the
 * import and may hold line breaks or run to thousands of characters.
 */
public class OsvFormatException extends Exception {

    private static final long serialVersionUID = 1L;
    /** Characters of a message; the first files and the bound are named well within it. */
    static final int MAX_MESSAGE = 2000;

    public OsvFormatException(String message) {
        super(oneLine(message));
    }

    static String oneLine(String s) {
        String line = s.replaceAll("[\\p{Cntrl}\\u0085\\u2028\\u2029]", "?");
        return line.length() <= MAX_MESSAGE ? line : line.substring(0, MAX_MESSAGE - 3) + "...";
    }
}
