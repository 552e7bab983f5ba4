package io.x0tta6bl4.batman.internal.ethtool;

import com.sun.jna.Library;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;

/** The libc calls of the ethtool ioctl. */
interface LibcIoctl extends Library {

    int AF_INET = 2;
    int SOCK_DGRAM = 2;
    int SOCK_CLOEXEC = 02000000;
    long SIOCETHTOOL = 0x8946;

    int socket(int domain, int type, int protocol);

    int ioctl(int fd, NativeLong request, Pointer arg);

    int close(int fd);

    String strerror(int errnum);
}
