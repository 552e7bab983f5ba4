package io.x0tta6bl4.respondd.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class RespondCodecTest {

    static byte[] fixture(String name) throws IOException {
        try (InputStream in = RespondCodecTest.class.getResourceAsStream("/respondd/" + name)) {
            if (in == null) {
                throw new IOException("fixture respondd/" + name + " missing from the test classpath");
            }
            return in.readAllBytes();
        }
    }

    @Test
    void aRealGluonReplyInflatesToItsNodeinfo() throws Exception {
        byte[] wire = fixture("nodeinfo.flated");
        JsonNode json = new ObjectMapper().readTree(RespondCodec.inflate(wire, wire.length, 64 * 1024));
        assertEquals("gluon-v2016.1", json.path("nodeinfo").path("software").path("firmware").path("base").asText());
        assertTrue(json.path("nodeinfo").path("node_id").isTextual());
    }

    @Test
    void whatWeDeflateInflatesBack() throws Exception {
        byte[] json = fixture("statistics.json");
        byte[] wire = RespondCodec.deflate(json);
        assertTrue(wire.length < json.length);
        assertArrayEquals(json, RespondCodec.inflate(wire, wire.length, json.length));
    }

    @Test
    void aBombIsRefusedAtTheLimitWithoutUnpackingIt() {
        byte[] bomb = RespondCodec.deflate(new byte[50 * 1024 * 1024]);
        assertTrue(bomb.length < 60 * 1024, "50 MiB of zeros packs small: " + bomb.length);
        String m = assertThrows(RespondFormatException.class,
                () -> RespondCodec.inflate(bomb, bomb.length, 256 * 1024)).getMessage();
        assertEquals("reply unpacks to more than 262144 bytes", m);
    }

    @Test
    void aCutOrForeignStreamIsRefused() throws Exception {
        byte[] wire = fixture("nodeinfo.flated");
        assertTrue(assertThrows(RespondFormatException.class,
                () -> RespondCodec.inflate(wire, wire.length / 2, 64 * 1024)).getMessage().contains("cut short"));
        byte[] text = "{\"nodeinfo\":{}}".getBytes(StandardCharsets.US_ASCII);
        assertThrows(RespondFormatException.class, () -> RespondCodec.inflate(text, text.length, 64 * 1024));
        byte[] gzip = Arrays.copyOf(new byte[] {0x1f, (byte) 0x8b, 8, 0}, 20);
        assertThrows(RespondFormatException.class, () -> RespondCodec.inflate(gzip, gzip.length, 64 * 1024));
    }
}
