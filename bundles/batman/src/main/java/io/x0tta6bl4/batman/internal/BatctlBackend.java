package io.x0tta6bl4.batman.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * batman-adv through the batctl command and its JSON tables, for hosts where this process
 * may run batctl (setuid or sudo wrapper) but not open netlink sockets itself.
 */
public final class BatctlBackend implements BatmanBackend {

    private static final long TIMEOUT_MS = 5_000;

    private final String batctl;
    private final String meshInterface;

    public BatctlBackend(String batctl, String meshInterface) {
        this.batctl = batctl;
        this.meshInterface = meshInterface;
    }

    @Override
    public String name() {
        return "batctl";
    }

    @Override
    public String meshInterface() {
        return meshInterface;
    }

    @Override
    public MeshInfo mesh() throws IOException {
        return BatctlJson.mesh(meshif("mj"));
    }

    @Override
    public List<Originator> originators() throws IOException {
        return BatctlJson.originators(meshif("oj"));
    }

    @Override
    public List<Neighbor> neighbors() throws IOException {
        return BatctlJson.neighbors(meshif("nj"));
    }

    @Override
    public List<HardInterface> interfaces() throws IOException {
        return BatctlJson.interfaces(meshif("hj"));
    }

    @Override
    public List<Gateway> gateways() throws IOException {
        return BatctlJson.gateways(meshif("gwj"));
    }

    @Override
    public List<TranslationEntry> globalTranslations() throws IOException {
        return BatctlJson.translations(meshif("tgj"));
    }

    @Override
    public List<TranslationEntry> localTranslations() throws IOException {
        return BatctlJson.translations(meshif("tlj"));
    }

    @Override
    public void createMesh(String algorithm) throws IOException {
        if (algorithm == null) {
            meshif("interface", "create");
        } else {
            meshif("interface", "create", "routing_algo", algorithm);
        }
    }

    @Override
    public void addInterface(String hardInterface) throws IOException {
        meshif("interface", "add", hardInterface);
    }

    @Override
    public void removeInterface(String hardInterface) throws IOException {
        meshif("interface", "del", hardInterface);
    }

    @Override
    public void setOrigInterval(long intervalMs) throws IOException {
        meshif("orig_interval", Long.toString(intervalMs));
    }

    @Override
    public void setHopPenalty(HardInterface hard, int penalty) throws IOException {
        run(List.of(batctl, "hardif", hard.name(), "hop_penalty", Integer.toString(penalty)));
    }

    @Override
    public void setThroughputOverride(HardInterface hard, long override) throws IOException {
        // batctl reads a bare number as Mbit/s; the kernel's unit is 100 kbit/s
        run(List.of(batctl, "hardif", hard.name(), "throughput_override", (override * 100) + "kbit"));
    }

    @Override
    public void setGatewayMode(GatewayMode mode) throws IOException {
        if (mode.isServer()) {
            meshif("gw_mode", GatewayMode.SERVER, (mode.downUnits() * 100) + "kbit/" + (mode.upUnits() * 100) + "kbit");
        } else {
            meshif("gw_mode", mode.mode());
        }
    }

    private String meshif(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(batctl, "meshif", meshInterface));
        command.addAll(List.of(args));
        return run(command);
    }

    private String run(List<String> command) throws IOException {
        Path out = Files.createTempFile("x0tta6bl4-batctl-", ".out");
        Process p = null;
        try {
            // Output goes to a file, so a batctl that hangs with the pipe open cannot block us past the timeout.
            p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            if (!p.waitFor(TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
                throw new IOException(String.join(" ", command) + " did not finish within " + TIMEOUT_MS + " ms");
            }
            String text = Files.readString(out, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                String first = text.lines().findFirst().orElse("").trim();
                throw new IOException(String.join(" ", command) + " failed (exit " + p.exitValue() + "): " + first);
            }
            return text;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running batctl");
        } finally {
            if (p != null) {
                p.destroyForcibly();
            }
            Files.deleteIfExists(out);
        }
    }

    @Override
    public void close() {
        // Nothing held between calls.
    }
}
