package io.x0tta6bl4.batman.internal;

import java.io.IOException;
import java.time.Instant;
import java.util.List;

import io.x0tta6bl4.batman.internal.alfred.AlfredStatus;
import io.x0tta6bl4.batman.internal.alfred.MeshGraph;

/**
 * The provider's view for the lab's actions: a fresh poll round of the real module, with the
 * batadv-vis graph when one is given, as the poller builds it.
 */
record LabAdmin(NetlinkBackend bat0, MeshGraph graph) implements BatmanAdmin {

    @Override
    public MeshPoller.Snapshot lastPoll() {
        try {
            MeshInfo mesh = bat0.mesh();
            List<Originator> table = bat0.originators();
            Instant now = Instant.now();
            return new MeshPoller.Snapshot(now, mesh, table, MeshRound.of(mesh, table, now, 5000).withGraph(graph), null,
                    java.util.Map.of());
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public BatmanBackend backend() {
        return bat0;
    }

    @Override
    public BatmanConfig config() {
        return BatmanConfig.DEFAULTS;
    }

    @Override
    public long polls() {
        return 1;
    }

    @Override
    public List<Neighbor> neighbors() throws IOException {
        return bat0.neighbors();
    }

    @Override
    public List<HardInterface> interfaces() throws IOException {
        return bat0.interfaces();
    }

    @Override
    public void addInterface(String hardInterface) throws IOException {
        bat0.addInterface(hardInterface);
    }

    @Override
    public void removeInterface(String hardInterface) throws IOException {
        bat0.removeInterface(hardInterface);
    }

    /** A fresh read of the real module, as the poller thread makes it. */
    @Override
    public RespondPart respondPart() {
        RespondPartReader reader = new RespondPartReader(java.nio.file.Path.of("/sys/class/net"), 0, line -> { });
        reader.refresh(bat0, lastPoll(), 0);
        return reader.part();
    }

    @Override
    public FactsView facts() {
        return new FactsView(List.of(), List.of());
    }

    @Override
    public AlfredStatus alfredStatus() throws IOException {
        throw new IOException("not in the lab");
    }
}
