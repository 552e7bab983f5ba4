// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * mesh_guard: XDP guard for the mesh interfaces of an x0tta6bl4 node.
 *
 * For every frame it
 *   1. counts packets and bytes per source MAC (peer_stats),
 *   2. drops frames from quarantined MACs (quarantine),
 *   3. when enforcement is on (guard_config.enforcing), drops frames from MACs that are
 *      not on the allow list of attested peers (allowed), except attestation traffic,
 *   4. counts what it did in global_stats.
 *
 * Attestation exemption: under enforcement a peer must still be able to prove who it is,
 * so these frames pass from any source MAC:
 *   - ARP (so the peer can resolve the attestation endpoint),
 *   - IPv6 neighbour discovery (ICMPv6 types 133..137),
 *   - TCP to or from guard_config.attest_port over IPv4 or IPv6 (the mTLS attestation port).
 * Quarantine wins over the exemption: a quarantined peer gets nothing through.
 */
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/in.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/tcp.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

#define MAX_PEERS 4096

struct mac_key {
	__u8 addr[ETH_ALEN];
};

struct peer_stats {
	__u64 packets;
	__u64 bytes;
	__u64 dropped;
};

struct guard_config {
	__u32 enforcing;   /* 0 or 1 */
	__u32 attest_port; /* TCP port of attestation traffic, 0 = none */
};

enum global_counter {
	G_PASS = 0,           /* frames passed */
	G_DROP_QUARANTINE,    /* frames dropped: source quarantined */
	G_DROP_UNATTESTED,    /* frames dropped: enforcing and source not allowed */
	G_EXEMPT,             /* frames passed under enforcement as attestation traffic */
	G_MALFORMED,          /* frames shorter than an Ethernet header (passed) */
	G_MAX,
};

/* Per-source counters; LRU so a flood of spoofed sources cannot fill it. */
struct {
	__uint(type, BPF_MAP_TYPE_LRU_PERCPU_HASH);
	__uint(max_entries, MAX_PEERS);
	__type(key, struct mac_key);
	__type(value, struct peer_stats);
} peer_stats SEC(".maps");

/* Quarantined MACs; the value is a reason code set by user space. */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, MAX_PEERS);
	__type(key, struct mac_key);
	__type(value, __u32);
} quarantine SEC(".maps");

/* Attested peers allowed when enforcing. */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, MAX_PEERS);
	__type(key, struct mac_key);
	__type(value, __u32);
} allowed SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct guard_config);
} guard_config SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, G_MAX);
	__type(key, __u32);
	__type(value, __u64);
} global_stats SEC(".maps");

static __always_inline void count_global(__u32 which)
{
	__u64 *c = bpf_map_lookup_elem(&global_stats, &which);

	if (c)
		*c += 1;
}

static __always_inline int tcp_port_match(void *l4, void *end, __u16 port)
{
	struct tcphdr *tcp = l4;

	if ((void *)(tcp + 1) > end)
		return 0;
	return tcp->dest == bpf_htons(port) || tcp->source == bpf_htons(port);
}

/* Whether the frame is attestation traffic that passes under enforcement. */
static __always_inline int is_attestation(void *data, void *end, struct ethhdr *eth, __u32 port)
{
	__u16 proto = eth->h_proto;
	void *l3 = data + sizeof(*eth);

	if (proto == bpf_htons(ETH_P_ARP))
		return 1;
	if (proto == bpf_htons(ETH_P_IP)) {
		struct iphdr *ip = l3;

		if ((void *)(ip + 1) > end || ip->protocol != IPPROTO_TCP || port == 0)
			return 0;
		if (ip->ihl < 5)
			return 0;
		return tcp_port_match(l3 + ip->ihl * 4, end, port);
	}
	if (proto == bpf_htons(ETH_P_IPV6)) {
		struct ipv6hdr *ip6 = l3;

		if ((void *)(ip6 + 1) > end)
			return 0;
		if (ip6->nexthdr == IPPROTO_ICMPV6) {
			__u8 *type = (void *)(ip6 + 1);

			if ((void *)(type + 1) > end)
				return 0;
			return *type >= 133 && *type <= 137;
		}
		if (ip6->nexthdr == IPPROTO_TCP && port != 0)
			return tcp_port_match((void *)(ip6 + 1), end, port);
	}
	return 0;
}

SEC("xdp")
int mesh_guard(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	struct mac_key key = {};
	struct peer_stats *ps;
	__u32 zero = 0;
	__u64 len = end - data;
	int drop = 0;

	if ((void *)(eth + 1) > end) {
		count_global(G_MALFORMED);
		return XDP_PASS;
	}
	__builtin_memcpy(key.addr, eth->h_source, ETH_ALEN);

	if (bpf_map_lookup_elem(&quarantine, &key)) {
		drop = G_DROP_QUARANTINE;
	} else {
		struct guard_config *cfg = bpf_map_lookup_elem(&guard_config, &zero);

		if (cfg && cfg->enforcing && !bpf_map_lookup_elem(&allowed, &key)) {
			if (is_attestation(data, end, eth, cfg->attest_port))
				count_global(G_EXEMPT);
			else
				drop = G_DROP_UNATTESTED;
		}
	}

	ps = bpf_map_lookup_elem(&peer_stats, &key);
	if (ps) {
		ps->packets += 1;
		ps->bytes += len;
		if (drop)
			ps->dropped += 1;
	} else {
		struct peer_stats init = { .packets = 1, .bytes = len, .dropped = drop ? 1 : 0 };

		bpf_map_update_elem(&peer_stats, &key, &init, BPF_NOEXIST);
	}

	if (drop) {
		count_global(drop);
		return XDP_DROP;
	}
	count_global(G_PASS);
	return XDP_PASS;
}

char LICENSE[] SEC("license") = "Dual BSD/GPL";
