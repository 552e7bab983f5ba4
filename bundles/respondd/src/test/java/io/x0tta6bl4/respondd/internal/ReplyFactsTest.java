package io.x0tta6bl4.respondd.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import io.x0tta6bl4.api.topology.NodeAttributes;

/** What the collector believes of a reply: the real Gluon node's nodeinfo and statistics, and hostile ones. */
class ReplyFactsTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static ObjectNode real() throws Exception {
        ObjectNode reply = MAPPER.createObjectNode();
        reply.set("nodeinfo", MAPPER.readTree(RespondCodecTest.fixture("nodeinfo.json")));
        reply.set("statistics", MAPPER.readTree(RespondCodecTest.fixture("statistics.json")));
        return reply;
    }

    @Test
    void theRealGluonNodeIsReadIntoTopologyAttributes() throws Exception {
        ReplyFacts f = ReplyFacts.of(real()).orElseThrow();
        assertEquals("f81a67a601ea", f.nodeId());
        assertEquals(List.of("f8:1a:67:a6:01:ea", "fa:1d:69:a6:01:ea", "fa:1d:68:a6:01:ea", "fa:1e:67:a6:01:ea",
                "fa:1b:68:a6:01:ea"), f.macs());
        Map<String, String> a = f.attributes();
        assertEquals("foo-bar", a.get(NodeAttributes.HOSTNAME));
        assertEquals("TP-Link TL-WDR4900 v1", a.get(NodeAttributes.MODEL));
        assertEquals("2016.1.2+bremen1", a.get(NodeAttributes.FIRMWARE));
        assertEquals("ffhb", a.get(NodeAttributes.SITE));
        assertEquals("freifunk@example.com", a.get(NodeAttributes.CONTACT));
        assertEquals(53.079362250000006, Double.parseDouble(a.get(NodeAttributes.LATITUDE)));
        assertEquals(8.88002693, Double.parseDouble(a.get(NodeAttributes.LONGITUDE)));
        assertEquals("35", a.get(NodeAttributes.CLIENTS));
        assertEquals("30", a.get(NodeAttributes.CLIENTS_WIFI24));
        assertEquals("8", a.get(NodeAttributes.CLIENTS_WIFI5));
        assertEquals("138355", a.get(NodeAttributes.UPTIME_S));
        assertEquals("52:54:00:a9:f7:6e", a.get(NodeAttributes.GATEWAY));
        assertEquals("57861871176", a.get(NodeAttributes.TRAFFIC_RX_BYTES));
        assertEquals("3669258403", a.get(NodeAttributes.TRAFFIC_TX_BYTES), "the real node sends it as 3669258403.0");
        assertEquals("f81a67a601ea", a.get(NodeAttributes.RESPONDD_NODE_ID));
        assertEquals(null, f.signer(), "a reply alone vouches for nothing");
        assertFalse(a.containsKey(NodeAttributes.VERIFIED), "CollectedNodes decides that, against the node described");
    }

    @Test
    void aReplyWithoutAValidNodeIdIsNotBelieved() throws Exception {
        ObjectNode reply = real();
        ((ObjectNode) reply.get("nodeinfo")).put("node_id", "../../etc");
        assertTrue(ReplyFacts.of(reply).isEmpty());
        assertTrue(ReplyFacts.of(MAPPER.readTree("{\"statistics\":{\"node_id\":\"f81a67a601ea\"}}")).isEmpty());
    }

    @Test
    void hostileValuesAreCutCleanedOrLeftOut() throws Exception {
        ObjectNode reply = real();
        ObjectNode info = (ObjectNode) reply.get("nodeinfo");
        info.put("hostname", "\u001b]0;owned\u0007" + "n".repeat(500));
        ((ObjectNode) info.get("location")).put("latitude", 1000);
        ((ObjectNode) info.get("hardware")).put("model", "\u202eevil"); // right-to-left override
        ObjectNode stats = (ObjectNode) reply.get("statistics");
        ((ObjectNode) stats.get("clients")).put("total", -3);
        stats.put("uptime", "forever");
        stats.put("gateway", "not a mac");
        var many = ((ObjectNode) info.get("network").get("mesh").get("bat0").get("interfaces")).putArray("other");
        for (int i = 0; i < 1000; i++) {
            many.add(String.format("02:00:00:00:%02x:%02x", i >> 8, i & 0xff));
        }
        Map<String, String> a = ReplyFacts.of(reply).orElseThrow().attributes();
        String host = a.get(NodeAttributes.HOSTNAME);
        assertEquals(ReplyFacts.MAX_TEXT - "]0;owned".length(), host.length() - "]0;owned".length());
        assertTrue(host.startsWith("]0;owned") && host.chars().noneMatch(Character::isISOControl), host);
        assertEquals("evil", a.get(NodeAttributes.MODEL));
        assertFalse(a.containsKey(NodeAttributes.LATITUDE));
        assertFalse(a.containsKey(NodeAttributes.LONGITUDE));
        assertFalse(a.containsKey(NodeAttributes.CLIENTS));
        assertFalse(a.containsKey(NodeAttributes.UPTIME_S));
        assertFalse(a.containsKey(NodeAttributes.GATEWAY));
        assertEquals(ReplyFacts.MAX_MACS, ReplyFacts.of(reply).orElseThrow().macs().size());
    }

    @Test
    void statisticsOfAnotherNodeAreNotMixedIn() throws Exception {
        ObjectNode reply = real();
        ((ObjectNode) reply.get("statistics")).put("node_id", "000000000001");
        Map<String, String> a = ReplyFacts.of(reply).orElseThrow().attributes();
        assertFalse(a.containsKey(NodeAttributes.CLIENTS));
        assertEquals("foo-bar", a.get(NodeAttributes.HOSTNAME));
    }

    @Test
    void withoutNetworkMacTheNodeIdNamesIt() throws Exception {
        JsonNode reply = MAPPER.readTree("{\"nodeinfo\":{\"node_id\":\"0273696d0001\",\"hostname\":\"x\"}}");
        assertEquals(List.of("02:73:69:6d:00:01"), ReplyFacts.of(reply).orElseThrow().macs());
    }
}
