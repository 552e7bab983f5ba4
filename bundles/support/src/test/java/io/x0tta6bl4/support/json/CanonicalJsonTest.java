package io.x0tta6bl4.support.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;

class CanonicalJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void membersAreSortedAtEveryLevelWithoutSpace() throws Exception {
        JsonNode t = JSON.readTree("{ \"b\": [ {\"z\": 1, \"a\": \"x\"} ], \"a\": {\"d\": 1.5, \"c\": null, \"e\": true} }");
        assertEquals("{\"a\":{\"c\":null,\"d\":1.5,\"e\":true},\"b\":[{\"a\":\"x\",\"z\":1}]}",
                new String(CanonicalJson.bytes(t), StandardCharsets.UTF_8));
    }

    @Test
    void aTreeBuiltFromJavaValuesAndTheSameTreeAfterTheWireGiveTheSameBytes() throws Exception {
        Map<String, Object> part = new LinkedHashMap<>();
        part.put("hostname", "n\u00e4de \"1\"\n");
        part.put("loadavg", 0.1f);
        part.put("uptime", 123456789012L);
        part.put("location", Map.of("latitude", 53.55, "longitude", 9.99));
        part.put("macs", List.of("02:00:00:00:00:0a"));
        JsonNode sent = JSON.valueToTree(Map.of("nodeinfo", part));
        JsonNode received = JSON.readTree(JSON.writeValueAsBytes(sent));
        assertArrayEquals(CanonicalJson.bytes(sent), CanonicalJson.bytes(received));
    }

    @Test
    void anyChangeOfAValueChangesTheBytes() throws Exception {
        byte[] one = CanonicalJson.bytes(JSON.readTree("{\"a\":1}"));
        assertFalse(Arrays.equals(one, CanonicalJson.bytes(JSON.readTree("{\"a\":1.0}"))));
        assertFalse(Arrays.equals(one, CanonicalJson.bytes(JSON.readTree("{\"a\":\"1\"}"))));
        assertFalse(Arrays.equals(one, CanonicalJson.bytes(JSON.readTree("{\"a\":1,\"b\":null}"))));
    }

    @Test
    void aTreeNestedTooDeepIsRefused() throws Exception {
        String deep = "[".repeat(CanonicalJson.MAX_DEPTH + 2) + "]".repeat(CanonicalJson.MAX_DEPTH + 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CanonicalJson.bytes(JSON.readTree(deep)));
        assertEquals("JSON nests deeper than " + CanonicalJson.MAX_DEPTH, e.getMessage());
    }
}
