package io.x0tta6bl4.ebpf.internal.kernel;

import com.sun.jna.Library;

/** The few libc calls the loader needs: namespaces, descriptors, interface indexes. */
interface LibcNative extends Library {

    int O_RDONLY = 0;
    int O_CLOEXEC = 02000000;
    int CLONE_NEWNET = 0x40000000;

    int open(String path, int flags);

    int close(int fd);

    int setns(int fd, int nstype);

    int if_nametoindex(String name);

    String strerror(int errnum);
}
