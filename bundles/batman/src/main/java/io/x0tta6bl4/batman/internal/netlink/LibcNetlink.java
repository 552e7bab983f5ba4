package io.x0tta6bl4.batman.internal.netlink;

import com.sun.jna.Library;
import com.sun.jna.NativeLong;

/** The libc socket calls a netlink client needs. */
interface LibcNetlink extends Library {

    int AF_NETLINK = 16;
    int SOCK_RAW = 3;
    int SOCK_CLOEXEC = 02000000;
    int SOL_SOCKET = 1;
    int SO_RCVTIMEO = 20;
    int SOL_NETLINK = 270;
    int NETLINK_EXT_ACK = 11;

    int socket(int domain, int type, int protocol);

    int bind(int fd, byte[] addr, int addrlen);

    NativeLong sendto(int fd, byte[] buf, NativeLong len, int flags, byte[] addr, int addrlen);

    NativeLong recv(int fd, byte[] buf, NativeLong len, int flags);

    int setsockopt(int fd, int level, int name, byte[] value, int len);

    int close(int fd);

    int if_nametoindex(String name);

    String strerror(int errnum);
}
