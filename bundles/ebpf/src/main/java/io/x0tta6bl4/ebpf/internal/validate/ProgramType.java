package io.x0tta6bl4.ebpf.internal.validate;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** Program types the validator knows, with the helpers each may call. */
public enum ProgramType {
    /** eXpress Data Path: base helpers plus packet, redirect, FIB and socket-lookup helpers. */
    XDP(Helpers.XDP),
    /** Any other section: only the base helpers every program type has. */
    OTHER(Helpers.BASE);

    private final Set<Integer> helpers;

    ProgramType(Set<Integer> helpers) {
        this.helpers = helpers;
    }

    public boolean allows(int helper) {
        return helpers.contains(helper);
    }

    /** The type libbpf would give a section of this name. */
    public static ProgramType ofSection(String section) {
        String s = section.toLowerCase(Locale.ROOT);
        return s.equals("xdp") || s.startsWith("xdp/") || s.startsWith("xdp.") ? XDP : OTHER;
    }

    private static final class Helpers {
        /** bpf_base_func_proto of the kernel for a privileged loader (helper ids of uapi bpf.h). */
        static final Set<Integer> BASE = Set.of(
                1, 2, 3, // map lookup, update, delete
                5, 6, 7, 8, 12, // ktime_get_ns, trace_printk, get_prandom_u32, get_smp_processor_id, tail_call
                42, 87, 88, 89, // get_numa_node_id, map push, pop, peek
                93, 94, 113, 115, 118, 125, // spin_lock/unlock, probe_read_kernel(_str), jiffies64, boot_ns
                130, 131, 132, 133, 134, // ringbuf
                149, 153, 154, 160, 164, 165, // snprintf_btf, per_cpu_ptr, this_cpu_ptr, coarse_ns, for_each, snprintf
                169, 170, 171, 172, 177, 181, 182, // timers, trace_vprintk, loop, strncmp
                194, 195, 197, 198, 199, 200, 201, 202, 203, 208, 209); // kptr, percpu lookup, dynptr, tai_ns
        /** xdp_func_proto on top of the base set. */
        static final Set<Integer> XDP = IntStream.concat(BASE.stream().mapToInt(Integer::intValue),
                        IntStream.of(23, 25, 28, 44, 51, 54, 65, 69, 84, 85, 86, 99, 100, 110, 163,
                                188, 189, 190, 204, 205, 206, 207))
                .boxed().collect(Collectors.toUnmodifiableSet());
    }
}
