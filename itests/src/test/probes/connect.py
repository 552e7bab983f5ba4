# One TCP connect: connect.py <source port, 0 for any> <host> <port> [source address], with a
# 2 s timeout.
# Prints "connected <first line the server sent>" or "failed <why>" ("failed timeout" when
# nothing answered) and exits 1 on failure. The network tests use it for a SYN from a chosen
# source port and address, as an attacker sends it.
import socket
import sys

sport, host, port = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
source = sys.argv[4] if len(sys.argv) > 4 else ''
s = socket.socket(socket.AF_INET6 if ':' in host else socket.AF_INET, socket.SOCK_STREAM)
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.settimeout(2)
try:
    if sport or source:
        s.bind((source, sport))
    s.connect((host, port))
    print('connected ' + s.recv(64).decode(errors='replace').strip())
except OSError as e:
    print('failed ' + ('timeout' if isinstance(e, socket.timeout) else str(e)))
    sys.exit(1)
