/**
 * A reader of BPF ELF objects as clang writes them: sections, symbols, program sections and
 * their relocations. The file is untrusted input, so every offset, count and string length is
 * checked against the file and against fixed bounds before use
 * ({@code BpfFormatException} says which).
 */
package io.x0tta6bl4.ebpf.internal.elf;
