/** Implementation of the ebpf bundle; private. */
package io.x0tta6bl4.ebpf.internal;
