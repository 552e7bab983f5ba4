# One router advertisement: router_advertisement.py <interface> <prefix> [router lifetime s],
# to ff02::1 with hop limit 255 and a SLAAC prefix option <prefix>/64 (the kernel computes
# the ICMPv6 checksum). The router lifetime defaults to 1800 s; 0 announces the prefix only,
# so a receiver gains an address but no default route.
import socket
import struct
import sys

lifetime = int(sys.argv[3]) if len(sys.argv) > 3 else 1800
s = socket.socket(socket.AF_INET6, socket.SOCK_RAW, socket.IPPROTO_ICMPV6)
s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_MULTICAST_HOPS, 255)
ra = struct.pack('!BBHBBHII', 134, 0, 0, 64, 0, lifetime, 0, 0)
pio = struct.pack('!BBBBIII16s', 3, 4, 64, 0xc0, 86400, 14400, 0, socket.inet_pton(socket.AF_INET6, sys.argv[2]))
s.sendto(ra + pio, ('ff02::1', 0, 0, socket.if_nametoindex(sys.argv[1])))
