package io.x0tta6bl4.batman.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import io.x0tta6bl4.api.healing.ActionRequest;
import io.x0tta6bl4.api.healing.ActionResult;
import io.x0tta6bl4.batman.internal.alfred.MeshGraph;

/**
 * steer-link run by the kernel lab against the real module: the action with the provider's view
 * of the mesh (originator table and batadv-vis graph), no healing around it. Returns what it saw.
 */
public final class LabSteering {

    private LabSteering() {
    }

    public static Map<String, String> steer(NetlinkBackend bat0, MeshGraph graph, String link, String peer, Path book)
            throws Exception {
        Map<String, String> out = new LinkedHashMap<>();
        SteerLinkAction action = new SteerLinkAction(new LabAdmin(bat0, graph), System::currentTimeMillis);
        action.start(book, Map.of());
        try {
            ActionRequest request = new ActionRequest("lab-1", "LINK_DEGRADED", link, 1, Map.of());
            ActionResult r = action.execute(request);
            out.put("outcome", r.outcome().name());
            out.put("details", r.details());
            out.put("best.during", best(bat0, peer));
            out.put("hopPenalty.during", hopPenalties(bat0));
            ActionResult back = action.rollback(request);
            out.put("rollback", back.details());
            out.put("hopPenalty.after", hopPenalties(bat0));
        } finally {
            action.deactivate();
        }
        return out;
    }

    private static String best(NetlinkBackend bat0, String peer) throws IOException {
        return bat0.originators().stream().filter(o -> o.address().equals(peer) && o.best())
                .map(Originator::hardIfname).findFirst().orElse("none");
    }

    private static String hopPenalties(NetlinkBackend bat0) throws IOException {
        return String.join(",", bat0.interfaces().stream().map(h -> h.name() + "=" + h.hopPenalty()).toList());
    }
}
