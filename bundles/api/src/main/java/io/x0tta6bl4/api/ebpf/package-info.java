/**
 * The eBPF/XDP mesh guard: per-peer counters, the quarantine list and enforcement of
 * attested peers on the mesh interfaces ({@link io.x0tta6bl4.api.ebpf.MeshGuard}).
 */
@Version("1.1.0")
package io.x0tta6bl4.api.ebpf;

import org.osgi.annotation.versioning.Version;
