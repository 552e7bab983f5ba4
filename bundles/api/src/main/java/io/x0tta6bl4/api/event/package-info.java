/**
 * EventAdmin topics and property keys, the contract between bundles, with typed records that convert to and from {@code Event}.
 */
@Version("1.3.0")
package io.x0tta6bl4.api.event;

import org.osgi.annotation.versioning.Version;
