package io.x0tta6bl4.benchmarks.footprint;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;

/**
 * Karaf's console over SSH, the way {@code bin/client} reaches it but from this process: polling a
 * booting Karaf with {@code bin/client} would start a JVM per try and take CPU from the boot it
 * measures.
 */
final class KarafShell implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final SshClient client;

    KarafShell() {
        client = SshClient.setUpDefaultClient();
        client.setServerKeyVerifier(AcceptAllServerKeyVerifier.INSTANCE);
        client.start();
    }

    /** What {@code command} printed, if {@code karaf} answered it with exit status 0; empty while it cannot. */
    Optional<String> run(KarafHome karaf, String command) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ClientSession session = client.connect(KarafHome.USER, "127.0.0.1", karaf.sshPort()).verify(TIMEOUT)
                .getSession()) {
            session.addPasswordIdentity(KarafHome.USER);
            session.auth().verify(TIMEOUT);
            try (ChannelExec channel = session.createExecChannel(command)) {
                channel.setOut(out);
                channel.setErr(out);
                channel.open().verify(TIMEOUT);
                Set<ClientChannelEvent> events = channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), TIMEOUT);
                Integer status = channel.getExitStatus();
                if (!events.contains(ClientChannelEvent.CLOSED) || status == null || status != 0) {
                    return Optional.empty();
                }
                return Optional.of(out.toString(StandardCharsets.UTF_8));
            }
        } catch (IOException | RuntimeException e) {
            // not listening yet, or the console is not up: the caller polls again
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        client.stop();
    }
}
