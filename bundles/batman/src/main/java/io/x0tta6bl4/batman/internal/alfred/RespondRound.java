package io.x0tta6bl4.batman.internal.alfred;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import io.x0tta6bl4.api.respondd.CollectedReply;

/**
 * One poll round's Gluon nodes from respondd records (nodeinfo and neighbours in alfred), read
 * one node at a time within one {@link GluonNode.InflateBudget} of {@link GluonNode#MAX_ROUND}
 * bytes: a record that cannot be read, a gzip bomb among them, is skipped with one line and
 * the next node is read.
 */
public final class RespondRound {

    private RespondRound() {
    }

    /**
     * @param originators addresses batman-adv lists (to pick each node's originator)
     * @param described   primaries batadv-vis already describes (left out)
     * @param skipped     one line per record left out
     */
    public static List<VisNode> read(List<AlfredRecord> nodeinfo, List<AlfredRecord> neighbours,
                                     Set<String> originators, Set<String> described, Consumer<String> skipped) {
        Map<String, byte[]> bySource = new HashMap<>();
        neighbours.forEach(r -> bySource.put(r.source(), r.data()));
        GluonNode.InflateBudget budget = new GluonNode.InflateBudget(GluonNode.MAX_ROUND);
        List<VisNode> out = new ArrayList<>();
        for (AlfredRecord r : nodeinfo) {
            try {
                VisNode v = GluonNode.of(r.data(), bySource.get(r.source()), budget).toVis(originators);
                if (v != null && !described.contains(v.primary())) {
                    out.add(v);
                }
            } catch (AlfredFormatException | RuntimeException e) {
                skipped.accept("Skipping the respondd records of " + r.source() + ": " + e.getMessage());
            }
        }
        return out;
    }

    /**
     * The Gluon (or x0tta6bl4) nodes the respondd collector heard by UDP, read exactly as their
     * alfred records are, for nodes neither batadv-vis nor alfred describe already.
     *
     * @param described primaries already described (left out); those read here are added to it
     */
    public static List<VisNode> collected(List<CollectedReply> replies, Set<String> originators,
                                          Set<String> described, Consumer<String> skipped) {
        GluonNode.InflateBudget budget = new GluonNode.InflateBudget(GluonNode.MAX_ROUND);
        List<VisNode> out = new ArrayList<>();
        for (CollectedReply r : replies) {
            try {
                VisNode v = GluonNode.of(r.nodeinfo().getBytes(StandardCharsets.UTF_8),
                        r.neighbours() == null ? null : r.neighbours().getBytes(StandardCharsets.UTF_8), budget)
                        .toVis(originators);
                if (v != null && described.add(v.primary())) {
                    out.add(v);
                }
            } catch (AlfredFormatException | RuntimeException e) {
                skipped.accept("Skipping the collected respondd reply of " + r.nodeId() + ": " + e.getMessage());
            }
        }
        return out;
    }
}
