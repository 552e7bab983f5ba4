/** Driver counters of a network interface through the ethtool ioctl (batman-adv's traffic counters). */
package io.x0tta6bl4.batman.internal.ethtool;
