package io.x0tta6bl4.ebpf.internal.kernel;

/** Names of the kernel's map types (enum bpf_map_type). */
public final class MapTypes {

    private static final String[] NAMES = {"unspec", "hash", "array", "prog_array", "perf_event_array",
        "percpu_hash", "percpu_array", "stack_trace", "cgroup_array", "lru_hash", "lru_percpu_hash", "lpm_trie",
        "array_of_maps", "hash_of_maps", "devmap", "sockmap", "cpumap", "xskmap", "sockhash", "cgroup_storage",
        "reuseport_sockarray", "percpu_cgroup_storage", "queue", "stack", "sk_storage", "devmap_hash",
        "struct_ops", "ringbuf", "inode_storage", "task_storage", "bloom_filter"};

    private MapTypes() {
    }

    public static String name(int type) {
        return type >= 0 && type < NAMES.length ? NAMES[type] : "type " + type;
    }

    public static boolean perCpu(int type) {
        return type == 5 || type == 6 || type == 10 || type == 21;
    }
}
