package io.x0tta6bl4.ebpf.internal.kernel;

import com.sun.jna.Library;
import com.sun.jna.Pointer;

/**
 * The libbpf 1.x calls we use (libbpf.h, bpf.h). Int-returning calls return -errno;
 * pointer-returning calls return NULL and set errno.
 */
interface LibbpfNative extends Library {

    Pointer bpf_object__open_mem(Pointer buf, long size, Pointer opts);

    int bpf_object__load(Pointer obj);

    void bpf_object__close(Pointer obj);

    Pointer bpf_object__next_program(Pointer obj, Pointer prev);

    Pointer bpf_object__next_map(Pointer obj, Pointer prev);

    String bpf_program__name(Pointer prog);

    String bpf_program__section_name(Pointer prog);

    int bpf_program__fd(Pointer prog);

    long bpf_program__insn_cnt(Pointer prog);

    int bpf_program__set_log_buf(Pointer prog, Pointer buf, long size);

    int bpf_program__set_log_level(Pointer prog, int level);

    String bpf_map__name(Pointer map);

    /** Where the map is pinned; at load libbpf reuses a compatible map pinned there, or creates and pins it. */
    int bpf_map__set_pin_path(Pointer map, String path);

    int bpf_obj_pin(int fd, String path);

    int bpf_map__fd(Pointer map);

    int bpf_map__type(Pointer map);

    int bpf_map__key_size(Pointer map);

    int bpf_map__value_size(Pointer map);

    int bpf_map__max_entries(Pointer map);

    int bpf_map_lookup_elem(int fd, Pointer key, Pointer value);

    int bpf_map_update_elem(int fd, Pointer key, Pointer value, long flags);

    int bpf_map_delete_elem(int fd, Pointer key);

    int bpf_map_get_next_key(int fd, Pointer key, Pointer nextKey);

    /** Loads one program from raw instructions (bpf.h); {@code opts} is a {@code bpf_prog_load_opts}. */
    int bpf_prog_load(int progType, String progName, String license, Pointer insns, long insnCnt, Pointer opts);

    int bpf_link_create(int progFd, int targetFd, int attachType, Pointer opts);

    int bpf_prog_test_run_opts(int progFd, Pointer opts);

    int libbpf_num_possible_cpus();

    int libbpf_strerror(int err, byte[] buf, long size);

    /** Replaces libbpf's message printer; null silences it (we capture verifier logs ourselves). */
    Pointer libbpf_set_print(Pointer fn);
}
