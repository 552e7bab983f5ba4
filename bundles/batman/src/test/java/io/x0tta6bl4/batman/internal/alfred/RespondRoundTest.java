package io.x0tta6bl4.batman.internal.alfred;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;

/**
 * Gzip bombs among the respondd records of a poll round: 8 MiB of zeros deflate to about 8 KiB,
 * well inside one alfred record, and would unpack 32 times past the per-record bound. Each is
 * refused with one line, the other nodes of the round are still read, and what a round
 * inflates stays within {@link GluonNode#MAX_ROUND} however many bombs alfred holds.
 */
class RespondRoundTest {

    private static final int BOMB_BYTES = 8 * 1024 * 1024;

    private static byte[] bomb() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            byte[] zeros = new byte[64 * 1024];
            for (int i = 0; i < BOMB_BYTES / zeros.length; i++) {
                gz.write(zeros);
            }
        }
        return out.toByteArray();
    }

    private static byte[] nodeinfo(int n) throws IOException {
        return GluonNodeTest.gzip(GluonNodeTest.NODEINFO.replace("02aa00000001", String.format("02aa%08x", n))
                .replace("02:aa:00:00:01:01", String.format("02:aa:00:00:01:%02x", n))
                .replace("02:aa:00:00:02:01", String.format("02:aa:00:00:02:%02x", n)));
    }

    private static AlfredRecord record(int type, String source, byte[] data) {
        return new AlfredRecord(source, type, 0, data);
    }

    @Test
    void aBombIsRefusedWithOneLineAndTheOtherNodesAreRead() throws IOException {
        byte[] bomb = bomb();
        assertTrue(bomb.length < AlfredCodec.MAX_DATA, "fits in one alfred record: " + bomb.length + " bytes");
        List<String> skipped = new ArrayList<>();
        List<VisNode> nodes = RespondRound.read(List.of(
                        record(GluonNode.NODEINFO, "02:aa:00:00:00:01", nodeinfo(1)),
                        record(GluonNode.NODEINFO, "02:ee:00:00:00:01", bomb),
                        record(GluonNode.NODEINFO, "02:aa:00:00:00:03", nodeinfo(3)),
                        record(GluonNode.NODEINFO, "02:aa:00:00:00:04", nodeinfo(4))),
                List.of(record(GluonNode.NEIGHBOURS, "02:aa:00:00:00:04", bomb)), Set.of(), Set.of(), skipped::add);
        assertEquals(List.of("02:aa:00:00:01:01", "02:aa:00:00:01:03"), nodes.stream().map(VisNode::primary).toList());
        assertEquals(List.of(
                "Skipping the respondd records of 02:ee:00:00:00:01: respondd record unpacks to more than 262144 bytes"
                        + " (refused as a gzip bomb)",
                "Skipping the respondd records of 02:aa:00:00:00:04: respondd record unpacks to more than 262144 bytes"
                        + " (refused as a gzip bomb)"), skipped);
    }

    @Test
    void aBombCostsAtMostTheRecordBound() throws IOException {
        GluonNode.InflateBudget budget = new GluonNode.InflateBudget(GluonNode.MAX_ROUND);
        assertThrows(AlfredFormatException.class, () -> GluonNode.json(bomb(), budget));
        assertEquals(GluonNode.MAX_ROUND - GluonNode.MAX_JSON, budget.left());
    }

    @Test
    void aFloodOfBombsUnpacksNoMoreThanTheRoundBound() throws IOException {
        byte[] bomb = bomb();
        List<AlfredRecord> records = new ArrayList<>();
        // As many as one alfred reply (16 MiB) can carry.
        int count = 16 * 1024 * 1024 / bomb.length;
        for (int i = 0; i < count; i++) {
            records.add(record(GluonNode.NODEINFO, String.format("02:ee:00:00:%02x:%02x", i / 256, i % 256), bomb));
        }
        records.add(record(GluonNode.NODEINFO, "02:aa:00:00:00:01", nodeinfo(1)));
        List<String> skipped = new ArrayList<>();
        long start = System.nanoTime();
        List<VisNode> nodes = RespondRound.read(records, List.of(), Set.of(), Set.of(), skipped::add);
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertEquals(count + 1, skipped.size(), "the good node after the flood is past the round's budget too");
        assertEquals(List.of(), nodes);
        long perRecord = GluonNode.MAX_ROUND / GluonNode.MAX_JSON;
        assertEquals(perRecord, skipped.stream().filter(l -> l.contains("gzip bomb")).count());
        assertTrue(skipped.get(skipped.size() - 1).endsWith("unpack to more than 4194304 bytes in all"),
                skipped.get(skipped.size() - 1));
        System.out.println(count + " bombs of " + bomb.length + " bytes in one round: " + ms + " ms");
    }

    /** The collector's replies by UDP are read exactly as alfred's records: links from the neighbours, bounds, one line per bad one. */
    @Test
    void repliesTheCollectorHeardJoinLikeAlfredRecords() {
        java.time.Instant at = java.time.Instant.now();
        List<String> skipped = new ArrayList<>();
        java.util.Set<String> described = new java.util.HashSet<>(Set.of("02:aa:00:00:01:05"));
        List<VisNode> nodes = RespondRound.collected(List.of(
                new io.x0tta6bl4.api.respondd.CollectedReply("02aa00000001", GluonNodeTest.NODEINFO,
                        GluonNodeTest.NEIGHBOURS, false, at),
                new io.x0tta6bl4.api.respondd.CollectedReply("02ee00000001", "{\"hostname\":\"no id\"}", null, false, at),
                new io.x0tta6bl4.api.respondd.CollectedReply("02aa00000005", GluonNodeTest.NODEINFO
                        .replace("02aa00000001", "02aa00000005").replace("02:aa:00:00:01:01", "02:aa:00:00:01:05"),
                        null, false, at)), Set.of("02:aa:00:00:01:01"), described, skipped::add);
        assertEquals(1, nodes.size(), "the one alfred or batadv-vis already describes is left out: " + nodes);
        VisNode n = nodes.get(0);
        assertEquals("02:aa:00:00:01:01", n.primary(), "its interface batman-adv lists as an originator");
        assertEquals(1, n.links().size(), "a neighbour with TQ 0 is none: " + n.links());
        assertEquals("02:bb:00:00:01:01", n.links().get(0).neighbor());
        assertEquals(231, n.links().get(0).tq());
        assertTrue(described.contains("02:aa:00:00:01:01"));
        assertEquals(List.of("Skipping the collected respondd reply of 02ee00000001: respondd nodeinfo without node_id"),
                skipped);
    }
}
