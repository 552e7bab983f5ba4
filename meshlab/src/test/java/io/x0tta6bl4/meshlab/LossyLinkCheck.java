package io.x0tta6bl4.meshlab;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Check 7 (full lab, the ring): 30 % loss and 50 ms delay (netem, both ends) on B-C while A
 * pings C ten times a second. A's two ways to C are equally long, so the check makes the one
 * through D a little worse for the run (hop penalty 20 on A's vAD and C's vCD): both runs start
 * from the same routes over B and degrade the same link. Run twice in the same lab run,
 * first with batman-adv alone (healing in dry-run on every node: it plans and records, changes
 * nothing), then with healing. Measured each time: how long until both A's route to C and C's
 * route back avoid the lossy link, and how many of the pings were lost. Reported side by side
 * with the goal (five times fewer lost with healing); only a run that measured nothing
 * fails the check.
 */
final class LossyLinkCheck {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PINGS = 600;
    private static final Pattern SUMMARY = Pattern.compile("(\\d+) packets transmitted, (\\d+) received");

    /** What one run measured. */
    record Run(String mode, String lossy, long switchMs, int sent, int received, String healing, String tq) {
        int lost() {
            return sent - received;
        }

        String line() {
            return mode + ": " + lossy + " lossy, both routes around it after " + (switchMs < 0 ? "never"
                    : Report.seconds(Duration.ofMillis(switchMs))) + ", " + lost() + " of " + sent + " pings lost"
                    + " (one-hop TQ over it at the end " + tq + ")";
        }
    }

    private final LabContext ctx;
    private final MeshLab.Node a;
    private final MeshLab.Node via;
    private final MeshLab.Node c;
    private final MeshLab.Node other;
    private final List<MeshLab.Node> nodes;

    LossyLinkCheck(LabContext ctx, MeshLab.Node a, MeshLab.Node via, MeshLab.Node c, MeshLab.Node other,
                   List<MeshLab.Node> nodes) {
        this.ctx = ctx;
        this.a = a;
        this.via = via;
        this.c = c;
        this.other = other;
        this.nodes = nodes;
    }

    void run() throws Exception {
        ctx.sh("modprobe -d /mnt/mods sch_netem");
        String penalty = "ip netns exec " + a.name() + " batctl hardif v" + a.name() + other.name()
                + " hop_penalty %d\nip netns exec " + c.name() + " batctl hardif v" + c.name()
                + other.name() + " hop_penalty %d\n";
        ctx.sh(String.format(penalty, 20, 20));
        Run alone;
        Run healed;
        try {
            alone = once("batman-adv alone", true, 0);
            healed = once("with healing", false, 70_000);
        } finally {
            ctx.sh(String.format(penalty, 0, 0));
        }
        if (alone.lossy().equals("none") || healed.lossy().equals("none")) {
            // batman-adv chose the other way round: nothing to compare, which says nothing about the mesh
            ctx.outcome("7. lossy B-C, batman-adv alone against healing: not measured, the routes did not settle over "
                    + via.name() + " (" + alone.line() + "; " + healed.line() + ")", null, ctx.report().now(), null, "-");
            return;
        }
        String problem = alone.sent() == 0 || healed.sent() == 0 ? "a ping run sent nothing" : null;
        double ratio = healed.lost() == 0 ? Double.POSITIVE_INFINITY : (double) alone.lost() / healed.lost();
        String goal = ratio >= 5 ? "goal of 5x fewer lost with healing met" : String.format(
                "goal of 5x fewer lost with healing NOT met (%.1fx)", ratio);
        ctx.outcome("7. 30 % loss, 50 ms on the link A's route to C takes, A pinging C 10/s: " + healed.line() + "; "
                + goal + "; healing did: " + healed.healing(), problem, ctx.report().now(), null, alone.line());
    }

