# TCP listeners for the network tests (itests' EbpfXdpIT, the mesh lab), one per argument:
# "port" listens on all addresses, IPv4 and IPv6; "<ipv6>@port" on that IPv6 address only (so
# an IPv4 socket of the same namespace can still bind the port as its source port). Each
# accepted connection gets "hello <port>" and is closed by the listener (so the client keeps
# no TIME_WAIT on its port). Exits when its stdin closes, or after 300 s whatever happens.
import signal
import socket
import sys
import threading

signal.alarm(300)


def serve(s, port):
    while True:
        c, _ = s.accept()
        c.sendall(b'hello %d\n' % port)
        c.close()


for a in sys.argv[1:]:
    addr, _, port = a.rpartition('@')
    s = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1 if addr else 0)
    s.bind((addr or '::', int(port)))
    s.listen(16)
    threading.Thread(target=serve, args=(s, int(port)), daemon=True).start()
sys.stdin.read()
