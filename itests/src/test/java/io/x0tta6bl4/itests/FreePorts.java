package io.x0tta6bl4.itests;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports for a process the test starts later. A port the kernel hands out for {@code bind(0)}
 * comes from the ephemeral range, and between closing it and the process binding it any
 * outgoing connection on the machine may take it (seen in CI: Karaf's SSH server failed with
 * "Address already in use" while another build ran). Below that range (32768 and up by
 * default) only a listener can take it.
 */
final class FreePorts {

    private static final int LOW = 20_000;
    private static final int HIGH = 32_000;

    private FreePorts() {
    }

    static int next() {
        for (int tries = 0; tries < 200; tries++) {
            int port = ThreadLocalRandom.current().nextInt(LOW, HIGH);
            try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getByName("0.0.0.0"))) {
                return port;
            } catch (IOException inUse) {
                // taken: try another
            }
        }
        throw new IllegalStateException("no free port in " + LOW + ".." + HIGH + " after 200 tries");
    }
}
