package io.x0tta6bl4.meshlab;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;

/**
 * Runs Karaf shell commands on a lab node over its SSH console, as an operator would.
 */
final class KarafSsh implements AutoCloseable {

    record Result(int exit, String out) {
    }

    private final SshClient client;
    private final String host;
    private final int port;
    private volatile ClientSession session;

    KarafSsh(SshClient client, String host, int port) {
        this.client = client;
        this.host = host;
        this.port = port;
    }

    static SshClient newClient() {
        SshClient c = SshClient.setUpDefaultClient();
        // Every lab node makes a new host key on its first start.
        c.setServerKeyVerifier(AcceptAllServerKeyVerifier.INSTANCE);
        c.start();
        return c;
    }

    /**
     * Runs one command on a session of its own: Karaf's SSH server closes the session when
     * an exec command ends, so a session cannot carry a second command.
     */
    synchronized Result run(String command, Duration timeout) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ClientSession session = client.connect("karaf", host, port).verify(timeout).getSession()) {
            this.session = session;
            session.addPasswordIdentity("karaf");
            session.auth().verify(timeout);
            try (ChannelExec channel = session.createExecChannel(command)) {
                channel.setOut(out);
                channel.setErr(out);
                channel.open().verify(timeout);
                Set<ClientChannelEvent> events = channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), timeout);
                if (!events.contains(ClientChannelEvent.CLOSED)) {
                    throw new IOException("'" + command + "' on " + host + " did not finish within " + timeout);
                }
                Integer exit = channel.getExitStatus();
                return new Result(exit == null ? 0 : exit, out.toString(StandardCharsets.UTF_8));
            }
        } finally {
            this.session = null;
        }
    }

    @Override
    public void close() {
        ClientSession s = session;
        if (s != null) {
            s.close(true);
        }
    }
}
