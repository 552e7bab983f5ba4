/**
 * respondd, the node-information protocol of batman-adv communities (Gluon, yanic,
 * meshviewer): the {@link io.x0tta6bl4.api.respondd.RespondProvider} whiteboard through which
 * bundles contribute to this node's replies, the reply types, and what the collector heard
 * ({@link io.x0tta6bl4.api.respondd.RespondCollection}, since 1.1).
 */
@Version("1.1.0")
package io.x0tta6bl4.api.respondd;

import org.osgi.annotation.versioning.Version;
