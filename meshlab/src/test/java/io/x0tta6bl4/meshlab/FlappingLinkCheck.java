package io.x0tta6bl4.meshlab;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Check 6 (full lab, the ring): B's end of B-C goes down and up every 2 s. B's batman provider
 * posts LINK_DOWN/LINK_UP B->C at each flap, healing damps the link into one FLAPPING incident
 * whose withdraw-interface takes vBC out of B's bat0, and B reaches C the other way round while
 * the flapping goes on, with no new incident about the link. With the flapping over, the damping
 * decays (half-life set to 30 s for the check), the incident resolves and vBC is back in bat0.
 */
final class FlappingLinkCheck {

    static final String HALF_LIFE_MS = "30000";

    private final LabContext ctx;
    private final MeshLab.Node near;
    private final MeshLab.Node far;
    private final String iface;
    private final String subject;

    FlappingLinkCheck(LabContext ctx, MeshLab.Node near, MeshLab.Node far) {
        this.ctx = ctx;
        this.near = near;
        this.far = far;
        this.iface = "v" + near.name() + far.name();
        this.subject = ctx.lab().originator(near) + "->" + ctx.lab().originator(far);
    }

    void run() throws Exception {
        Report report = ctx.report();
        for (MeshLab.Node n : List.of(near, far)) {
            ctx.run(n, "config:property-set -p io.x0tta6bl4.healing damping.half-life.ms " + HALF_LIFE_MS);
        }
        String pid = "/mnt/flap-" + iface + ".pid";
        long t0 = report.now();
        ctx.sh("(while :; do ip -n " + near.name() + " link set " + iface + " down; sleep 2; ip -n " + near.name()
                + " link set " + iface + " up; sleep 2; done) >/dev/null 2>&1 &\necho $! > " + pid + "\n");
        report.step(near.name() + "'s " + iface + " goes down and up every 2 s (" + subject + ")");
        Duration limit = Duration.ofSeconds(90);
        String[] withdrawn = new String[1];
        String problem = MeshLabTest.awaitCondition(limit, () -> {
            JsonNode f = flapping().orElse(null);
            if (f == null) {
                return "no FLAPPING incident about " + subject + " on " + near.name() + " yet";
            }
            for (JsonNode a : f.path("actions")) {
                if ("withdraw-interface".equals(a.path("action").asText())) {
                    withdrawn[0] = a.path("outcome").asText() + " " + a.path("details").asText();
                    return "SUCCEEDED".equals(a.path("outcome").asText()) ? null : "withdraw-interface: " + withdrawn[0];
                }
            }
            return "FLAPPING incident " + f.path("id").asText() + " has not run withdraw-interface yet";
        });
        long tOut = report.now();
        ctx.outcome("6a. " + near.name() + " damps the flapping link into one FLAPPING incident and withdraw-interface "
                + "takes " + iface + " out of bat0", problem, t0, limit, "batman-adv follows the link up and down");
        if (problem != null) {
            stop(pid);
            return;
        }
        report.step(near.name() + ": " + withdrawn[0]);

        // the flapping goes on for five more periods with the interface out
        long keepOn = report.now();
        String master = "";
        while (report.now() - keepOn < 20_000) {
            master = ctx.sh("ip -n " + near.name() + " -o link show " + iface);
            if (master.contains("master bat0")) {
                break;
            }
            Thread.sleep(1000); // a sample a second while the flapping goes on
        }
        String stillOut = master.contains("master bat0") ? iface + " is back in bat0 while the link still flaps: "
                + master.strip() : null;
        String reach = ctx.sh("ip netns exec " + near.name() + " ping -c 3 -W 2 " + far.meshAddress()
                + " >/dev/null && echo reached || echo unreachable").strip();
        String via = bestNextHop(near, far);
        List<String> about = incidentsAbout(near);
        long flaps = about.stream().filter(k -> k.startsWith("FLAPPING")).count();
        String storm = flaps != 1 ? flaps + " FLAPPING incidents about " + subject + ": " + about : null;
        String wrong = stillOut != null ? stillOut : storm != null ? storm
                : !"reached".equals(reach) ? near.name() + " cannot reach " + far.name() + " with " + iface + " out"
                : via.equals(far.name()) ? near.name() + " still routes to " + far.name() + " directly" : null;
        ctx.outcome("6b. with " + iface + " out and the link still flapping for 20 s: " + near.name() + " reaches "
                + far.name() + " through " + via + ", incidents about the link: " + about, wrong, keepOn, null, "-");
        report.step(far.name() + "'s incidents about its end of the link: " + incidentsAbout(far,
                ctx.lab().originator(far) + "->" + ctx.lab().originator(near)));

        stop(pid);
        long tStop = report.now();
        Duration back = Duration.ofSeconds(150);
        problem = MeshLabTest.awaitCondition(back, () -> {
            JsonNode f = flapping().orElse(null);
            String state = f == null ? "gone" : f.path("state").asText();
            String link = ctx.sh("ip -n " + near.name() + " -o link show " + iface);
            return "RESOLVED".equals(state) && link.contains("master bat0") ? null
                    : "FLAPPING incident " + state + ", " + iface + (link.contains("master bat0") ? " in" : " not in")
                    + " bat0";
        });
        ctx.outcome("6c. flapping over: the damping is released (half-life " + HALF_LIFE_MS + " ms), the incident "
                + "resolves and " + iface + " is back in bat0", problem, tStop, back, "-");
        report.step("(flapping started to " + iface + " out: " + Report.seconds(Duration.ofMillis(tOut - t0)) + ")");
    }

    private void stop(String pid) throws Exception {
        ctx.sh("kill $(cat " + pid + ") 2>/dev/null; sleep 0.2; ip -n " + near.name() + " link set " + iface + " up\n");
    }

    private Optional<JsonNode> flapping() throws Exception {
        List<JsonNode> out = new ArrayList<>();
        ctx.json(near, "heal:incidents --json").forEach(out::add);
        return out.stream().filter(i -> "FLAPPING".equals(i.path("kind").asText())
                && subject.equals(i.path("subject").asText())).findFirst();
    }

    private List<String> incidentsAbout(MeshLab.Node on) throws Exception {
        return incidentsAbout(on, subject);
    }

    private List<String> incidentsAbout(MeshLab.Node on, String link) throws Exception {
        List<String> out = new ArrayList<>();
        for (JsonNode i : ctx.json(on, "heal:incidents --json")) {
            if (link.equals(i.path("subject").asText())) {
                out.add(i.path("kind").asText() + " " + i.path("state").asText());
            }
        }
        return out;
    }

    private String bestNextHop(MeshLab.Node from, MeshLab.Node to) throws Exception {
        for (JsonNode o : ctx.json(from, "batman:originators --json")) {
            if (ctx.lab().originator(to).equals(o.path("address").asText()) && o.path("best").asBoolean()) {
                return ctx.lab().nameOf(o.path("neighbor").asText());
            }
        }
        return "none";
    }
}
