/**
 * The kernel side of eBPF through libbpf1 (JNA): objects, programs, maps, XDP links and
 * BPF_PROG_TEST_RUN, each owning what it opened and closing it on {@code close()}.
 * {@code KernelThread} runs every call that must happen in a given network namespace on a thread
 * that entered it, since a namespace belongs to a thread, not a process.
 */
package io.x0tta6bl4.ebpf.internal.kernel;
