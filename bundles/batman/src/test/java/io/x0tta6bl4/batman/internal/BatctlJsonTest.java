package io.x0tta6bl4.batman.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;

import org.junit.jupiter.api.Test;

/** batctl's JSON tables give exactly the rows the netlink decoder gives for the same capture. */
class BatctlJsonTest {

    @Test
    void jsonTablesMatchTheNetlinkDumpsOfTheSameNode() throws IOException {
        for (String phase : new String[] {"converged", "steady", "down-final"}) {
            for (String node : Fixtures.NODES) {
                assertEquals(BatadvDecoderTest.decode(phase, node, "GET_HARDIF", BatadvDecoder::hardInterface),
                        BatctlJson.interfaces(Fixtures.text(phase, node, "hj.json")), phase + "/" + node);
                MeshInfo fromJson = BatctlJson.mesh(Fixtures.text(phase, node, "mj.json"));
                MeshInfo fromNetlink = BatadvDecoderTest.decode(phase, node, "GET_MESH", BatadvDecoder::mesh).get(0);
                assertEquals(fromNetlink, fromJson, phase + "/" + node);
            }
        }
    }

    @Test
    void originatorsAndNeighbours() throws IOException {
        List<Originator> o = BatctlJson.originators(Fixtures.text("steady", "A", "oj.json"));
        assertEquals(new Originator("02:00:00:00:03:02", "02:00:00:00:02:01", "vAB", 2, 680, 225, null, true), o.get(0));
        assertEquals(2, o.size());
        List<Originator> down = BatctlJson.originators(Fixtures.text("down-5s", "A", "oj.json"));
        assertTrue(down.stream().anyMatch(x -> x.address().equals("02:00:00:00:03:02") && x.lastSeenMs() > 4000));
        assertEquals(List.of(new Neighbor("02:00:00:00:02:01", "vAB", 2, 560, null)),
                BatctlJson.neighbors(Fixtures.text("steady", "A", "nj.json")));
        assertEquals(2, BatctlJson.neighbors(Fixtures.text("steady", "B", "nj.json")).size());
        assertTrue(BatctlJson.translations(Fixtures.text("steady", "A", "tgj.json")).size() > 0);
    }

    @Test
    void badOutputIsOneClearError() {
        IOException e = assertThrows(IOException.class, () -> BatctlJson.originators("Error - interface bat0 is not present"));
        assertTrue(e.getMessage().contains("not JSON"), e.getMessage());
        e = assertThrows(IOException.class, () -> BatctlJson.originators("[{\"orig_address\": 5}]"));
        assertTrue(e.getMessage().contains("orig_address"), e.getMessage());
        assertThrows(IOException.class, () -> BatctlJson.mesh("[]"));
    }
}
