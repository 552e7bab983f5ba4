package io.x0tta6bl4.ebpf.internal.validate;

import java.util.Locale;

/**
 * Program types the validator tells apart; which helpers each may call is the
 * {@link HelperSet}'s business.
 */
public enum ProgramType {
    /** eXpress Data Path ({@code BPF_PROG_TYPE_XDP}). */
    XDP,
    /** Any other section, also {@code .text} (subprograms, which take their caller's type). */
    OTHER;

    /** The type libbpf would give a section of this name. */
    public static ProgramType ofSection(String section) {
        String s = section.toLowerCase(Locale.ROOT);
        return s.equals("xdp") || s.startsWith("xdp/") || s.startsWith("xdp.") ? XDP : OTHER;
    }
}
