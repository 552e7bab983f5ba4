package io.x0tta6bl4.scanner.internal.sbom;

/**
 * Whether a Maven version and an OSGi {@code Bundle-Version} name the same release: their
 * first three numbers agree ({@code 1.9} and {@code 1.9.0}, {@code 31.1-jre} and
 * {@code 31.1.0.jre}, {@code 0.1.0-SNAPSHOT} and {@code 0.1.0.SNAPSHOT}). Qualifiers are
 * ignored: bnd and the bundle plugin spell them differently from Maven.
 */
final class ReleaseNumbers {

    private ReleaseNumbers() {
    }

    static boolean same(String maven, String osgi) {
        long[] a = numbers(maven);
        long[] b = numbers(osgi);
        return a != null && b != null && a[0] == b[0] && a[1] == b[1] && a[2] == b[2];
    }

    /** {@code 0}, {@code 0.0.0}: the default of a bundle that states no version. */
    static boolean isZero(String v) {
        long[] n = numbers(v);
        return n != null && n[0] == 0 && n[1] == 0 && n[2] == 0 && v.trim().matches("[0.]+");
    }

    private static long[] numbers(String v) {
        if (v == null) {
            return null;
        }
        long[] out = new long[3];
        String[] parts = v.trim().split("[.\\-_]", 4);
        for (int i = 0; i < 3 && i < parts.length; i++) {
            String digits = parts[i];
            int end = 0;
            while (end < digits.length() && end < 18 && Character.isDigit(digits.charAt(end))) {
                end++;
            }
            if (end == 0) {
                if (i == 0) {
                    return null;
                }
                break;
            }
            out[i] = Long.parseLong(digits.substring(0, end));
            if (end < digits.length()) {
                break; // a qualifier glued to the number ends the release part
            }
        }
        return out;
    }
}
