package io.x0tta6bl4.batman.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Reads the captured batman-adv fixtures from the test classpath (see batman-adv/README.md). */
public final class Fixtures {

    public static final String[] PHASES = {"converged", "steady", "down-5s", "down-final"};
    public static final String[] NODES = {"A", "B", "C"};

    private Fixtures() {
    }

    public static boolean exists(String phase, String node, String file) {
        return Fixtures.class.getResource(path(phase, node, file)) != null;
    }

    public static byte[] bytes(String phase, String node, String file) {
        String path = path(phase, node, file);
        try (InputStream in = Fixtures.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String text(String phase, String node, String file) {
        return new String(bytes(phase, node, file), StandardCharsets.UTF_8);
    }

    private static String path(String phase, String node, String file) {
        return "/batman-adv/uml/" + phase + "/" + node + "/" + file;
    }
}
