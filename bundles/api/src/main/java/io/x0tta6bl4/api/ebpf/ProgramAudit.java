package io.x0tta6bl4.api.ebpf;

import java.util.List;

/**
 * A program the platform loaded into the kernel, as an audit sees it.
 *
 * @param object            the object it came from ({@code mesh_guard} or a file loaded with {@code ebpf:load})
 * @param program           the program's name
 * @param section           its ELF section
 * @param instructions      its size in instructions
 * @param attachedTo        the interfaces it is attached to, as {@code ifname} or {@code netns/ifname}
 * @param validatorFindings what the static validator finds in it now, one line each; empty when it passes
 */
public record ProgramAudit(String object, String program, String section, long instructions, List<String> attachedTo,
                           List<String> validatorFindings) {

    public ProgramAudit {
        attachedTo = List.copyOf(attachedTo);
        validatorFindings = List.copyOf(validatorFindings);
    }
}
