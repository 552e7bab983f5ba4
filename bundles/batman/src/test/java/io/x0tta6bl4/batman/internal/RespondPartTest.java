package io.x0tta6bl4.batman.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.x0tta6bl4.api.respondd.RespondProvider;

/** batman-adv's respondd part from the real module's captured tables (node B of the line A-B-C). */
class RespondPartTest {

    /** A mesh interface whose driver counters are not there: rx and tx come from sysfs. */
    static final RespondPartReader.DriverCounters NO_DRIVER_COUNTERS = ifname -> Map.of();

    @TempDir
    Path sys;

    private static final String B = "02:00:00:00:02:01";
    private static final String B_VBC = "02:00:00:00:02:03";

    private MeshPoller.Snapshot snapshot(BatmanBackend backend) throws IOException {
        MeshInfo mesh = backend.mesh();
        List<Originator> table = backend.originators();
        Instant now = Instant.now();
        return new MeshPoller.Snapshot(now, mesh, table, MeshRound.of(mesh, table, now, 5000), null, Map.of());
    }

    private void sysfs(String ifname, String file, String text) throws IOException {
        Path p = sys.resolve(ifname).resolve(file);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    @SuppressWarnings("unchecked")
    private static <T> T at(Map<String, Object> tree, String... path) {
        Object o = tree;
        for (String key : path) {
            o = ((Map<String, Object>) o).get(key);
        }
        return (T) o;
    }

    @Test
    void nodeinfoNamesThePrimaryMacAndTheHardInterfacesByKind() throws IOException {
        sysfs("vBA", "uevent", "DEVTYPE=vxlan\nINTERFACE=vBA\n");
        Files.createDirectories(sys.resolve("vBC").resolve("phy80211"));
        FixtureBackend backend = new FixtureBackend("steady", "B");
        RespondPartReader reader = new RespondPartReader(sys, 0, NO_DRIVER_COUNTERS, line -> { });
        reader.refresh(backend, snapshot(backend), 0);
        Map<String, Object> info = reader.part().part(RespondProvider.NODEINFO);

        assertEquals("020000000201", info.get("node_id"));
        assertEquals(B, at(info, "network", "mac"));
        assertEquals(List.of(B), at(info, "network", "mesh", "bat0", "interfaces", "tunnel"));
        assertEquals(List.of(B_VBC), at(info, "network", "mesh", "bat0", "interfaces", "wireless"));
        assertEquals("2022.3", at(info, "software", "batman-adv", "version"));
        assertEquals(15, (int) at(info, "software", "batman-adv", "compat"));
    }

    @Test
    void neighboursArePerHardInterfaceWithTqAndLastSeenInSeconds() throws IOException {
        FixtureBackend backend = new FixtureBackend("steady", "B");
        RespondPartReader reader = new RespondPartReader(sys, 0, NO_DRIVER_COUNTERS, line -> { });
        reader.refresh(backend, snapshot(backend), 0);
        Map<String, Object> n = reader.part().part(RespondProvider.NEIGHBOURS);

        Map<String, Object> a = at(n, "batadv", B, "neighbours", "02:00:00:00:01:02");
        assertEquals(255, a.get("tq"));
        long ms = backend.originators().stream().filter(o -> o.address().equals("02:00:00:00:01:02") && o.direct())
                .findFirst().orElseThrow().lastSeenMs();
        assertEquals(ms / 1000.0, (double) a.get("lastseen"), 1e-9); // respondd's lastseen is in seconds
        assertTrue(ms > 0);
        Map<String, Object> c = at(n, "batadv", B_VBC, "neighbours", "02:00:00:00:03:02");
        assertEquals(255, c.get("tq"));
        assertEquals(2, ((Map<?, ?>) n.get("batadv")).size());
    }

    @Test
    void statisticsCountClientsButNotTheNodesOwnAddresses() throws IOException {
        sysfs("bat0", "statistics/rx_bytes", "1000\n");
        sysfs("bat0", "statistics/rx_packets", "10\n");
        sysfs("bat0", "statistics/tx_bytes", "2000\n");
        sysfs("bat0", "statistics/tx_packets", "20\n");
        sysfs("bat0", "statistics/tx_dropped", "3\n");
        FixtureBackend backend = new FixtureBackend("steady", "B");
        RespondPartReader reader = new RespondPartReader(sys, 0, NO_DRIVER_COUNTERS, line -> { });
        reader.refresh(backend, snapshot(backend), 0);
        Map<String, Object> s = reader.part().part(RespondProvider.STATISTICS);

        // The captured table holds only B's own multicast and bat0 addresses, all flagged NOPURGE.
        assertEquals(0L, (long) at(s, "clients", "total"));
        assertEquals(1000L, (long) at(s, "traffic", "rx", "bytes"));
        assertEquals(20L, (long) at(s, "traffic", "tx", "packets"));
        assertEquals(3L, (long) at(s, "traffic", "tx", "dropped"));
        assertFalse(s.containsKey("gateway"));
    }

    /**
     * batman-adv's counters as the real Gluon node's statistics fixture reports them (from the
     * respondd bundle's test jar), by their ethtool names.
     */
    @Test
    void trafficTakesBatmanAdvsOwnCountersInGluonsShape() throws Exception {
        sysfs("bat0", "statistics/rx_bytes", "1\n");
        sysfs("bat0", "statistics/rx_packets", "1\n");
        sysfs("bat0", "statistics/tx_bytes", "1\n");
        sysfs("bat0", "statistics/tx_packets", "1\n");
        com.fasterxml.jackson.databind.JsonNode real = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(RespondPartTest.class.getResourceAsStream("/respondd/statistics.json")).get("traffic");
        Map<String, Long> ethtool = new java.util.LinkedHashMap<>();
        for (String dir : List.of("rx", "tx", "forward", "mgmt_rx", "mgmt_tx")) {
            ethtool.put(dir, real.get(dir).get("packets").asLong());
            ethtool.put(dir + "_bytes", real.get(dir).get("bytes").asLong());
        }
        ethtool.put("tx_dropped", real.get("tx").get("dropped").asLong());
        ethtool.put("frag_tx", 5L); // batman-adv has more counters than respondd carries
        FixtureBackend backend = new FixtureBackend("steady", "B");
        List<String> asked = new ArrayList<>();
        RespondPartReader reader = new RespondPartReader(sys, 0, ifname -> {
            asked.add(ifname);
            return ethtool;
        }, line -> { });
        reader.refresh(backend, snapshot(backend), 0);
        Map<String, Object> s = reader.part().part(RespondProvider.STATISTICS);
        assertEquals(List.of("bat0"), asked);
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.JsonNode ours = json.valueToTree(s.get("traffic"));
        // the same shape and numbers as the real node's (its tx bytes are a float there: 3669258403.0)
        for (String dir : List.of("rx", "tx", "forward", "mgmt_rx", "mgmt_tx")) {
            assertEquals(real.get(dir).get("packets").asLong(), ours.get(dir).get("packets").asLong(), dir);
            assertEquals(real.get(dir).get("bytes").asLong(), ours.get(dir).get("bytes").asLong(), dir);
        }
        assertEquals(23764, ours.get("tx").get("dropped").asLong());
        assertEquals(5, ours.size(), ours.toString());
    }

    @Test
    void withoutBatmanAdvsCountersRxAndTxComeFromSysfsWithOneLine() throws IOException {
        sysfs("bat0", "statistics/rx_bytes", "1000\n");
        sysfs("bat0", "statistics/rx_packets", "10\n");
        sysfs("bat0", "statistics/tx_bytes", "2000\n");
        sysfs("bat0", "statistics/tx_packets", "20\n");
        FixtureBackend backend = new FixtureBackend("steady", "B");
        List<String> log = new ArrayList<>();
        RespondPartReader reader = new RespondPartReader(sys, 0, ifname -> {
            throw new IOException("ETHTOOL_GSSET_INFO on bat0 failed: No such device (errno 19)");
        }, log::add);
        reader.refresh(backend, snapshot(backend), 0);
        reader.refresh(backend, snapshot(backend), 1);
        Map<String, Object> s = reader.part().part(RespondProvider.STATISTICS);
        assertEquals(Set.of("rx", "tx"), ((Map<?, ?>) s.get("traffic")).keySet());
        assertEquals(List.of("batman-adv's counters of bat0 cannot be read (respondd gets rx and tx from sysfs, no forward"
                + " or mgmt traffic): ETHTOOL_GSSET_INFO on bat0 failed: No such device (errno 19)"), log);
    }

    @Test
    void wirelessClientsAreCountedApart() {
        MeshInfo mesh = new MeshInfo("2022.3", "BATMAN_IV", "bat0", 3, "02:ba:7a:00:00:02", "vBA", B, 1000L);
        List<TranslationEntry> local = List.of(
                new TranslationEntry("02:ba:7a:00:00:02", null, 0, RespondPart.TT_CLIENT_NOPURGE, false),
                new TranslationEntry("aa:00:00:00:00:01", null, 0, RespondPart.TT_CLIENT_WIFI, false),
                new TranslationEntry("aa:00:00:00:00:02", null, 0, 0, false));
        Gateway gw = new Gateway("02:00:00:00:03:02", "02:00:00:00:03:02", null, true, 240, null, null, null);
        RespondPart part = RespondPart.of(new RespondPart.Inputs(mesh, List.of(), List.of(), Map.of(), local,
                Map.of(), List.of(), gw));
        Map<String, Object> s = part.part(RespondProvider.STATISTICS);
        assertEquals(2L, (long) at(s, "clients", "total"));
        assertEquals(1L, (long) at(s, "clients", "wifi"));
        assertEquals("02:00:00:00:03:02", s.get("gateway"));
        assertEquals(240, s.get("gateway_tq"));
    }

    @Test
    void aFailedReadLeavesItsPartOutAndLogsOnce() throws IOException {
        AtomicInteger dumps = new AtomicInteger();
        FixtureBackend backend = new FixtureBackend("steady", "B") {
            @Override
            public List<TranslationEntry> localTranslations() throws IOException {
                dumps.incrementAndGet();
                throw new IOException("Operation not permitted");
            }
        };
        List<String> log = new ArrayList<>();
        RespondPartReader reader = new RespondPartReader(sys, 0, NO_DRIVER_COUNTERS, log::add);
        MeshPoller.Snapshot snap = snapshot(backend);
        reader.refresh(backend, snap, 0);
        reader.refresh(backend, snap, 1);
        assertEquals(2, dumps.get());
        assertEquals(1, log.size(), log.toString());
        assertTrue(log.get(0).contains("local translation table") && log.get(0).contains("Operation not permitted"));
        Map<String, Object> s = reader.part().part(RespondProvider.STATISTICS);
        assertFalse(s.containsKey("clients"));
        assertEquals("020000000201", s.get("node_id"));
    }

    @Test
    void theTablesAreReadAtMostOncePerRefreshInterval() throws IOException {
        AtomicInteger dumps = new AtomicInteger();
        FixtureBackend backend = new FixtureBackend("steady", "B") {
            @Override
            public List<TranslationEntry> localTranslations() throws IOException {
                dumps.incrementAndGet();
                return super.localTranslations();
            }
        };
        RespondPartReader reader = new RespondPartReader(sys, 10_000, NO_DRIVER_COUNTERS, line -> { });
        MeshPoller.Snapshot snap = snapshot(backend);
        reader.refresh(backend, snap, 100_000);
        reader.refresh(backend, snap, 105_000);
        reader.refresh(backend, snap, 110_000);
        assertEquals(2, dumps.get());
    }

    @Test
    void nothingBeforeTheFirstPoll() {
        RespondPartReader reader = new RespondPartReader(sys, 0, NO_DRIVER_COUNTERS, line -> { });
        reader.refresh(new FixtureBackend("steady", "B"), null, 0);
        assertTrue(reader.part().part(RespondProvider.NODEINFO).isEmpty());
        assertTrue(reader.part().part("custom").isEmpty());
    }
}
