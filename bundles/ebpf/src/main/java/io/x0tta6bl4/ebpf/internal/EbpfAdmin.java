package io.x0tta6bl4.ebpf.internal;

import java.util.List;
import java.util.Map;

import io.x0tta6bl4.ebpf.internal.validate.HelperSet;

/**
 * What the ebpf: commands need beyond {@link io.x0tta6bl4.api.ebpf.MeshGuard}: status,
 * attach and detach, loaded programs, maps. Private to the bundle. Methods that touch the
 * kernel run on the guard's kernel threads and wait for them (bounded).
 */
public interface EbpfAdmin {

    /** One line: loaded or why not. */
    String status();

    /** Waits until list and flag changes made so far are in the kernel maps. */
    void flush() throws Exception;

    /** Attaches mesh_guard to {@code ifname} or {@code netns/ifname}; returns the mode. */
    String attach(String spec) throws Exception;

    /** Detaches; false when it was not attached. */
    boolean detach(String spec) throws Exception;

    /** Reloads mesh_guard from the bundle and re-attaches where it was attached. */
    ProgramInfo reload() throws Exception;

    /** Validates, then loads an object file into the kernel (not attached); its programs. */
    List<ProgramInfo> loadFile(String name, byte[] elf) throws Exception;

    List<ProgramInfo> programs();

    /**
     * The helpers the validator allows, probed from the running kernel once at start (or the
     * built-in list, saying why).
     */
    HelperSet helpers() throws Exception;

    List<Attachment> attachments();

    List<MapInfo> maps() throws Exception;

    /** Entries of a map of mesh_guard, keys and values as hex (per-CPU values summed per 8 bytes). */
    Map<String, String> mapEntries(String name) throws Exception;

    /** The global counters (passed, dropped_quarantined, ...). */
    Map<String, Long> globalCounters() throws Exception;

    record ProgramInfo(String object, String name, String section, int fd, long instructions,
                       List<String> attachedTo) {
    }

    record Attachment(String spec, String mode, String error) {
    }

    record MapInfo(String name, String type, int keySize, int valueSize, int maxEntries, int entries) {
    }
}
