package io.x0tta6bl4.batman.internal.ethtool;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;

/**
 * An interface's driver counters, as {@code ethtool -S} and {@code batctl statistics} read them:
 * the {@code SIOCETHTOOL} ioctl's {@code ETHTOOL_GSSET_INFO}, {@code ETHTOOL_GSTRINGS} and
 * {@code ETHTOOL_GSTATS}. batman-adv keeps its per-mesh counters there only (forwarded and
 * management traffic among them: {@code forward}, {@code mgmt_tx}, ...); the ethtool netlink
 * family does not carry driver counters. Needs no capability.
 */
public final class EthtoolStats {

    static final int ETHTOOL_GSTRINGS = 0x1b;
    static final int ETHTOOL_GSTATS = 0x1d;
    static final int ETHTOOL_GSSET_INFO = 0x37;
    static final int ETH_SS_STATS = 1;
    static final int ETH_GSTRING_LEN = 32;
    /** struct ifreq: 16 bytes of name, then the union whose ifr_data points at the request. */
    static final int IFREQ_SIZE = 40;
    static final int IFNAMSIZ = 16;
    /** batman-adv has about 40; a driver with more than this many is not one this reads. */
    static final int MAX_STATS = 1024;

    private static final LibcIoctl LIBC = Native.load("c", LibcIoctl.class);

    private EthtoolStats() {
    }

    /** The counters of {@code ifname} by name, in the driver's order. */
    public static Map<String, Long> read(String ifname) throws IOException {
        byte[] name = ifname.getBytes(StandardCharsets.US_ASCII);
        if (name.length == 0 || name.length >= IFNAMSIZ) {
            throw new IOException("interface name '" + ifname + "' is not 1-15 characters");
        }
        int fd = LIBC.socket(LibcIoctl.AF_INET, LibcIoctl.SOCK_DGRAM | LibcIoctl.SOCK_CLOEXEC, 0);
        if (fd < 0) {
            throw error("socket(AF_INET, SOCK_DGRAM)", Native.getLastError());
        }
        try {
            Memory info = new Memory(8 + 8 + 4);
            info.clear();
            info.setInt(0, ETHTOOL_GSSET_INFO);
            info.setLong(8, 1L << ETH_SS_STATS);
            call(fd, name, info, "ETHTOOL_GSSET_INFO on " + ifname);
            if ((info.getLong(8) & (1L << ETH_SS_STATS)) == 0) {
                return Map.of(); // the driver has no counters of its own
            }
            int n = info.getInt(16);
            if (n < 0 || n > MAX_STATS) {
                throw new IOException(ifname + " reports " + n + " counters (at most " + MAX_STATS + " are read)");
            }
            Memory strings = new Memory(12L + (long) n * ETH_GSTRING_LEN);
            strings.clear();
            strings.setInt(0, ETHTOOL_GSTRINGS);
            strings.setInt(4, ETH_SS_STATS);
            strings.setInt(8, n);
            call(fd, name, strings, "ETHTOOL_GSTRINGS on " + ifname);
            Memory stats = new Memory(8L + 8L * n);
            stats.clear();
            stats.setInt(0, ETHTOOL_GSTATS);
            stats.setInt(4, n);
            call(fd, name, stats, "ETHTOOL_GSTATS on " + ifname);
            // the kernel may answer with fewer than asked if the set shrank in between
            int got = Math.min(Math.min(strings.getInt(8), stats.getInt(4)), n);
            return decode(strings.getByteArray(12, got * ETH_GSTRING_LEN), stats.getByteArray(8, got * 8), got);
        } finally {
            LIBC.close(fd);
        }
    }

    /** Pairs the names (32 bytes each, NUL-padded) with the values (native-endian u64). */
    static Map<String, Long> decode(byte[] names, byte[] values, int n) {
        Map<String, Long> out = new LinkedHashMap<>();
        ByteBuffer v = ByteBuffer.wrap(values).order(ByteOrder.nativeOrder());
        for (int i = 0; i < n && (i + 1) * ETH_GSTRING_LEN <= names.length && (i + 1) * 8 <= values.length; i++) {
            int end = i * ETH_GSTRING_LEN;
            while (end < (i + 1) * ETH_GSTRING_LEN && names[end] != 0) {
                end++;
            }
            String key = new String(names, i * ETH_GSTRING_LEN, end - i * ETH_GSTRING_LEN, StandardCharsets.US_ASCII);
            out.putIfAbsent(key, v.getLong(i * 8));
        }
        return out;
    }

    private static void call(int fd, byte[] name, Memory request, String what) throws IOException {
        Memory ifreq = new Memory(IFREQ_SIZE);
        ifreq.clear();
        ifreq.write(0, name, 0, name.length);
        ifreq.setPointer(IFNAMSIZ, request);
        if (LIBC.ioctl(fd, new NativeLong(LibcIoctl.SIOCETHTOOL), ifreq) < 0) {
            throw error(what, Native.getLastError());
        }
    }

    private static IOException error(String what, int errno) {
        return new IOException(what + " failed: " + LIBC.strerror(errno) + " (errno " + errno + ")");
    }
}
