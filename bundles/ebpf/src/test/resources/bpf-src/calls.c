/* Test object with bpf-to-bpf calls: SubprogramsTest compiles it with clang. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

static __attribute__((noinline)) int twice(int x)
{
    return x * 2;
}

__attribute__((noinline)) int global_inc(int x)
{
    return twice(x) + 1;
}

/* global, in .text, called by nothing: libbpf hands it to no program */
__attribute__((noinline)) int lonely(int x)
{
    return x - 1;
}

static int callback(__u32 i, void *ctx)
{
    return 0;
}

SEC("xdp")
int calls(struct xdp_md *ctx)
{
    bpf_loop(4, callback, 0, 0);
    return global_inc(ctx->ingress_ifindex & 0) == 1 ? XDP_PASS : XDP_DROP;
}

char LICENSE[] SEC("license") = "GPL";
