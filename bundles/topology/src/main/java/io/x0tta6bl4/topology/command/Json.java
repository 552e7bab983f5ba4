package io.x0tta6bl4.topology.command;

import java.util.List;
import java.util.Map;

import io.x0tta6bl4.api.topology.Link;
import io.x0tta6bl4.api.topology.LinkId;
import io.x0tta6bl4.api.topology.LinkPenalty;
import io.x0tta6bl4.support.json.TopologyJson;

/** What the commands' --json adds to the shared shapes of {@link TopologyJson}: a link's penalty. */
final class Json {

    private Json() {
    }

    static List<Map<String, Object>> links(List<Link> links, Map<LinkId, LinkPenalty> penalties) {
        return links.stream().map(l -> {
            Map<String, Object> m = TopologyJson.link(l);
            LinkPenalty p = LinksCommand.penaltyOf(penalties, l.id());
            m.put("penalty", p == null ? null : TopologyJson.penalty(p));
            return m;
        }).toList();
    }
}
