/**
 * The static checks a program passes before x0tta6bl4 hands it to the kernel's verifier:
 * instruction encoding, control flow (reachable exit, no jumps into the middle of an
 * instruction), stack bounds, division by zero and the helpers a program type may call
 * ({@code HelperSet}, read from libbpf where it can be). A finding names the instruction and the
 * rule it breaks.
 */
package io.x0tta6bl4.ebpf.internal.validate;
