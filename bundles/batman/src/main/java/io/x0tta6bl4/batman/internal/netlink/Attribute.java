package io.x0tta6bl4.batman.internal.netlink;

/**
 * One netlink attribute (TLV).
 *
 * @param type  attribute type without the NLA_F_NESTED and NLA_F_NET_BYTEORDER bits
 * @param flags those two bits as sent
 * @param value the value bytes, without padding
 */
public record Attribute(int type, int flags, byte[] value) {

    public static final int NLA_F_NESTED = 0x8000;
    public static final int NLA_F_NET_BYTEORDER = 0x4000;
    public static final int TYPE_MASK = 0x3fff;
}
