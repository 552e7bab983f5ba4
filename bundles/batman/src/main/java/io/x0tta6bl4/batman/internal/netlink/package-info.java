/**
 * Netlink from Java through JNA (libc's socket calls, no native code of ours): sockets,
 * message framing, attributes and the generic netlink family lookup that batman-adv's
 * {@code batadv} family and rtnetlink need. Every length read from the kernel is checked
 * before it is used; a malformed message is a {@code NetlinkFormatException}, never a crash.
 */
package io.x0tta6bl4.batman.internal.netlink;
