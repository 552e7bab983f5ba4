package io.x0tta6bl4.api.ebpf;

import java.util.Locale;
import java.util.regex.Pattern;

/** MAC address strings as the mesh guard speaks them: lower-case {@code aa:bb:cc:dd:ee:ff}. */
public final class MacAddresses {

    private static final Pattern MAC = Pattern.compile("[0-9a-f]{2}(:[0-9a-f]{2}){5}");

    private MacAddresses() {
    }

    /**
     * The canonical form of a MAC: trimmed, lower-case, colon separated. Upper case and
     * {@code -} separators are accepted.
     *
     * @throws IllegalArgumentException naming the value when it is not a 48-bit MAC
     */
    public static String normalize(String mac) {
        if (mac == null) {
            throw new IllegalArgumentException("MAC address is missing");
        }
        String m = mac.trim().toLowerCase(Locale.ROOT).replace('-', ':');
        if (!MAC.matcher(m).matches()) {
            throw new IllegalArgumentException("'" + mac + "' is not a MAC address (expected aa:bb:cc:dd:ee:ff)");
        }
        return m;
    }

    /** The six bytes of a MAC. */
    public static byte[] toBytes(String mac) {
        String m = normalize(mac);
        byte[] b = new byte[6];
        for (int i = 0; i < 6; i++) {
            b[i] = (byte) Integer.parseInt(m.substring(i * 3, i * 3 + 2), 16);
        }
        return b;
    }

    /** The canonical string of six bytes. */
    public static String fromBytes(byte[] b) {
        if (b == null || b.length < 6) {
            throw new IllegalArgumentException("a MAC address has 6 bytes");
        }
        StringBuilder s = new StringBuilder(17);
        for (int i = 0; i < 6; i++) {
            if (i > 0) {
                s.append(':');
            }
            s.append(Character.forDigit((b[i] >> 4) & 0xf, 16)).append(Character.forDigit(b[i] & 0xf, 16));
        }
        return s.toString();
    }
}
