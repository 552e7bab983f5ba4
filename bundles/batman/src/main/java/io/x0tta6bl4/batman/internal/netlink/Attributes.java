package io.x0tta6bl4.batman.internal.netlink;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;

/**
 * A parsed list of netlink attributes with typed, length-checked getters. Getters return
 * null for an absent attribute and throw {@link NetlinkFormatException} for one whose
 * length does not fit its type, so a malformed kernel reply never reads past an attribute.
 */
public final class Attributes {

    private static final int NLA_HEADER = 4;

    private final List<Attribute> list;

    private Attributes(List<Attribute> list) {
        this.list = list;
    }

    public static int align(int length) {
        return (length + 3) & ~3;
    }

    /** @throws NetlinkFormatException when an attribute is truncated or its length is impossible */
    public static Attributes parse(byte[] bytes, int offset, int length) {
        if (offset < 0 || length < 0 || offset + length > bytes.length) {
            throw new NetlinkFormatException("attribute block " + offset + "+" + length + " outside " + bytes.length + " bytes");
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes, offset, length).order(ByteOrder.nativeOrder());
        int end = offset + length;
        List<Attribute> out = new ArrayList<>();
        while (buf.position() < end) {
            int start = buf.position();
            if (end - start < NLA_HEADER) {
                // Trailing bytes shorter than a header are padding only if they are zero.
                for (int i = start; i < end; i++) {
                    if (bytes[i] != 0) {
                        throw new NetlinkFormatException("truncated attribute header at offset " + (start - offset));
                    }
                }
                break;
            }
            int len = Short.toUnsignedInt(buf.getShort());
            int rawType = Short.toUnsignedInt(buf.getShort());
            if (len < NLA_HEADER || len > end - start) {
                throw new NetlinkFormatException("attribute " + (rawType & Attribute.TYPE_MASK) + " at offset "
                        + (start - offset) + " claims " + len + " bytes, " + (end - start) + " available");
            }
            byte[] value = new byte[len - NLA_HEADER];
            buf.get(value);
            out.add(new Attribute(rawType & Attribute.TYPE_MASK, rawType & ~Attribute.TYPE_MASK, value));
            buf.position(Math.min(end, start + align(len)));
        }
        return new Attributes(Collections.unmodifiableList(out));
    }

    public static Attributes parse(byte[] bytes) {
        return parse(bytes, 0, bytes.length);
    }

    public List<Attribute> all() {
        return list;
    }

    public boolean has(int type) {
        return find(type) != null;
    }

    /** The first attribute of the type, or null. */
    public Attribute find(int type) {
        for (Attribute a : list) {
            if (a.type() == type) {
                return a;
            }
        }
        return null;
    }

    public Integer u8(int type) {
        byte[] v = value(type, 1, "u8");
        return v == null ? null : Byte.toUnsignedInt(v[0]);
    }

    public Integer u16(int type) {
        byte[] v = value(type, 2, "u16");
        return v == null ? null : Short.toUnsignedInt(ByteBuffer.wrap(v).order(ByteOrder.nativeOrder()).getShort());
    }

    public Long u32(int type) {
        byte[] v = value(type, 4, "u32");
        return v == null ? null : Integer.toUnsignedLong(ByteBuffer.wrap(v).order(ByteOrder.nativeOrder()).getInt());
    }

    /** A NUL-terminated string; the value up to the first NUL, all of it if there is none. */
    public String string(int type) {
        Attribute a = find(type);
        if (a == null) {
            return null;
        }
        byte[] v = a.value();
        int n = 0;
        while (n < v.length && v[n] != 0) {
            n++;
        }
        return new String(v, 0, n, StandardCharsets.UTF_8);
    }

    /** A 6-byte hardware address as {@code aa:bb:cc:dd:ee:ff}. */
    public String mac(int type) {
        byte[] v = value(type, 6, "MAC address");
        return v == null ? null : HexFormat.ofDelimiter(":").formatHex(v);
    }

    public boolean flag(int type) {
        return has(type);
    }

    public Attributes nested(int type) {
        Attribute a = find(type);
        return a == null ? null : parse(a.value());
    }

    private byte[] value(int type, int size, String what) {
        Attribute a = find(type);
        if (a == null) {
            return null;
        }
        if (a.value().length != size) {
            throw new NetlinkFormatException("attribute " + type + " should be a " + what + " of " + size
                    + " bytes, has " + a.value().length);
        }
        return a.value();
    }

    /** Whether the attribute exists and {@link #u32} reads it; for callers that need a value. */
    public long requireU32(int type, String name) {
        Long v = u32(type);
        if (v == null) {
            throw new NetlinkFormatException("missing attribute " + name + " (" + type + ")");
        }
        return v;
    }

    public String requireMac(int type, String name) {
        String v = mac(type);
        if (v == null) {
            throw new NetlinkFormatException("missing attribute " + name + " (" + type + ")");
        }
        return v;
    }
}
