package io.x0tta6bl4.batman.internal;

/**
 * A client MAC in a translation table.
 *
 * @param address    the client's MAC
 * @param originator the node announcing it (null in the local table)
 * @param vid        VLAN id, 0..4095 as batctl prints it (0 without VLAN); never the kernel's raw field with its tag bit
 * @param flags      BATADV_TT_CLIENT_* flags
 * @param best       whether the entry is the one used (global table)
 */
public record TranslationEntry(String address, String originator, int vid, long flags, boolean best) {
}
