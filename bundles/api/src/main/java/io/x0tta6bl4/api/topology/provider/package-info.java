/**
 * The provider SPI: how a mesh provider (simulator, batman-adv, a plugin) reports what it observes to the topology service.
 */
@Version("1.2.0")
package io.x0tta6bl4.api.topology.provider;

import org.osgi.annotation.versioning.Version;
