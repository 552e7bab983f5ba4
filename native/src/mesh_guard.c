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
 * Exemptions: under enforcement a peer that is not yet attested must still be able to prove
 * who it is, and nothing else. From a source MAC that is not on the allow list only these
 * frames pass (everything else is dropped: IPv4 and IPv6 to any other port, UDP, ICMP,
 * batman-adv frames (ethertype 0x4305), VLAN-tagged frames, any other ethertype):
 *   - ARP. IPv4 cannot reach the attestation listener without resolving its address, and ARP
 *     is link-local by nature: it reaches no socket and no routing, only the neighbour
 *     cache, which an unattested neighbour can touch with any frame it sends anyway.
 *   - ICMPv6 neighbour solicitation and advertisement (types 135 and 136, code 0) directly
 *     after the IPv6 header, and only with hop limit 255: RFC 4861 7.1.1 has a receiver
 *     discard neighbour discovery with another hop limit, since 255 proves the sender is on
 *     the link. These are IPv6's ARP. Router solicitation and advertisement (133, 134),
 *     redirect (137), echo and every other ICMPv6 message are dropped: an RA would hand an
 *     attacker the node's default route and addresses, a redirect its next hop.
 *   - TCP to destination port guard_config.attest_port (the mTLS attestation listener),
 *     IPv4 or IPv6: the incoming attestation itself.
 *   - TCP from source port guard_config.attest_port only with the ACK flag set: the replies
 *     to this node's own outgoing attestation of that peer (SYN-ACK, then data). This
 *     program is stateless (no conntrack), so it cannot know that a connection was ours;
 *     it lets through only what cannot open a connection to a local listener. A listener
 *     opens one on a bare SYN; a segment with ACK set that matches no connection is
 *     answered with a RST (a SYN cookie, checked only right after the SYN queue overflowed,
 *     would have to be guessed). A bare SYN with source port attest_port, which is how an
 *     attacker would reach SSH or any other port "from" the attestation port, is dropped.
 *   TCP is exempt only when it is whole and directly behind the IP header: IPv4 fragments
 *   (a non-first fragment has no TCP header to check, a first one could be overlapped by
 *   later ones) and IPv6 with extension headers before TCP (a fragment or routing header)
 *   are dropped. attest_port 0 exempts no TCP at all.
 * Quarantine wins over every exemption: a quarantined peer gets nothing through.
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

/* RFC 4861 7.1.1: neighbour discovery is valid only with hop limit 255 (sent on the link). */
#define ND_HOP_LIMIT 255
#define ICMPV6_NEIGHBOUR_SOLICITATION 135
#define ICMPV6_NEIGHBOUR_ADVERTISEMENT 136
/* IPv4 frag_off: more-fragments flag and fragment offset (network order on the wire). */
#define IP_MF_OFFSET 0x3fff

/*
 * Whether a whole TCP segment at l4 is attestation traffic: to the attestation port, or a
 * reply from it with ACK set (see the header: a segment with ACK cannot open a connection).
 */
static __always_inline int tcp_attestation(void *l4, void *end, __u16 port)
{
	struct tcphdr *tcp = l4;

	if ((void *)(tcp + 1) > end)
		return 0;
	if (tcp->dest == bpf_htons(port))
		return 1;
	return tcp->source == bpf_htons(port) && tcp->ack;
}

/* Whether the frame is exempt from enforcement (the exemptions of the file header). */
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
		if (ip->ihl < 5 || (ip->frag_off & bpf_htons(IP_MF_OFFSET)))
			return 0;
		return tcp_attestation(l3 + ip->ihl * 4, end, port);
	}
	if (proto == bpf_htons(ETH_P_IPV6)) {
		struct ipv6hdr *ip6 = l3;

		if ((void *)(ip6 + 1) > end)
			return 0;
		if (ip6->nexthdr == IPPROTO_ICMPV6) {
			__u8 *icmp = (void *)(ip6 + 1);

			if ((void *)(icmp + 2) > end || ip6->hop_limit != ND_HOP_LIMIT || icmp[1] != 0)
				return 0;
			return icmp[0] == ICMPV6_NEIGHBOUR_SOLICITATION || icmp[0] == ICMPV6_NEIGHBOUR_ADVERTISEMENT;
		}
		/* only TCP straight behind the fixed header: extension headers are not exempt */
		if (ip6->nexthdr == IPPROTO_TCP && port != 0)
			return tcp_attestation((void *)(ip6 + 1), end, port);
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