    /** @param restMs the least time since the last run (batman-adv's 64-OGM window forgets its losses) */
    private Run once(String mode, boolean dryRun, long restMs) throws Exception {
        Report report = ctx.report();
        for (MeshLab.Node n : nodes) {
            ctx.run(n, "heal:dry-run " + (dryRun ? "on" : "off"));
        }
        // a settled mesh: both routes over the link for 10 s
        long stableSince = -1;
        long waitStart = report.now();
        while (report.now() - waitStart < 180_000) {
            String there = nextHop(a, c);
            String back = nextHop(c, a);
            boolean over = there != null && back != null && ctx.lab().nameOf(there).equals(via.name())
                    && ctx.lab().nameOf(back).equals(via.name());
            if (!over) {
                stableSince = -1;
            } else if (stableSince < 0) {
                stableSince = report.now();
            } else if (report.now() - stableSince >= 10_000 && report.now() - waitStart >= restMs) {
                break;
            }
            Thread.sleep(500); // a sample of the routes every half second
        }
        if (stableSince < 0) {
            report.step(mode + ": A's route to C and C's route back were not both over " + via.name() + " within 180 s");
            return new Run(mode, "none", -1, 0, 0, "-", "-");
        }
        String lossy = via.name() + "-" + c.name();
        Map<String, Integer> before = actionCounts(List.of(via, c));
        String near = "v" + via.name() + c.name();
        String far = "v" + c.name() + via.name();
        String out = "/mnt/ping-" + (dryRun ? "alone" : "healing") + ".txt";
        ctx.sh("ip netns exec " + a.name() + " ping -i 0.1 -W 1 -c " + PINGS + " " + c.meshAddress() + " > " + out
                + " 2>&1 &\n");
        // the pings flow over the healthy link first: ten replies before the loss starts
        String start = MeshLabTest.awaitCondition(Duration.ofSeconds(30), () -> {
            long replies = ctx.sh("cat " + out).lines().filter(l -> l.contains("bytes from")).count();
            return replies >= 10 ? null : replies + " replies to A's pings so far";
        });
        if (start != null) {
            report.step(mode + ": the pings did not flow before the loss: " + start);
        }
        long t0 = report.now();
        ctx.sh("ip netns exec " + via.name() + " tc qdisc add dev " + near + " root netem loss 30% delay 50ms\n"
                + "ip netns exec " + c.name() + " tc qdisc add dev " + far + " root netem loss 30% delay 50ms\n");
        report.step(mode + ": netem 30 % loss, 50 ms delay on " + near + " and " + far + " (A's route to C via "
                + via.name() + ")");
        long switched = -1;
        while (report.now() - t0 < 50_000) {
            String there = nextHop(a, c);
            String back = nextHop(c, a);
            // C's route back avoids the link when its next hop is not the lossy link's other end
            if (there != null && back != null && !ctx.lab().nameOf(there).equals(via.name())
                    && !ctx.lab().nameOf(back).equals(via.name())) {
                switched = report.now() - t0;
                break;
            }
            Thread.sleep(250); // a sample of both routes four times a second
        }
        long pingEnd = t0 + PINGS * 100L + 10_000;
        String summary = "";
        while (report.now() < pingEnd + 30_000) {
            summary = ctx.sh("cat " + out);
            if (SUMMARY.matcher(summary).find()) {
                break;
            }
            Thread.sleep(1000); // the ping run ends on its own
        }
        String tq = oneHopTq(via, c);
        ctx.sh("ip netns exec " + via.name() + " tc qdisc del dev " + near + " root\n"
                + "ip netns exec " + c.name() + " tc qdisc del dev " + far + " root\n");
        Matcher m = SUMMARY.matcher(summary);
        int sent = m.find() ? Integer.parseInt(m.group(1)) : 0;
        int received = sent == 0 ? 0 : Integer.parseInt(m.group(2));
        String healing = dryRun ? "dry-run" : actions(List.of(via, c), lossy, before);
        Run r = new Run(mode, lossy, switched, sent, received, healing, tq);
        report.step(r.line() + (dryRun ? "" : "; " + healing));
        return r;
    }

    /** How many actions each incident on the nodes has recorded, by node and incident id. */
    private Map<String, Integer> actionCounts(List<MeshLab.Node> on) throws Exception {
        Map<String, Integer> out = new HashMap<>();
        for (MeshLab.Node n : on) {
            for (JsonNode i : ctx.json(n, "heal:incidents --json")) {
                out.put(n.name() + " " + i.path("id").asText(), i.path("actions").size());
            }
        }
        return out;
    }

    /** What healing ran on the lossy link's two ends during the run: actions recorded since {@code before}. */
    private String actions(List<MeshLab.Node> ends, String lossy, Map<String, Integer> before)
            throws Exception {
        List<String> out = new ArrayList<>();
        for (MeshLab.Node n : ends) {
            for (JsonNode i : ctx.json(n, "heal:incidents --json")) {
                int seen = before.getOrDefault(n.name() + " " + i.path("id").asText(), 0);
                JsonNode acts = i.path("actions");
                for (int k = seen; k < acts.size(); k++) {
                    JsonNode act = acts.get(k);
                    out.add(n.name() + " " + i.path("kind").asText() + " " + i.path("subject").asText() + " "
                            + act.path("action").asText() + " " + act.path("outcome").asText());
                }
            }
        }
        return out.isEmpty() ? "nothing on " + lossy : String.join(", ", out);
    }

    /** The TQ of the near end's route to the far end over their own link, or "-". */
    private String oneHopTq(MeshLab.Node near, MeshLab.Node far) throws Exception {
        String out = ctx.sh("ip netns exec " + near.name() + " batctl meshif bat0 oj");
        String target = ctx.lab().originator(far);
        String farEnd = MeshLab.mac(far, near);
        for (JsonNode o : JSON.readTree(out.substring(Math.max(0, out.indexOf('['))))) {
            if (target.equals(o.path("orig_address").asText()) && farEnd.equals(o.path("neigh_address").asText())) {
                return o.path("tq").asText();
            }
        }
        return "-";
    }

    /** batman-adv's best next hop from one node to another, read with batctl in its namespace; null if none. */
    private String nextHop(MeshLab.Node from, MeshLab.Node to) throws Exception {
        String out = ctx.sh("ip netns exec " + from.name() + " batctl meshif bat0 oj");
        String target = ctx.lab().originator(to);
        for (JsonNode o : JSON.readTree(out.substring(Math.max(0, out.indexOf('['))))) {
            if (target.equals(o.path("orig_address").asText()) && o.path("best").asBoolean()) {
                return o.path("neigh_address").asText();
            }
        }
        return null;
    }
}
