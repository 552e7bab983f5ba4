/**
 * The eBPF bundle, private: {@code EbpfManager} is the DS component behind
 * {@code MeshGuard}; it loads {@code mesh_guard} through libbpf ({@code kernel}), after the
 * checks of {@code validate} on the object {@code elf} read, keeps the allow list, quarantine and
 * enforcement in the program's maps ({@code GuardMaps}), persists them ({@code GuardState}) and
 * reports growing drop counters as health events at a bounded rate ({@code DropReporter}).
 */
package io.x0tta6bl4.ebpf.internal;
