package io.x0tta6bl4.batman.internal;

/**
 * A client MAC in a translation table.
 *
 * @param address    the client's MAC
 * @param originator the node announcing it (null in the local table)
 * @param vid        VLAN id (0 without VLAN)
 * @param flags      BATADV_TT_CLIENT_* flags
 * @param best       whether the entry is the one used (global table)
 */
public record TranslationEntry(String address, String originator, int vid, long flags, boolean best) {
}
