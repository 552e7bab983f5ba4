package io.x0tta6bl4.batman.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.x0tta6bl4.api.respondd.CollectedReply;

import io.x0tta6bl4.batman.internal.alfred.AlfredClient;
import io.x0tta6bl4.batman.internal.alfred.AlfredRecord;
import io.x0tta6bl4.batman.internal.alfred.GluonNode;
import io.x0tta6bl4.batman.internal.alfred.MeshGraph;
import io.x0tta6bl4.batman.internal.alfred.RespondRound;
import io.x0tta6bl4.batman.internal.alfred.VisNode;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the rest of the mesh says about its links, read from alfred when due: batadv-vis
 * records, and Gluon nodes' respondd records for nodes batadv-vis does not describe. They
 * feed the topology only, never attestation or the allow list (they are unsigned). Used on
 * the poller thread only.
 */
final class VisReader {

    private static final Logger LOG = LoggerFactory.getLogger(VisReader.class);

    private final OnceLog respondSkipped = new OnceLog(LOG::warn);
    private MeshGraph graph;
    private long readAt;
    private String lastError;

    /**
     * The graph of the newest records, read again once {@code vis.interval.ms} has passed; null
     * when off, when alfred has none, or when alfred cannot be read.
     *
     * @param last the poller's last round, whose originators tell Gluon nodes of this mesh apart
     */
    MeshGraph graph(BatmanConfig c, MeshPoller.Snapshot last, long now) {
        return graph(c, last, now, List.of());
    }

    /**
     * As {@link #graph(BatmanConfig, MeshPoller.Snapshot, long)}, with the replies the respondd
     * collector heard by UDP joined like Gluon nodes' respondd records in alfred (for nodes
     * neither describes); they count even when alfred cannot be read.
     */
    MeshGraph graph(BatmanConfig c, MeshPoller.Snapshot last, long now, List<CollectedReply> collected) {
        if (c.visIntervalMs() == 0) {
            graph = null;
            return null;
        }
        if (now - readAt < c.visIntervalMs()) {
            return graph;
        }
        readAt = now;
        List<VisNode> records = new ArrayList<>();
        Set<String> primaries = new HashSet<>();
        try {
            AlfredClient alfred = new AlfredClient(Path.of(c.alfredSocket()));
            for (AlfredRecord r : alfred.read(VisNode.ALFRED_TYPE)) {
                try {
                    VisNode v = VisNode.decode(r.data());
                    records.add(v);
                    primaries.add(v.primary());
                } catch (IOException e) {
                    LOG.debug("Skipping the batadv-vis record of {}: {}", r.source(), e.getMessage());
                }
            }
            List<VisNode> gluon = gluonRecords(alfred, primaries, last);
            records.addAll(gluon);
            gluon.forEach(v -> primaries.add(v.primary()));
            lastError = null;
        } catch (IOException | RuntimeException e) {
            if (!String.valueOf(e.getMessage()).equals(lastError)) {
                lastError = String.valueOf(e.getMessage());
                LOG.info("No batadv-vis data from alfred (only this node's links{} are reported): {}",
                        collected.isEmpty() ? "" : " and those of respondd replies", lastError);
            }
        }
        try {
            records.addAll(RespondRound.collected(collected, originators(last), primaries, respondSkipped::accept));
            graph = records.isEmpty() ? null : MeshGraph.of(records);
        } catch (RuntimeException e) {
            graph = null;
            LOG.warn("Cannot join the mesh's records into a graph (only this node's links are reported): {}",
                    e.toString());
        }
        return graph;
    }

    private static Set<String> originators(MeshPoller.Snapshot last) {
        Set<String> originators = new HashSet<>();
        if (last != null) {
            last.originators().forEach(o -> originators.add(o.address()));
            if (last.round() != null) {
                originators.add(last.round().self().value());
            }
        }
        return originators;
    }

    /** Gluon nodes (respondd nodeinfo and neighbours in alfred) not already described by batadv-vis. */
    private List<VisNode> gluonRecords(AlfredClient alfred, Set<String> described, MeshPoller.Snapshot last)
            throws IOException {
        return RespondRound.read(alfred.read(GluonNode.NODEINFO), alfred.read(GluonNode.NEIGHBOURS), originators(last),
                described, respondSkipped::accept);
    }
}
