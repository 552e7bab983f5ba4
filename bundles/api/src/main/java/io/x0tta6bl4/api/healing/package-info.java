/**
 * Self-healing: the {@link io.x0tta6bl4.api.healing.RemediationAction} and
 * {@link io.x0tta6bl4.api.healing.AnomalyDetector} whiteboard SPIs, the incident and action
 * records, the read and control side {@link io.x0tta6bl4.api.healing.HealingService} and the
 * {@code x0tta6bl4/healing/*} topics.
 */
@Version("1.3.0")
package io.x0tta6bl4.api.healing;

import org.osgi.annotation.versioning.Version;
