package io.x0tta6bl4.respondd.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

class RespondRequestTest {

    private static RespondRequest parse(String s) throws RespondFormatException {
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        return RespondRequest.parse(b, b.length);
    }

    private static String refusal(String s) {
        return assertThrows(RespondFormatException.class, () -> parse(s)).getMessage();
    }

    @Test
    void getFormAsksForCompressedTypesInOrderWithoutRepeats() throws Exception {
        RespondRequest r = parse("GET nodeinfo statistics neighbours nodeinfo");
        assertEquals(List.of("nodeinfo", "statistics", "neighbours"), r.types());
        assertTrue(r.compressed());
    }

    @Test
    void oneBareTypeIsTheLegacyUncompressedForm() throws Exception {
        RespondRequest r = parse("nodeinfo\n");
        assertEquals(List.of("nodeinfo"), r.types());
        assertFalse(r.compressed());
    }

    @Test
    void encodeGivesWhatACollectorSends() throws Exception {
        assertArrayEquals("GET nodeinfo statistics".getBytes(StandardCharsets.US_ASCII),
                parse("GET nodeinfo statistics").encode());
    }

    @Test
    void malformedQueriesAreRefusedWithWhatWasWrong() {
        assertTrue(refusal("").contains("empty"));
        assertTrue(refusal("GET ").contains("type ''"));
        assertTrue(refusal("GET  nodeinfo").contains("type ''"));
        assertTrue(refusal("GET NodeInfo").contains("'NodeInfo'"));
        assertTrue(refusal("nodeinfo statistics").contains("neither"));
        assertTrue(refusal("GET nodeinfo\0").contains("0x0"));
        assertTrue(refusal("GET n\u00e9").contains("0xe9"));
        assertTrue(refusal("GET a b c d e f g h i").contains("more than 8"));
        assertTrue(refusal("GET " + "a".repeat(33)).contains("type"));
        assertTrue(refusal("GET " + "nodeinfo ".repeat(40)).contains("at most 256"));
    }
}
