package io.x0tta6bl4.batman.internal.alfred;

/**
 * One data record alfred holds: what a node published under a data type.
 *
 * @param source  the publishing node's alfred address (MAC)
 * @param type    data type 0..255 (0..63 are reserved for well-known uses, e.g. 1 batadv-vis)
 * @param version the publisher's version of the data format
 * @param data    the payload
 */
public record AlfredRecord(String source, int type, int version, byte[] data) {
}
