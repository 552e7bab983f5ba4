/**
 * The mesh topology read side: immutable value types, the snapshot, {@link io.x0tta6bl4.api.topology.TopologyService} and the {@link io.x0tta6bl4.api.topology.LinkWeigher} SPI with the built-in weighers.
 */
@Version("1.4.0")
package io.x0tta6bl4.api.topology;

import org.osgi.annotation.versioning.Version;
