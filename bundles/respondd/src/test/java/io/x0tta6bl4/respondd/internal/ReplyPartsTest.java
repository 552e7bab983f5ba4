package io.x0tta6bl4.respondd.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ReplyPartsTest {

    @Test
    void objectsMergeKeyByKeyAndTheHigherRankedScalarWins() {
        Map<String, Object> batman = Map.of("node_id", "02000000000a",
                "software", Map.of("batman-adv", Map.of("version", "2023.1")));
        Map<String, Object> system = Map.of("node_id", "525400123456", "hostname", "a",
                "software", Map.of("firmware", Map.of("base", "x0tta6bl4")));
        Map<String, Object> merged = ReplyParts.merge(List.of(batman, system));
        assertEquals("02000000000a", merged.get("node_id"));
        assertEquals("a", merged.get("hostname"));
        assertEquals(Map.of("batman-adv", Map.of("version", "2023.1"), "firmware", Map.of("base", "x0tta6bl4")),
                merged.get("software"));
    }
}
