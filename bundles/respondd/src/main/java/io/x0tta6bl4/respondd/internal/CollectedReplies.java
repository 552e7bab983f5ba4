package io.x0tta6bl4.respondd.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import io.x0tta6bl4.api.respondd.CollectedReply;
import io.x0tta6bl4.api.respondd.RespondProvider;
import io.x0tta6bl4.api.topology.NodeAttributes;
import io.x0tta6bl4.api.topology.provider.NodeObservation;

/**
 * The round's replies as {@link CollectedReply}s for a mesh provider: only those that described a
 * node the topology has up (a reply about nobody it knows joins no graph either), nodeinfo and
 * neighbours as JSON text of at most {@value #MAX_CHARS} characters each (a longer part is left
 * out: a real one is 1-3 KiB).
 */
final class CollectedReplies {

    static final int MAX_CHARS = 16 * 1024;

    private CollectedReplies() {
    }

    static List<CollectedReply> of(Collection<Collector.Heard> heard, List<NodeObservation> described) {
        Set<String> describedIds = new HashSet<>();
        Set<String> verifiedIds = new HashSet<>();
        for (NodeObservation o : described) {
            String id = o.attributes().get(NodeAttributes.RESPONDD_NODE_ID);
            describedIds.add(id);
            if ("true".equals(o.attributes().get(NodeAttributes.VERIFIED))) {
                verifiedIds.add(id);
            }
        }
        Instant now = Instant.now();
        List<CollectedReply> out = new ArrayList<>();
        for (Collector.Heard h : heard) {
            String id = h.facts().nodeId();
            String nodeinfo = text(h.reply().get(RespondProvider.NODEINFO));
            if (describedIds.contains(id) && nodeinfo != null) {
                out.add(new CollectedReply(id, nodeinfo, text(h.reply().get(RespondProvider.NEIGHBOURS)),
                        verifiedIds.contains(id), now));
            }
        }
        return List.copyOf(out);
    }

    private static String text(JsonNode part) {
        if (part == null || !part.isObject()) {
            return null;
        }
        String json = part.toString();
        return json.length() <= MAX_CHARS ? json : null;
    }
}
